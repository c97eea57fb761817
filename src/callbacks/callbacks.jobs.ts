import { Injectable } from '@nestjs/common';
import { OnJob } from '../jobs/on-job.decorator.js';
import type { JobPayloads } from '../jobs/job-types.js';
import { CallbacksService } from './callbacks.service.js';

@Injectable()
export class CallbacksJobs {
  constructor(private readonly callbacks: CallbacksService) {}

  @OnJob('callback.create')
  async create(payload: JobPayloads['callback.create']): Promise<void> {
    await this.callbacks.createForReply(payload);
  }
}
