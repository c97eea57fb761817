import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '../jobs/job-types.js';
import { OnJob } from '../jobs/on-job.decorator.js';
import { DisclosureService } from './disclosure.service.js';

/** Job handlers of the ledger: thin adapters; the service re-checks the state when they fire. */
@Injectable()
export class DisclosureJobs {
  constructor(private readonly disclosure: DisclosureService) {}

  @OnJob('disclosure.callback')
  async openCallback(payload: JobPayloads['disclosure.callback']): Promise<void> {
    await this.disclosure.openCallback(payload.requestId);
  }

  @OnJob('disclosure.due-soon')
  async remindDueSoon(payload: JobPayloads['disclosure.due-soon']): Promise<void> {
    await this.disclosure.remindDueSoon(payload.requestId, payload.dueAt);
  }
}
