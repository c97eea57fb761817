import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { BACKOFF_JITTER } from '../../src/jobs/backoff.js';
import { jobIdFor, QUEUE_NAMES, type QueuedJobData } from '../../src/jobs/drivers/bullmq-job-driver.js';
import { JOB_SPECS, type OutboxEntry } from '../../src/jobs/job-types.js';
import { defaultJobsOptions } from '../../src/jobs/jobs.options.js';
import { writeOutbox } from '../../src/jobs/outbox.js';
import { deadlineReminders } from '../../src/reminders/reminder-schedule.js';
import type { World } from '../data/world.js';
import type { BenchEnvironment } from '../lib/environment.js';
import { median } from '../lib/stats.js';
import { round1, round3, type Log } from './http-scenarios.js';

export interface RemindersSummary {
  ours_jobs_per_s: number;
  raw_jobs_per_s: number;
  ratio: number;
}

const DAY_S = 86_400;
/** Reminders written per transaction: what a batch of workflow actions or the reconciler commits at once. */
const WRITE_BATCH = 500;

/**
 * Reminders through the outbox: `count` reminder rows (the platform's own reminder schedule,
 * made due now) written to the outbox with `writeOutbox` in transactions, and relayed into
 * BullMQ by the running api (and worker) relays; timed from the first write until the last row
 * is marked dispatched. Raw: BullMQ `addBulk` of the same jobs — names, data, job ids and
 * options as the relay builds them — in batches of the relay's size. The job queue is paused
 * meanwhile (so no worker runs 100,000 reminders) and emptied after each round.
 */
export async function remindersScenario(env: BenchEnvironment, world: World, count: number, rounds: number, log: Log): Promise<{ summary: RemindersSummary; ours: number[]; raw: number[] }> {
  const jobsOptions = defaultJobsOptions(env.config);
  const connection = { url: env.redisUrl };
  const queues = QUEUE_NAMES.map((name) => new Queue(name, { connection, prefix: jobsOptions.prefix }));
  const jobsQueue = queues.find((q) => q.name === JOB_SPECS['reminder.sign-due'].queue)!;
  const ds = new DataSource(dataSourceOptions(env.config));
  await ds.initialize();
  const ours: number[] = [];
  const raw: number[] = [];
  try {
    await jobsQueue.pause();
    for (let r = 0; r < rounds; r++) {
      for (const side of r % 2 === 0 ? ['ours', 'raw'] : ['raw', 'ours']) {
        const entries = reminderEntries(world, count, `${side}${r}`);
        const { seconds, written } = side === 'ours' ? await viaOutbox(ds, entries) : { seconds: await viaAddBulk(jobsQueue, entries, jobsOptions.batchSize), written: null };
        const rate = count / seconds;
        (side === 'ours' ? ours : raw).push(rate);
        const writes = written === null ? '' : ` (outbox rows all written after ${written.toFixed(2)} s)`;
        log(`    reminders round ${r + 1} ${side === 'ours' ? 'ours' : 'raw '}: ${count.toLocaleString('en')} jobs in ${seconds.toFixed(2)} s = ${rate.toFixed(0)} jobs/s${writes}`);
        await jobsQueue.obliterate({ force: true });
        await jobsQueue.pause();
      }
    }
  } finally {
    await jobsQueue.resume().catch(() => undefined);
    await Promise.all(queues.map((q) => q.close()));
    await ds.destroy();
  }
  const o = median(ours);
  const w = median(raw);
  return { summary: { ours_jobs_per_s: round1(o), raw_jobs_per_s: round1(w), ratio: round3(o / w) }, ours, raw };
}

/** The platform's reminder schedule for `count / 3` items (sign-due, reply-due-soon, overdue each), due now. */
function reminderEntries(world: World, count: number, tag: string): OutboxEntry[] {
  const entries: OutboxEntry[] = [];
  const base = new Date(world.now);
  for (let i = 1; entries.length < count; i++) {
    // A distinct deadline per round keeps every dedupe key (and job id) new.
    const signDueAt = new Date(base.getTime() + i * 1000 + tag.length);
    const replyDueAt = new Date(signDueAt.getTime() + 14 * DAY_S * 1000);
    for (const e of deadlineReminders(world.calendar, { id: i, signDueAt, replyDueAt }, { includeSign: true })) {
      if (entries.length < count) entries.push({ ...e, dedupeKey: `${e.dedupeKey}:${tag}`, availableAt: undefined });
    }
  }
  return entries;
}

async function viaOutbox(ds: DataSource, entries: OutboxEntry[]): Promise<{ seconds: number; written: number }> {
  const [{ maxId }] = (await ds.query('SELECT COALESCE(MAX(id), 0) AS maxId FROM outbox_messages')) as { maxId: number }[];
  const started = performance.now();
  for (let i = 0; i < entries.length; i += WRITE_BATCH) {
    const batch = entries.slice(i, i + WRITE_BATCH);
    await ds.transaction((em) => writeOutbox(em, new Date(), batch));
  }
  const written = (performance.now() - started) / 1000;
  const deadline = Date.now() + 600_000;
  for (;;) {
    const [{ open }] = (await ds.query('SELECT COUNT(*) AS open FROM outbox_messages WHERE id > ? AND dispatchedAt IS NULL', [maxId])) as { open: number }[];
    if (Number(open) === 0) break;
    if (Date.now() > deadline) throw new Error(`${open} outbox rows were not relayed within 10 minutes: is the jobs module (relay) wired into the api?`);
    await sleep(50);
  }
  return { seconds: (performance.now() - started) / 1000, written };
}

async function viaAddBulk(queue: Queue, entries: OutboxEntry[], batchSize: number): Promise<number> {
  const started = performance.now();
  let outboxId = 0;
  for (let i = 0; i < entries.length; i += batchSize) {
    const now = Date.now();
    await queue.addBulk(
      entries.slice(i, i + batchSize).map((e) => {
        const spec = JOB_SPECS[e.topic];
        return {
          name: e.topic,
          data: { payload: e.payload, outboxId: ++outboxId } satisfies QueuedJobData,
          opts: {
            jobId: jobIdFor(e.dedupeKey),
            delay: Math.max(0, (e.availableAt?.getTime() ?? now) - now),
            attempts: spec.attempts,
            backoff: { type: 'exponential', delay: Math.max(1, spec.backoffMs), jitter: BACKOFF_JITTER },
            removeOnComplete: { age: 7 * DAY_S, count: 10_000 },
            removeOnFail: { age: 30 * DAY_S },
          },
        };
      }),
    );
  }
  return (performance.now() - started) / 1000;
}
