import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { QUEUE_NAMES } from '../../src/jobs/drivers/bullmq-job-driver.js';
import { defaultJobsOptions } from '../../src/jobs/jobs.options.js';
import { benchConnection, type BenchEnvironment } from './environment.js';

// Background work left by the data load or an earlier scenario (outbox rows not yet relayed,
// jobs waiting for the worker: notices of the submissions just measured) would share the two
// cores with the next HTTP rounds and be charged to whichever side ran meanwhile.

export interface DrainResult {
  seconds: number;
  drained: boolean;
  /** What was still pending when the wait ended (all zero when drained). */
  pending: { outbox: number; waiting: number; active: number };
}

/** Waits until no due outbox row is undispatched and no job waits or runs (delayed jobs are future work). */
export async function drainJobs(env: BenchEnvironment, maxWaitMs = 180_000): Promise<DrainResult> {
  const started = performance.now();
  const prefix = defaultJobsOptions(env.config).prefix;
  const queues = QUEUE_NAMES.map((name) => new Queue(name, { connection: { url: env.redisUrl }, prefix }));
  const db = await benchConnection(env);
  let pending = { outbox: 0, waiting: 0, active: 0 };
  try {
    for (let quiet = 0; ; ) {
      // A completed row is done even when its relay could not mark it dispatched (its claim's
      // UPDATE failed, e.g. "Queue limit reached" under overload); the relays skip it, as the metrics do.
      const [[row]] = (await db.query('SELECT COUNT(*) AS n FROM outbox_messages WHERE dispatchedAt IS NULL AND completedAt IS NULL AND availableAt <= UTC_TIMESTAMP(3)')) as unknown as [{ n: number }[]];
      const counts = await Promise.all(queues.map((q) => q.getJobCounts('waiting', 'active', 'prioritized')));
      pending = {
        outbox: Number(row!.n),
        waiting: counts.reduce((n, c) => n + (c.waiting ?? 0) + (c.prioritized ?? 0), 0),
        active: counts.reduce((n, c) => n + (c.active ?? 0), 0),
      };
      // Twice in a row: a relay batch can sit between the outbox and the queue for a moment.
      quiet = pending.outbox + pending.waiting + pending.active === 0 ? quiet + 1 : 0;
      if (quiet >= 2) return { seconds: (performance.now() - started) / 1000, drained: true, pending };
      if (performance.now() - started > maxWaitMs) return { seconds: (performance.now() - started) / 1000, drained: false, pending };
      await sleep(250);
    }
  } finally {
    await db.end();
    await Promise.all(queues.map((q) => q.close()));
  }
}
