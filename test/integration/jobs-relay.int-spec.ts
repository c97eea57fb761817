import { createServer, type Socket } from 'node:net';
import { In, IsNull, Not } from 'typeorm';
import { createLogger } from '../../src/common/logger.js';
import { BullMqJobDriver, jobIdFor } from '../../src/jobs/drivers/bullmq-job-driver.js';
import { JobHandlers } from '../../src/jobs/job-handlers.js';
import { outboxEntry } from '../../src/jobs/job-types.js';
import { OutboxMessageEntity } from '../../src/jobs/outbox-message.entity.js';
import { writeOutbox } from '../../src/jobs/outbox.js';
import { Transactions } from '../../src/database/transactions.js';
import { testDatabase, TEST_DB } from '../helpers/test-db.js';
import { dropPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';
import { eventually, startJobsContext, testJobsOptions, type JobsContext } from '../helpers/jobs-context.js';

// Several relays and workers at once (ARCHITECTURE §4): SKIP LOCKED hands each row to one
// relay, BullMQ hands each job to one worker, and jobs Redis lost are put back.
describe(`outbox relay and workers, several at once [${TEST_DB}]`, () => {
  let t: JobsContext | undefined;
  let cleanup = async () => {};
  const prefix = uniquePrefix('relay');
  const extra: BullMqJobDriver[] = [];

  beforeAll(async () => {
    if (!(await redisAvailable())) return;
    const db = await testDatabase('jobs-relay');
    if (!db) return;
    cleanup = db.cleanup;
    t = await startJobsContext({ driver: 'bullmq', database: db.database, options: testJobsOptions(prefix, { batchSize: 20, lookaheadMs: 3_600_000 }) });
  });
  afterAll(async () => {
    await Promise.all([...extra, ...(t ? [t.driver] : [])].map((d) => d.stop()));
    await t?.close();
    if (t) await dropPrefix(prefix);
    await cleanup();
  });

  /** Another relay/worker on the same database and Redis, as a second process would be. */
  function anotherDriver(redisUrl = TEST_REDIS_URL, options = t!.options): BullMqJobDriver {
    const d = new BullMqJobDriver(redisUrl, t!.module.get(Transactions), t!.clock, t!.module.get(JobHandlers), options, createLogger({ logLevel: 'silent' }));
    extra.push(d);
    return d;
  }

  async function writeMany(from: number, count: number, dueInMs = 0): Promise<string[]> {
    const at = new Date(t!.clock.now().getTime() + dueInMs);
    const entries = Array.from({ length: count }, (_, i) => outboxEntry('campaign.open', { campaignId: from + i }, `relay:${from + i}`, at));
    await t!.dataSource.transaction((em) => writeOutbox(em, t!.clock.now(), entries));
    return entries.map((e) => e.dedupeKey);
  }

  it('two relays claiming at once dispatch each row exactly once; two workers run each job once', async () => {
    if (!t) return;
    const keys = await writeMany(1, 300);
    const [a, b] = [t.driver as BullMqJobDriver, anotherDriver()];
    let byA = 0;
    let byB = 0;
    // Race them: each pass takes at most 20 rows, so both are claiming throughout.
    for (;;) {
      const [x, y] = await Promise.all([a.pump(), b.pump()]);
      byA += x;
      byB += y;
      if (x === 0 && y === 0) break;
    }
    expect(byA + byB).toBe(300);
    if (TEST_DB === 'mysql') expect(Math.min(byA, byB)).toBeGreaterThan(0); // both really took part
    const rows = await t.dataSource.getRepository(OutboxMessageEntity).findBy({ dedupeKey: In(keys) });
    expect(rows.every((r) => r.dispatchedAt !== null)).toBe(true);
    const counts = await a.queue('civicloop-jobs').getJobCounts('wait', 'delayed', 'prioritized');
    expect(counts.wait! + counts.delayed! + counts.prioritized!).toBe(300);

    await Promise.all([a.start({ consume: true }), b.start({ consume: true })]);
    await eventually(() => expect(t!.handlers.of('campaign.open')).toHaveLength(300), 20_000);
    const ids = t.handlers.of('campaign.open').map((c) => c.payload.campaignId);
    expect(new Set(ids).size).toBe(300);
    await eventually(async () => {
      const done = await t!.dataSource.getRepository(OutboxMessageEntity).countBy({ dedupeKey: In(keys), completedAt: Not(IsNull()) });
      expect(done).toBe(300);
    });
    await Promise.all([a.stop(), b.stop()]);
  }, 60_000);

  it('puts back rows whose queued jobs Redis lost, and they run once', async () => {
    if (!t) return;
    const relay = anotherDriver();
    // Due in ten minutes: the relay (one hour lookahead) hands them to BullMQ as delayed jobs.
    const keys = await writeMany(1001, 40, 600_000);
    while ((await relay.pump()) > 0);
    expect(await relay.queue('civicloop-jobs').getJob(jobIdFor(keys[0]!))).toBeDefined();

    // Redis restarts empty.
    await relay.stop();
    await dropPrefix(prefix);
    const healer = anotherDriver();
    expect(await healer.healLostJobs()).toBe(40);
    expect(await healer.healLostJobs()).toBe(0);
    while ((await healer.pump()) > 0);
    expect(await healer.queue('civicloop-jobs').getJob(jobIdFor(keys[0]!))).toBeDefined();

    await healer.start({ consume: true });
    t.clock.advance(600_000);
    const before = t.handlers.of('campaign.open').length;
    // The delayed jobs keep Redis time; rather than wait ten minutes, promote them.
    for (const key of keys) await (await healer.queue('civicloop-jobs').getJob(jobIdFor(key)))?.promote();
    await eventually(() => expect(t!.handlers.of('campaign.open').length - before).toBe(40), 20_000);
    const ran = t.handlers.of('campaign.open').slice(before).map((c) => c.payload.campaignId);
    expect(new Set(ran).size).toBe(40);
    await healer.stop();
  }, 60_000);

  it('a relay facing a Redis that never answers gives up, releases its claim, and never holds up writers', async () => {
    if (!t) return;
    // Accepts connections and says nothing: the worst kind of outage for a client.
    const held = new Set<Socket>();
    const silent = createServer((socket) => held.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const keys = await writeMany(2001, 10);
      const relay = anotherDriver(`redis://127.0.0.1:${port}`, { ...t.options, redisTimeoutMs: 1500 });
      const started = Date.now();
      const pass = relay.pump().then(
        () => 'added',
        (err: Error) => err.message,
      );
      // While the relay waits on Redis, a submission's outbox write must not wait on the relay.
      await new Promise((r) => setTimeout(r, 300));
      const w0 = Date.now();
      await writeMany(2101, 1);
      expect(Date.now() - w0).toBeLessThan(1000);

      expect(await pass).toMatch(/longer than 1500 ms/);
      expect(Date.now() - started).toBeLessThan(5000);
      const rows = await t.dataSource.getRepository(OutboxMessageEntity).findBy({ dedupeKey: In(keys) });
      expect(rows.map((r) => r.dispatchedAt)).toEqual(keys.map(() => null));
      await relay.stop();
    } finally {
      for (const s of held) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  }, 30_000);

  it('rows of a relay that died between claiming them and adding them to Redis become due again after the claim lease', async () => {
    if (!t) return;
    const held = new Set<Socket>();
    const silent = createServer((socket) => held.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const healthy = anotherDriver();
      while ((await healthy.pump()) > 0); // rows earlier tests left due
      const keys = await writeMany(3001, 15);
      // This relay claims, then hangs on Redis: as good as dead until its timeout.
      const dying = anotherDriver(`redis://127.0.0.1:${port}`, { ...t.options, redisTimeoutMs: 4000, claimLeaseMs: 30_000 });
      const hung = dying.pump().catch(() => -1);
      const repo = t.dataSource.getRepository(OutboxMessageEntity);
      await eventually(async () => {
        const rows = await repo.findBy({ dedupeKey: In(keys) });
        expect(rows.map((r) => r.availableAt.getTime() - t!.clock.now().getTime()).filter((d) => d <= 0)).toEqual([]);
      }, 3000);
      expect(await healthy.pump()).toBe(0); // leased to the dying relay
      t.clock.advance(t.options.lookaheadMs + 30_001);
      expect(await healthy.pump()).toBe(15);
      const rows = await repo.findBy({ dedupeKey: In(keys) });
      expect(rows.every((r) => r.dispatchedAt !== null)).toBe(true);
      expect(await healthy.queue('civicloop-jobs').getJob(jobIdFor(keys[0]!))).toBeDefined();
      // The dying relay's late give-up does not take back rows another relay dispatched.
      expect(await hung).toBe(-1);
      expect((await repo.findBy({ dedupeKey: In(keys) })).every((r) => r.dispatchedAt !== null)).toBe(true);
      await Promise.all([dying.stop(), healthy.stop()]);
    } finally {
      for (const s of held) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  }, 30_000);
});
