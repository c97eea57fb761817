import { Injectable } from '@nestjs/common';
import { OnJob } from '../jobs/on-job.decorator.js';
import type { JobPayloads } from '../jobs/job-types.js';
import { AwardsService } from './awards.service.js';

/** The awards feature's jobs: the quarter-end trigger (written by the reconciler) and winner notices. */
@Injectable()
export class AwardsJobs {
  constructor(private readonly awards: AwardsService) {}

  /** The quarter that just ended: computes its round unless one is already computed or published. */
  @OnJob('awards.quarter-end')
  async quarterEnd(payload: JobPayloads['awards.quarter-end']): Promise<void> {
    await this.awards.onQuarterEnd(payload.quarter);
  }

  @OnJob('awards.winner-notice')
  async winnerNotice(payload: JobPayloads['awards.winner-notice']): Promise<void> {
    await this.awards.notifyWinner(payload);
  }
}
