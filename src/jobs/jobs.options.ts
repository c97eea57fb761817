import type { AppConfig } from '../config/app-config.js';

/** Tunables of the job drivers. Production uses the defaults; tests override the provider. */
export interface JobsOptions {
  /** Start the driver when the api boots (consuming only if config.jobs.runInApi). Off under NODE_ENV=test: tests drive it. */
  autoStart: boolean;
  /** How often the SQL runner and the relay look for due outbox rows. */
  pollMs: number;
  batchSize: number;
  /** Handlers the SQL runner runs at once; BullMQ worker concurrency per queue. */
  concurrency: number;
  /** A row the SQL runner claimed becomes due again after this, should the process die mid-job. */
  leaseMs: number;
  /** The relay hands BullMQ rows due within this window, as delayed jobs. */
  lookaheadMs: number;
  /** Multiplies every retry delay (tests shrink it). */
  backoffScale: number;
  /** Period of the reconciler (and of the quarter-end check it makes). */
  reconcileEveryMs: number;
  /** BullMQ key prefix; tests use their own so parallel suites never share queues. */
  prefix: string;
  /** The relay gives up on a Redis add after this and releases its claim (Redis slow or away). */
  redisTimeoutMs: number;
  /** Rows a relay claimed become due again after this, should it die before adding them to Redis. */
  claimLeaseMs: number;
  /** The reconciler re-dispatches rows relayed longer ago than this whose BullMQ job vanished. */
  staleDispatchMs: number;
}

export const JOBS_OPTIONS = Symbol('JOBS_OPTIONS');

export function defaultJobsOptions(config: Pick<AppConfig, 'env'>): JobsOptions {
  return {
    autoStart: config.env !== 'test',
    pollMs: 1000,
    batchSize: 100,
    concurrency: 4,
    leaseMs: 5 * 60_000,
    lookaheadMs: 5_000,
    backoffScale: 1,
    reconcileEveryMs: 10 * 60_000,
    prefix: 'civicloop',
    staleDispatchMs: 60_000,
    redisTimeoutMs: 5_000,
    claimLeaseMs: 30_000,
  };
}
