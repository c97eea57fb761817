import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { requireRole, type Actor } from '../auth/actor.js';
import { ADMIN_ROLES } from '../auth/roles.js';
import { Clock } from '../common/clock.js';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { JOB_DRIVER, type FailedJob, type JobDriver } from './job-driver.js';
import { JobRetryEventEntity } from './job-retry-event.entity.js';

/** Operators' handling of dead-lettered jobs, on whichever driver runs the queue. */
@Injectable()
export class FailedJobsService {
  constructor(
    @Inject(JOB_DRIVER) private readonly driver: JobDriver,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Sends a failed job back to the queue with fresh attempts and records who did it.
   * NOT_FOUND when no job has that id (any more); CONFLICT (job.notFailed) when it has not failed.
   */
  async retry(actor: Actor, id: string): Promise<FailedJob> {
    requireRole(actor, ADMIN_ROLES);
    const outcome = await this.driver.retryFailed(id);
    if (outcome.result === 'NOT_FOUND') throw new NotFoundError('FailedJob', id);
    if (outcome.result === 'NOT_FAILED') throw new ConflictError(msg('job.notFailed'), { id });
    const { job } = outcome;
    await this.dataSource
      .getRepository(JobRetryEventEntity)
      .insert({ jobId: job.id, jobName: job.name, driver: this.driver.kind, actorStaffId: actor.id, lastError: job.error, at: this.clock.now() });
    return job;
  }
}
