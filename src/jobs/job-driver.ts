/** A job that failed on its last attempt (dead-lettered), for operators. */
export interface FailedJob {
  id: string;
  name: string;
  attempts: number;
  error: string | null;
  failedAt: Date | null;
}

export type RetryOutcome = { result: 'RETRIED'; job: FailedJob } | { result: 'NOT_FOUND' } | { result: 'NOT_FAILED' };

export interface QueueDepth {
  queue: string;
  state: string;
  count: number;
}

export interface QueueHealth {
  status: 'up' | 'down';
  error?: string;
}

/**
 * The queue port (Twenty's driver-by-config): the outbox is written by domain transactions;
 * a driver gets its due rows to their handlers. Both drivers pass one contract suite
 * (test/integration/jobs-contract.int-spec.ts).
 */
export interface JobDriver {
  readonly kind: 'sql' | 'bullmq';
  /** Begins polling (and, when `consume`, running handlers) and registers the periodic work. */
  start(options: { consume: boolean }): Promise<void>;
  /**
   * One pass now: the SQL runner runs what is due; the relay hands due rows to BullMQ.
   * Returns how many rows it took. Tests and shutdown use it; production polls.
   */
  pump(): Promise<number>;
  /** Puts back rows whose queued job was lost (Redis restarted empty); returns how many. */
  healLostJobs(): Promise<number>;
  health(): Promise<QueueHealth>;
  /** Jobs per queue and state (BullMQ's counts); empty for `sql`, where the outbox is the queue. */
  queueDepths(): Promise<QueueDepth[]>;
  failedJobs(limit: number): Promise<FailedJob[]>;
  /**
   * Puts a dead-lettered job (by the id `failedJobs` gave) back to run with a fresh set of
   * attempts. NOT_FOUND: no such job (any more); NOT_FAILED: it exists but has not failed
   * (waiting, running, done, or already retried).
   */
  retryFailed(id: string): Promise<RetryOutcome>;
  /** Stops polling and lets running handlers finish (SIGTERM). */
  stop(): Promise<void>;
}

export const JOB_DRIVER = Symbol('JOB_DRIVER');
