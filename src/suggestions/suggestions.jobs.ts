import { Injectable } from '@nestjs/common';
import { OnJob } from '../jobs/on-job.decorator.js';
import type { JobPayloads } from '../jobs/job-types.js';
import { ClosingService } from './closing.service.js';

/** The workflow's own job: closing a replied item whose rating window lapsed (re-checked when it fires). */
@Injectable()
export class SuggestionsJobs {
  constructor(private readonly closing: ClosingService) {}

  @OnJob('rating.auto-close')
  async autoClose(payload: JobPayloads['rating.auto-close']): Promise<void> {
    await this.closing.autoCloseIfLapsed(payload.suggestionId);
  }
}
