import { In, IsNull, Not } from 'typeorm';
import type { Logger } from '../../common/logger.js';
import type { Clock } from '../../common/clock.js';
import type { Transactions } from '../../database/transactions.js';
import { retryDelayMs } from '../backoff.js';
import type { FailedJob, JobDriver, QueueDepth, QueueHealth, RetryOutcome } from '../job-driver.js';
import { errorMessage, PermanentJobError, type JobHandlers } from '../job-handlers.js';
import { JOB_SPECS, RECURRING_JOBS, isJobName, outboxEntry, type JobName } from '../job-types.js';
import type { JobsOptions } from '../jobs.options.js';
import { leaseDueRows } from '../outbox-claims.js';
import { OutboxMessageEntity } from '../outbox-message.entity.js';
import { writeOutbox } from '../outbox.js';

function toFailedJob(r: OutboxMessageEntity): FailedJob {
  return { id: r.dedupeKey, name: r.topic, attempts: r.attempts, error: r.lastError, failedAt: r.completedAt };
}

/**
 * Embedded mode: the outbox is the durable queue (Vendure's SQL job queue). Due rows are
 * claimed by pushing `availableAt` out by a lease, run, then marked done; a failure schedules
 * a retry with exponential backoff, and the last failure dead-letters the row (completedAt and
 * lastError set). A process that dies mid-job leaves the row to come due again after the lease.
 */
export class SqlJobDriver implements JobDriver {
  readonly kind = 'sql' as const;
  private timer: NodeJS.Timeout | null = null;
  private readonly periodicTimers: NodeJS.Timeout[] = [];
  private inFlight: Promise<number> | null = null;
  private stopped = true;
  /** Set by stop(): claimed rows not yet started are released instead of run. */
  private stopping = false;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly handlers: JobHandlers,
    private readonly options: JobsOptions,
    private readonly logger: Logger,
  ) {}

  async start({ consume }: { consume: boolean }): Promise<void> {
    if (!consume || !this.stopped) return;
    this.stopped = false;
    this.stopping = false;
    for (const r of RECURRING_JOBS) {
      const everyMs = r.everyMs(this.options);
      await this.schedulePeriodic(r.name, everyMs);
      const timer = setInterval(() => void this.schedulePeriodic(r.name, everyMs), everyMs);
      timer.unref();
      this.periodicTimers.push(timer);
    }
    const loop = async () => {
      if (this.stopped) return;
      try {
        // Keep going while full batches come back, then rest until the next poll.
        while (!this.stopped && (await this.pump()) >= this.options.batchSize);
      } catch (err) {
        this.logger.error({ err: errorMessage(err) }, 'job runner pass failed');
      }
      if (!this.stopped) this.timer = setTimeout(loop, this.options.pollMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  pump(): Promise<number> {
    // One pass at a time per process; a caller arriving meanwhile shares it.
    this.inFlight ??= this.runDue().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async runDue(): Promise<number> {
    const now = this.clock.now();
    const leaseEnd = new Date(now.getTime() + this.options.leaseMs);
    const claimed = await this.tx.run((em) => leaseDueRows(em, now, this.options.batchSize, leaseEnd, { countAttempt: true }));
    let next = 0;
    const worker = async () => {
      while (next < claimed.length && !this.stopping) await this.runOne(claimed[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, claimed.length) }, worker));
    const unstarted = claimed.slice(next);
    if (unstarted.length) {
      await this.tx.run((em) =>
        em
          .createQueryBuilder()
          .update(OutboxMessageEntity)
          .set({ availableAt: now, attempts: () => 'attempts - 1' })
          .where({ id: In(unstarted.map((r) => r.id)), completedAt: IsNull() })
          .execute(),
      );
    }
    return next;
  }

  private async runOne(row: OutboxMessageEntity): Promise<void> {
    const maxAttempts = isJobName(row.topic) ? JOB_SPECS[row.topic].attempts : 1;
    const finalAttempt = row.attempts >= maxAttempts;
    try {
      await this.handlers.execute(row.topic, row.payload, { attempt: row.attempts, maxAttempts, finalAttempt });
      const done = this.clock.now();
      await this.tx.run((em) => em.update(OutboxMessageEntity, { id: row.id, completedAt: IsNull() }, { dispatchedAt: done, completedAt: done, lastError: null }));
    } catch (err) {
      const at = this.clock.now();
      const lastError = errorMessage(err);
      const dead = finalAttempt || err instanceof PermanentJobError;
      const changes = dead
        ? { dispatchedAt: at, completedAt: at, lastError }
        : { availableAt: new Date(at.getTime() + this.retryDelay(row.topic, row.attempts)), lastError };
      await this.tx.run((em) => em.update(OutboxMessageEntity, { id: row.id, completedAt: IsNull() }, changes));
      if (dead) this.logger.error({ job: row.topic, outboxId: row.id, attempts: row.attempts, err: lastError }, 'job dead-lettered');
    }
  }

  private retryDelay(topic: string, attempt: number): number {
    const base = isJobName(topic) ? JOB_SPECS[topic].backoffMs : 1000;
    return retryDelayMs(base * this.options.backoffScale, attempt);
  }

  /** A recurring job of the job table, once per period however many processes run: the period is in the dedupe key. */
  private async schedulePeriodic(name: JobName, everyMs: number): Promise<void> {
    const now = this.clock.now().getTime();
    const periodStart = new Date(now - (now % everyMs));
    try {
      await this.tx.run((em) => writeOutbox(em, new Date(now), [outboxEntry(name, {}, `${name}:${periodStart.toISOString()}`, periodStart)]));
    } catch (err) {
      this.logger.error({ job: name, err: errorMessage(err) }, 'could not schedule a recurring job');
    }
  }

  async healLostJobs(): Promise<number> {
    return 0; // the database is the queue: nothing is held elsewhere to lose
  }

  async health(): Promise<QueueHealth> {
    return { status: 'up' };
  }

  async queueDepths(): Promise<QueueDepth[]> {
    return [];
  }

  async failedJobs(limit: number): Promise<FailedJob[]> {
    const rows = await this.tx.dataSource.getRepository(OutboxMessageEntity).find({
      where: { completedAt: Not(IsNull()), lastError: Not(IsNull()) },
      order: { completedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
    return rows.map(toFailedJob);
  }

  /** The dead-lettered row comes due now, with its attempts counted afresh; the conditional update settles a race between two operators. */
  async retryFailed(id: string): Promise<RetryOutcome> {
    return this.tx.run(async (em) => {
      const row = await em.findOneBy(OutboxMessageEntity, { dedupeKey: id });
      if (!row) return { result: 'NOT_FOUND' };
      if (!row.completedAt || !row.lastError) return { result: 'NOT_FAILED' };
      const done = await em.update(
        OutboxMessageEntity,
        { id: row.id, completedAt: Not(IsNull()), lastError: Not(IsNull()) },
        { completedAt: null, dispatchedAt: null, availableAt: this.clock.now(), attempts: 0 },
      );
      return done.affected ? { result: 'RETRIED', job: toFailedJob(row) } : { result: 'NOT_FAILED' };
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    for (const timer of this.periodicTimers.splice(0)) clearInterval(timer);
    this.timer = null;
    // Finish what is running; rows not yet started keep their lease and come due again.
    await this.inFlight?.catch(() => undefined);
  }
}
