import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '../jobs/job-types.js';
import { OnJob } from '../jobs/on-job.decorator.js';
import { DisclosureFollowUpsService } from './disclosure-follow-ups.service.js';

/** Job handlers of the ledger: thin adapters; the service re-checks the state when they fire. */
@Injectable()
export class DisclosureJobs {
  constructor(private readonly followUps: DisclosureFollowUpsService) {}

  @OnJob('disclosure.callback')
  async openCallback(payload: JobPayloads['disclosure.callback']): Promise<void> {
    await this.followUps.openCallback(payload.requestId);
  }

  @OnJob('disclosure.due-soon')
  async remindDueSoon(payload: JobPayloads['disclosure.due-soon']): Promise<void> {
    await this.followUps.remindDueSoon(payload.requestId, payload.dueAt);
  }
}
