import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../../src/config/app-config.js';
import { outboxEntry, type OutboxEntry } from '../../src/jobs/job-types.js';
import { OutboxMessageEntity } from '../../src/jobs/outbox-message.entity.js';
import { writeOutbox } from '../../src/jobs/outbox.js';
import { testDatabase, TEST_DB } from '../helpers/test-db.js';
import { dropPrefix, redisAvailable, uniquePrefix } from '../helpers/redis.js';
import { eventually, sleep, startJobsContext, testJobsOptions, type JobsContext } from '../helpers/jobs-context.js';
import type { JobsOptions } from '../../src/jobs/jobs.options.js';
import type { FailedJob } from '../../src/jobs/job-driver.js';
import { FailedJobsService } from '../../src/jobs/failed-jobs.service.js';
import { JobRetryEventEntity } from '../../src/jobs/job-retry-event.entity.js';
import type { Actor } from '../../src/auth/actor.js';

// One contract, two drivers (STYLE: an alternate driver rots unless it passes the same tests).
// The BullMQ driver runs on the real Redis, both on SQLite or MariaDB (TEST_DB).

async function write(t: JobsContext, entries: OutboxEntry[]): Promise<void> {
  await t.dataSource.transaction((em) => writeOutbox(em, t.clock.now(), entries));
}

const outboxRow = (t: JobsContext, dedupeKey: string) => t.dataSource.getRepository(OutboxMessageEntity).findOneByOrFail({ dedupeKey });

describe.each(['sql', 'bullmq'] as const)(`job driver contract: %s [${TEST_DB}]`, (driver) => {
  let database: AppConfig['database'];
  let cleanup = async () => {};
  let prefix: string;
  let t: JobsContext | undefined;
  let skip = false;

  beforeAll(async () => {
    if (driver === 'bullmq' && !(await redisAvailable())) return void (skip = true);
    const db = await testDatabase(`jobs-${driver}`);
    if (!db) return void (skip = true);
    // A file, not memory, for SQLite: the restart test opens the database again.
    database = db.database.type === 'sqlite' ? { type: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'civicloop-jobs-')), 'jobs.sqlite') } : db.database;
    cleanup = db.cleanup;
    prefix = uniquePrefix(driver);
  });
  afterAll(async () => {
    await t?.close();
    if (!skip) {
      if (driver === 'bullmq') await dropPrefix(prefix);
      await cleanup();
    }
  });

  async function start(overrides: Partial<JobsOptions> = {}, consume = true): Promise<JobsContext> {
    const ctx = await startJobsContext({ driver, database, options: testJobsOptions(prefix, overrides) });
    await ctx.runtime.start({ consume });
    return ctx;
  }

  describe('with a running consumer', () => {
    beforeAll(async () => {
      if (!skip) t = await start();
    });
    afterAll(async () => {
      await t?.close();
      t = undefined;
    });

    it('runs a due job once, with its payload, and records the row done', async () => {
      if (skip) return;
      await write(t!, [outboxEntry('campaign.open', { campaignId: 101 }, 'c:101')]);
      await eventually(async () => expect((await outboxRow(t!, 'c:101')).completedAt).not.toBeNull());
      expect(t!.handlers.of('campaign.open').filter((c) => c.payload.campaignId === 101)).toEqual([
        expect.objectContaining({ payload: { campaignId: 101 }, attempt: 1, finalAttempt: false }),
      ]);
      const row = await outboxRow(t!, 'c:101');
      expect(row.dispatchedAt).not.toBeNull();
      expect(row.lastError).toBeNull();
    });

    it('runs a job written twice under one dedupe key once', async () => {
      if (skip) return;
      await write(t!, [outboxEntry('campaign.open', { campaignId: 102 }, 'c:102')]);
      await write(t!, [outboxEntry('campaign.open', { campaignId: 102 }, 'c:102')]);
      await eventually(async () => expect((await outboxRow(t!, 'c:102')).completedAt).not.toBeNull());
      await sleep(200);
      expect(t!.handlers.of('campaign.open').filter((c) => c.payload.campaignId === 102)).toHaveLength(1);
    });

    it('waits until the row is due by the clock', async () => {
      if (skip) return;
      const dueAt = new Date(t!.clock.now().getTime() + 3_600_000);
      await write(t!, [outboxEntry('campaign.close', { campaignId: 103 }, 'c:103', dueAt)]);
      await sleep(300);
      expect(t!.handlers.of('campaign.close').filter((c) => c.payload.campaignId === 103)).toHaveLength(0);
      t!.clock.advance(3_600_000);
      await eventually(() => expect(t!.handlers.of('campaign.close').filter((c) => c.payload.campaignId === 103)).toHaveLength(1));
    });

    it('retries a failing job with backoff until it succeeds', async () => {
      if (skip) return;
      t!.handlers.failTimes.set('rating.request', 2);
      await write(t!, [outboxEntry('rating.request', { suggestionId: 7, replyId: 104 }, 'r:104')]);
      await eventually(async () => expect((await outboxRow(t!, 'r:104')).completedAt).not.toBeNull());
      const calls = t!.handlers.of('rating.request').filter((c) => c.payload.replyId === 104);
      expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3]);
      // 30 s base scaled to 30 ms: the second retry waits at least half of 60 ms after the first.
      expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(25);
      expect((await outboxRow(t!, 'r:104')).lastError).toBeNull();
    });

    it('dead-letters a job after its last attempt and lists it as failed', async () => {
      if (skip) return;
      t!.handlers.alwaysFail.add('notification.deliver');
      await write(t!, [outboxEntry('notification.deliver', { notificationId: 105 }, 'n:105')]);
      await eventually(async () => expect((await outboxRow(t!, 'n:105')).completedAt).not.toBeNull(), 20_000);
      const calls = t!.handlers.of('notification.deliver').filter((c) => c.payload.notificationId === 105);
      expect(calls.map((c) => c.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(calls.at(-1)!.finalAttempt).toBe(true);
      expect((await outboxRow(t!, 'n:105')).lastError).toContain('always fails');
      await eventually(async () => {
        const failed = await t!.driver.failedJobs(10);
        expect(failed.find((f) => f.name === 'notification.deliver')).toEqual(expect.objectContaining({ attempts: 8, error: expect.stringContaining('always fails') }));
      });
      await sleep(200);
      expect(t!.handlers.of('notification.deliver').filter((c) => c.payload.notificationId === 105)).toHaveLength(8);
    }, 30_000);

    it('retries a dead-lettered job by its failedJobs id, once, with fresh attempts, and records who did', async () => {
      if (skip) return;
      t!.handlers.failTimes.set('disclosure.callback', 5); // every attempt of the first run
      await write(t!, [outboxEntry('disclosure.callback', { requestId: 108 }, 'd:108')]);
      await eventually(async () => expect((await outboxRow(t!, 'd:108')).completedAt).not.toBeNull(), 20_000);
      let failed: FailedJob | undefined;
      await eventually(async () => {
        failed = (await t!.driver.failedJobs(20)).find((f) => f.name === 'disclosure.callback');
        expect(failed).toEqual(expect.objectContaining({ attempts: 5, error: expect.stringContaining('planned failure') }));
      });
      const service = t!.module.get(FailedJobsService);
      const admin: Actor = { kind: 'staff', id: 4242, roles: ['ADMIN'], unitId: null };
      expect(await service.retry(admin, failed!.id)).toEqual(expect.objectContaining({ id: failed!.id, name: 'disclosure.callback', attempts: 5 }));

      const runs = () => t!.handlers.of('disclosure.callback').filter((c) => c.payload.requestId === 108);
      await eventually(() => expect(runs()).toHaveLength(6));
      expect(runs()[5]!.attempt).toBe(1); // a fresh set of attempts
      await eventually(async () => expect(await outboxRow(t!, 'd:108')).toEqual(expect.objectContaining({ completedAt: expect.any(Date), lastError: null })));
      await eventually(async () => expect((await t!.driver.failedJobs(20)).map((f) => f.id)).not.toContain(failed!.id));
      expect(await t!.dataSource.getRepository(JobRetryEventEntity).findBy({ jobId: failed!.id })).toEqual([
        expect.objectContaining({ jobName: 'disclosure.callback', driver, actorStaffId: 4242, lastError: expect.stringContaining('planned failure') }),
      ]);

      // Done now, so not failed; and an id no job has.
      await expect(service.retry(admin, failed!.id)).rejects.toMatchObject({ code: 'CONFLICT', details: { id: failed!.id } });
      await expect(service.retry(admin, 'no-such-job:1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await sleep(200);
      expect(runs()).toHaveLength(6);
      expect(await t!.dataSource.getRepository(JobRetryEventEntity).countBy({ jobId: failed!.id })).toBe(1);
    }, 30_000);

    it('dead-letters a row whose topic no handler knows, without retrying', async () => {
      if (skip) return;
      await t!.dataSource.transaction((em) =>
        em.insert(OutboxMessageEntity, { topic: 'no.such-job', payload: {}, dedupeKey: 'x:106', availableAt: t!.clock.now(), dispatchedAt: null, completedAt: null, attempts: 0, lastError: null, createdAt: t!.clock.now() }),
      );
      await eventually(async () => expect((await outboxRow(t!, 'x:106')).completedAt).not.toBeNull());
      expect((await outboxRow(t!, 'x:106')).lastError).toContain('No handler');
      await eventually(async () => expect((await t!.driver.failedJobs(20)).map((f) => f.name)).toContain('no.such-job'));
    });

    it('dead-letters a row whose payload does not match its job schema, once, without running the handler', async () => {
      if (skip) return;
      // As an older release might have written it: the id as a string, the deadline as a date only, no level.
      await t!.dataSource.transaction((em) =>
        em.insert(OutboxMessageEntity, {
          topic: 'escalation.overdue',
          payload: { suggestionId: '107', dueAt: '2026-03-02' },
          dedupeKey: 'bad:107',
          availableAt: t!.clock.now(),
          dispatchedAt: null,
          completedAt: null,
          attempts: 0,
          lastError: null,
          createdAt: t!.clock.now(),
        }),
      );
      await eventually(async () => expect((await outboxRow(t!, 'bad:107')).completedAt).not.toBeNull());
      const row = await outboxRow(t!, 'bad:107');
      expect(row.lastError).toMatch(/^Job "escalation\.overdue" payload does not match its schema: suggestionId: .+; dueAt: .+; level: .+/);
      expect(row.attempts).toBe(1);
      await eventually(async () =>
        expect((await t!.driver.failedJobs(20)).find((f) => f.name === 'escalation.overdue')).toEqual(
          expect.objectContaining({ attempts: 1, error: expect.stringContaining('payload does not match its schema') }),
        ),
      );
      await sleep(200);
      expect(t!.handlers.of('escalation.overdue')).toHaveLength(0);
      expect((await outboxRow(t!, 'bad:107')).attempts).toBe(1); // not retried
    });

    it('reports its health', async () => {
      if (skip) return;
      expect(await t!.driver.health()).toEqual({ status: 'up' });
    });
  });

  it('keeps work across a restart, and a job running at shutdown finishes', async () => {
    if (skip) return;
    const first = await start();
    first.handlers.slow.set('campaign.open', 400);
    await write(first, [outboxEntry('campaign.open', { campaignId: 201 }, 'c:201')]);
    await eventually(() => expect(first.handlers.of('campaign.open')).toHaveLength(1));
    // SIGTERM arrives while the job runs: shutdown waits for it and the row is done.
    await first.close();
    const reopened = await startJobsContext({ driver, database, options: testJobsOptions(prefix) });
    expect((await outboxRow(reopened, 'c:201')).completedAt).not.toBeNull();
    await reopened.close();

    // Written while no consumer runs, due tomorrow: it waits in the database (and, for
    // BullMQ, the relay does not hand it over early), then runs after a restart.
    const idle = await start({}, false);
    const tomorrow = new Date(idle.clock.now().getTime() + 86_400_000);
    await write(idle, [outboxEntry('campaign.close', { campaignId: 202 }, 'c:202', tomorrow)]);
    await sleep(200);
    expect((await outboxRow(idle, 'c:202')).dispatchedAt).toBeNull();
    await idle.close();

    const second = await start();
    second.clock.advance(86_400_000 + 1000);
    await eventually(() => expect(second.handlers.of('campaign.close').filter((c) => c.payload.campaignId === 202)).toHaveLength(1));
    await second.close();
  }, 30_000);

  it('a process started without consuming begins consuming when asked (the worker entry point)', async () => {
    if (skip) return;
    const ctx = await start({}, false);
    try {
      await write(ctx, [outboxEntry('campaign.open', { campaignId: 301 }, 'c:301')]);
      await sleep(200);
      expect(ctx.handlers.of('campaign.open')).toHaveLength(0);
      await ctx.runtime.start({ consume: true });
      await eventually(() => expect(ctx.handlers.of('campaign.open').map((c) => c.payload.campaignId)).toEqual([301]));
    } finally {
      await ctx.close();
    }
  }, 30_000);

  it('runs the periodic reconciler by itself', async () => {
    if (skip) return;
    // Its own queues: the earlier contexts registered the same scheduler hourly, and the hour's
    // pending run must not be what this one waits behind.
    const own = uniquePrefix(driver);
    const ctx = await startJobsContext({ driver, database, options: testJobsOptions(own, { reconcileEveryMs: 300 }) });
    try {
      await ctx.runtime.start({ consume: true });
      await eventually(() => expect(ctx.handlers.of('reminders.reconcile').length).toBeGreaterThanOrEqual(2), 10_000);
    } finally {
      await ctx.close();
      if (driver === 'bullmq') await dropPrefix(own);
    }
  }, 30_000);
});
