import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { In, IsNull, LessThan, MoreThan } from 'typeorm';
import type { Logger } from '../../common/logger.js';
import type { Clock } from '../../common/clock.js';
import { withTimeout } from '../../common/with-timeout.js';
import type { Transactions } from '../../database/transactions.js';
import { BACKOFF_JITTER } from '../backoff.js';
import type { FailedJob, JobDriver, QueueDepth, QueueHealth, RetryOutcome } from '../job-driver.js';
import { errorMessage, PermanentJobError, type JobHandlers } from '../job-handlers.js';
import { JOB_SPECS, RECURRING_JOBS, isJobName, type JobQueueName, type JobSpec } from '../job-types.js';
import type { JobsOptions } from '../jobs.options.js';
import { endClaim, leaseDueRows, markCompleted } from '../outbox-claims.js';
import { OutboxMessageEntity } from '../outbox-message.entity.js';
import { connectRedis, isClusterTarget, queuePrefix, type RedisClient, type RedisTarget } from '../../redis/redis-connection.js';

/** What a BullMQ job carries: the outbox payload (ids only) and the row it came from. */
export interface QueuedJobData {
  payload: unknown;
  outboxId?: number;
}

export const QUEUE_NAMES: readonly JobQueueName[] = ['civicloop-jobs', 'civicloop-notifications'];
const UNKNOWN_TOPIC_SPEC: JobSpec = { queue: 'civicloop-jobs', attempts: 1, backoffMs: 0 };
const DAY_S = 86_400;

/** BullMQ refuses ':' in custom ids; dedupe keys use it, so it is escaped (reversibly). */
export function jobIdFor(dedupeKey: string): string {
  return dedupeKey.replaceAll('%', '%25').replaceAll(':', '%3A');
}

/**
 * Reconnect forever, backing off to at most 5 s. BullMQ's default grows to 20 s, so a worker
 * could sit idle for 20 s after Redis returned; a reconnect attempt every 5 s costs nothing.
 */
export function reconnectDelay(times: number): number {
  return Math.min(250 * 2 ** Math.min(times, 10), 5_000);
}

function specOf(topic: string): JobSpec {
  return isJobName(topic) ? JOB_SPECS[topic] : UNKNOWN_TOPIC_SPEC;
}

function toFailedJob(j: Job): FailedJob {
  return { id: j.id ?? '', name: j.name, attempts: j.attemptsMade, error: j.failedReason ?? null, failedAt: j.finishedOn ? new Date(j.finishedOn) : null };
}

/**
 * Production mode. A relay moves due outbox rows to BullMQ — claimed with SKIP LOCKED so any
 * number of relays can run, job id = dedupe key so a row added twice is one job — and marks
 * them dispatched; workers run them and mark the row completed. Connections follow BullMQ's
 * production guide: the relay's queues fail fast while Redis is away (the outbox keeps the
 * work, the claim is released), workers retry forever.
 */
export class BullMqJobDriver implements JobDriver {
  readonly kind = 'bullmq' as const;
  private readonly queues = new Map<JobQueueName, Queue>();
  private readonly workers: Worker[] = [];
  private timer: NodeJS.Timeout | null = null;
  private relaying: Promise<number> | null = null;
  private stopped = true;
  private schedulersRegistered = false;
  /** Cluster connections this driver made (BullMQ leaves shared ones open). */
  private readonly clusterClients: RedisClient[] = [];
  private readonly prefix: string;

  constructor(
    /** A Redis URL, or the seed nodes of a Redis Cluster. */
    private readonly redis: RedisTarget,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly handlers: JobHandlers,
    private readonly options: JobsOptions,
    private readonly logger: Logger,
  ) {
    this.prefix = queuePrefix(options.prefix, redis);
  }

  /**
   * Connection options, or on a cluster a Cluster connection of its own: BullMQ takes a cluster
   * only as an instance (a Worker duplicates it for its blocking connection).
   */
  private connection(options: { enableOfflineQueue?: boolean; maxRetriesPerRequest: number | null }): ConnectionOptions {
    if (!isClusterTarget(this.redis)) return { url: this.redis, ...options, retryStrategy: reconnectDelay };
    const client = connectRedis(this.redis, { ...options, retryStrategy: reconnectDelay });
    client.on('error', () => undefined); // BullMQ reports through the queue's or worker's own 'error'
    this.clusterClients.push(client);
    return client as ConnectionOptions;
  }

  /** Producer side: no offline queue, so a relay pass fails at once while Redis is down. */
  queue(name: JobQueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      const connection = this.connection({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      q = new Queue(name, { connection, prefix: this.prefix });
      q.on('error', (err) => this.logger.warn({ queue: name, err: errorMessage(err) }, 'queue connection error'));
      this.queues.set(name, q);
    }
    return q;
  }

  allQueues(): Queue[] {
    return QUEUE_NAMES.map((n) => this.queue(n));
  }

  /** Starts the relay (once) and, when `consume`, the workers (once); may be called again to add the workers. */
  async start({ consume }: { consume: boolean }): Promise<void> {
    if (consume && !this.workers.length) for (const name of QUEUE_NAMES) this.workers.push(this.startWorker(name));
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      try {
        // Registered on the first pass that reaches Redis (it may be away at boot).
        if (!this.schedulersRegistered) await this.schedulePeriodic();
        while (!this.stopped && (await this.pump()) >= this.options.batchSize);
      } catch (err) {
        // Redis or the database is away: the rows stay in the outbox for the next pass.
        this.logger.warn({ err: errorMessage(err) }, 'outbox relay pass failed');
      }
      if (!this.stopped) this.timer = setTimeout(loop, this.options.pollMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  /**
   * The recurring jobs of the job table (src/jobs/job-types.ts) as BullMQ job schedulers: one
   * run per period across every process. A scheduler whose job left the table is removed.
   */
  private async schedulePeriodic(): Promise<void> {
    this.schedulersRegistered = true;
    try {
      for (const r of RECURRING_JOBS) {
        const spec = JOB_SPECS[r.name];
        await this.queue(spec.queue).upsertJobScheduler(
          r.name,
          { every: r.everyMs(this.options) },
          { name: r.name, data: { payload: {} } satisfies QueuedJobData, opts: { attempts: spec.attempts, removeOnComplete: { count: 100 }, removeOnFail: { age: 30 * DAY_S } } },
        );
      }
      const wanted = new Set<string>(RECURRING_JOBS.map((r) => r.name));
      for (const q of this.allQueues()) {
        for (const scheduler of await q.getJobSchedulers()) {
          if (!wanted.has(scheduler.key)) await q.removeJobScheduler(scheduler.key);
        }
      }
    } catch (err) {
      this.schedulersRegistered = false;
      throw err;
    }
  }

  private startWorker(name: JobQueueName): Worker {
    // Consumer side: maxRetriesPerRequest null, reconnecting forever (BullMQ's guide).
    const connection = this.connection({ maxRetriesPerRequest: null });
    const worker = new Worker<QueuedJobData>(name, (job) => this.process(job), {
      connection,
      prefix: this.prefix,
      concurrency: name === 'civicloop-notifications' ? this.options.concurrency * 2 : this.options.concurrency,
      // A job whose worker died is put back (stalled); only one that keeps killing workers is dead-lettered.
      maxStalledCount: 5,
    });
    worker.on('failed', (job, err) => void this.recordFailure(job, err));
    worker.on('error', (err) => this.logger.warn({ queue: name, err: errorMessage(err) }, 'worker connection error'));
    return worker;
  }

  private async process(job: Job<QueuedJobData>): Promise<void> {
    const maxAttempts = job.opts.attempts ?? 1;
    const attempt = job.attemptsMade + 1;
    try {
      await this.handlers.execute(job.name, job.data.payload, { attempt, maxAttempts, finalAttempt: attempt >= maxAttempts });
    } catch (err) {
      if (err instanceof PermanentJobError) throw new UnrecoverableError(err.message);
      throw err;
    }
    const outboxId = job.data.outboxId;
    if (outboxId) await this.tx.run((em) => markCompleted(em, outboxId, this.clock.now()));
  }

  /** Keeps the outbox row telling the truth: attempts, last error, and dead-lettering at the end. */
  private async recordFailure(job: Job<QueuedJobData> | undefined, err: Error): Promise<void> {
    const outboxId = job?.data.outboxId;
    if (!job || !outboxId) return;
    const dead = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    const now = this.clock.now();
    try {
      await this.tx.run((em) =>
        em.update(
          OutboxMessageEntity,
          { id: outboxId, completedAt: IsNull() },
          { attempts: job.attemptsMade, lastError: errorMessage(err), ...(dead && { completedAt: now }) },
        ),
      );
    } catch (e) {
      this.logger.warn({ outboxId, err: errorMessage(e) }, 'could not record a job failure');
    }
  }

  pump(): Promise<number> {
    this.relaying ??= this.relayOnce().finally(() => (this.relaying = null));
    return this.relaying;
  }

  /**
   * Claims due rows in one short transaction, adds them to BullMQ outside it, then marks them
   * dispatched. Redis is never awaited inside a transaction: the claim's row and gap locks on
   * the outbox would hold every submission's outbox INSERT for as long as Redis is slow or away.
   * The claim is a lease, as in the SQL runner: it moves `availableAt` past the lookahead by `claimLeaseMs`, so
   * rows of a relay that dies between claim and add become due again by themselves; ending the
   * claim restores each row's due time. A failed or slow add (over `redisTimeoutMs`) hands the rows back at once. Adding a row twice is harmless:
   * job id = dedupe key, and handlers are idempotent.
   */
  private async relayOnce(): Promise<number> {
    const now = this.clock.now();
    const dueBy = new Date(now.getTime() + this.options.lookaheadMs);
    // Past the lookahead too, or the next pass (of any relay) would take the claimed rows again.
    const leaseEnd = new Date(dueBy.getTime() + this.options.claimLeaseMs);
    const rows = await this.tx.run((em) => leaseDueRows(em, dueBy, this.options.batchSize, leaseEnd));
    if (!rows.length) return 0;
    try {
      await withTimeout(this.addToQueues(rows, now), this.options.redisTimeoutMs, 'adding jobs to Redis');
    } catch (err) {
      await this.tx.run((em) => endClaim(em, rows, null));
      throw err;
    }
    await this.tx.run((em) => endClaim(em, rows, now));
    return rows.length;
  }

  private async addToQueues(rows: OutboxMessageEntity[], now: Date): Promise<void> {
    const byQueue = new Map<JobQueueName, OutboxMessageEntity[]>();
    for (const row of rows) {
      const q = specOf(row.topic).queue;
      (byQueue.get(q) ?? byQueue.set(q, []).get(q)!).push(row);
    }
    for (const [name, batch] of byQueue) {
      await this.queue(name).addBulk(
        batch.map((row) => {
          const spec = specOf(row.topic);
          return {
            name: row.topic,
            data: { payload: row.payload, outboxId: row.id } satisfies QueuedJobData,
            opts: {
              jobId: jobIdFor(row.dedupeKey),
              delay: Math.max(0, row.availableAt.getTime() - now.getTime()),
              attempts: spec.attempts,
              backoff: { type: 'exponential', delay: Math.max(1, spec.backoffMs * this.options.backoffScale), jitter: BACKOFF_JITTER },
              removeOnComplete: { age: 7 * DAY_S, count: 10_000 },
              removeOnFail: { age: 30 * DAY_S },
            },
          };
        }),
      );
    }
  }

  /**
   * Rows relayed a while ago, not completed, whose job is gone from Redis (it restarted empty
   * or evicted keys): dispatch them again. Handlers are idempotent, so a spurious re-run is harmless.
   */
  async healLostJobs(): Promise<number> {
    const staleBefore = new Date(this.clock.now().getTime() - this.options.staleDispatchMs);
    const repo = this.tx.dataSource.getRepository(OutboxMessageEntity);
    let healed = 0;
    for (let afterId = 0; ; ) {
      const page = await repo.find({
        select: { id: true, topic: true, dedupeKey: true },
        where: { completedAt: IsNull(), dispatchedAt: LessThan(staleBefore), id: MoreThan(afterId) },
        order: { id: 'ASC' },
        take: 500,
      });
      if (!page.length) break;
      const lost: number[] = [];
      for (const row of page) {
        if (!(await this.queue(specOf(row.topic).queue).getJob(jobIdFor(row.dedupeKey)))) lost.push(row.id);
      }
      if (lost.length) {
        await this.tx.run((em) => em.update(OutboxMessageEntity, { id: In(lost), completedAt: IsNull() }, { dispatchedAt: null }));
        healed += lost.length;
      }
      afterId = page.at(-1)!.id;
    }
    if (healed) this.logger.warn({ healed }, 'outbox rows re-dispatched: their queued jobs were lost');
    return healed;
  }

  async health(): Promise<QueueHealth> {
    try {
      const ping = (async () => ((await this.queue('civicloop-jobs').getBackend().client) as unknown as { ping(): Promise<string> }).ping())();
      await withTimeout(ping, 2000, 'Redis ping');
      return { status: 'up' };
    } catch (err) {
      return { status: 'down', error: errorMessage(err) };
    }
  }

  async queueDepths(): Promise<QueueDepth[]> {
    const states = ['waiting', 'prioritized', 'active', 'delayed', 'failed'] as const;
    const perQueue = await Promise.all(
      this.allQueues().map(async (q) => {
        const counts = await withTimeout(q.getJobCounts(...states), 2000, 'queue counts');
        return states.map((state) => ({ queue: q.name, state, count: counts[state] ?? 0 }));
      }),
    );
    return perQueue.flat();
  }

  async failedJobs(limit: number): Promise<FailedJob[]> {
    const jobs = (await Promise.all(this.allQueues().map((q) => q.getFailed(0, limit - 1)))).flat();
    return jobs
      .map(toFailedJob)
      .sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0))
      .slice(0, limit);
  }

  /**
   * Moves the failed job back to waiting with its attempts reset (BullMQ's retry), after opening
   * its outbox row again so the worker can mark it done. A job BullMQ refuses to move (another
   * operator retried it first) gives its row back its dead-letter mark.
   */
  async retryFailed(id: string): Promise<RetryOutcome> {
    const found = (await Promise.all(this.allQueues().map((q) => q.getJob(id)))).find((j): j is Job<QueuedJobData> => !!j);
    if (!found) return { result: 'NOT_FOUND' };
    if ((await found.getState()) !== 'failed') return { result: 'NOT_FAILED' };
    const job = toFailedJob(found);
    const outboxId = found.data.outboxId;
    const failedAt = job.failedAt ?? this.clock.now();
    if (outboxId) await this.tx.run((em) => em.update(OutboxMessageEntity, { id: outboxId }, { completedAt: null, attempts: 0 }));
    try {
      await found.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    } catch (err) {
      if (outboxId) await this.tx.run((em) => em.update(OutboxMessageEntity, { id: outboxId, completedAt: IsNull() }, { completedAt: failedAt, attempts: job.attempts }));
      if ((await found.getState().catch(() => 'unknown')) !== 'failed') return { result: 'NOT_FAILED' };
      throw err;
    }
    return { result: 'RETRIED', job };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.relaying?.catch(() => undefined);
    // Worker.close() waits for running jobs to finish; jobs not started stay in Redis.
    await Promise.all(this.workers.splice(0).map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.queues.clear();
    for (const c of this.clusterClients.splice(0)) c.disconnect();
  }
}
