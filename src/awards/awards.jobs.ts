import { Injectable } from '@nestjs/common';
import { OnJob } from '../jobs/on-job.decorator.js';
import type { JobPayloads } from '../jobs/job-types.js';
import { AwardsService } from './awards.service.js';

// The quarter-end trigger reaches AwardsService through QUARTER_END_HOOK (src/jobs/quarter-end.ts);
// the jobs module owns that @OnJob handler.
@Injectable()
export class AwardsJobs {
  constructor(private readonly awards: AwardsService) {}

  @OnJob('awards.winner-notice')
  async winnerNotice(payload: JobPayloads['awards.winner-notice']): Promise<void> {
    await this.awards.notifyWinner(payload);
  }
}
