import { Injectable } from '@nestjs/common';
import { OnJob } from '../jobs/on-job.decorator.js';
import type { JobPayloads } from '../jobs/job-types.js';
import { WorkflowService } from './workflow.service.js';

/** The workflow's own job: closing a replied item whose rating window lapsed (re-checked when it fires). */
@Injectable()
export class SuggestionsJobs {
  constructor(private readonly workflow: WorkflowService) {}

  @OnJob('rating.auto-close')
  async autoClose(payload: JobPayloads['rating.auto-close']): Promise<void> {
    await this.workflow.autoCloseIfLapsed(payload.suggestionId);
  }
}
