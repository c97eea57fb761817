// Fault script: SIGKILL BullMQ workers again and again while 2,000 reminders are due, then
// count what reached a local gateway and the delivery table: every reminder delivered, and
// no event key accepted twice. Bounded in time; loopback only; its own Redis and database.
//
//   npm run build:tools && node dist/test/faults/worker-kill.js        (uses the MariaDB on 3306, a fresh database)
//   env: FAULT_REMINDERS (2000), FAULT_WORKERS (2), FAULT_KILL_SECONDS (30), FAULT_DEADLINE_SECONDS (300),
//        FAULT_MYSQL_URL (mysql://root@127.0.0.1:3306)
// or as the `worker_kill` scenario of `npm run test:faults` (scenarios/worker-kill.ts, on the run's private MariaDB).
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConnection } from 'mysql2/promise';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { CampaignEntity } from '../../src/campaigns/campaign.entity.js';
import { UnitEntity } from '../../src/units/unit.entity.js';
import { StaffUserEntity } from '../../src/staff/staff-user.entity.js';
import { SuggestionEntity } from '../../src/suggestions/suggestion.entity.js';
import { OutboxMessageEntity } from '../../src/jobs/outbox-message.entity.js';
import { outboxEntry } from '../../src/jobs/job-types.js';
import { writeOutbox } from '../../src/jobs/outbox.js';
import { NotificationDeliveryEntity } from '../../src/notifications/notification-delivery.entity.js';
import { NotificationEntity } from '../../src/notifications/notification.entity.js';
import { startWebhookReceiver } from './lib/webhook-receiver.js';
import { redisServerInstalled, startRedisServer } from './lib/redis-server.js';

export interface WorkerKillResult {
  ok: boolean;
  reminders: number;
  kills: number;
  seconds: number;
  acceptedAtGateway: number;
  repeatedPostsAtGateway: number;
  deliveriesSent: number;
  deliveriesOther: number;
  remindersCompleted: number;
}

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const UNITS = 40;

export interface WorkerKillOptions {
  reminders: number;
  workers: number;
  killSeconds: number;
  deadlineSeconds: number;
  /** A MariaDB root URL without database; a fresh database is created and dropped. */
  rootUrl: string;
  log(line: string): void;
}

export async function runWorkerKill(o: WorkerKillOptions): Promise<WorkerKillResult | null> {
  const { reminders, killSeconds, deadlineSeconds, rootUrl } = o;
  const workerCount = o.workers;
  const console = { log: o.log, warn: o.log };

  try {
    await (await createConnection({ uri: rootUrl, connectTimeout: 2000 })).end();
  } catch (err) {
    if (process.env.CI === 'true') throw new Error(`MariaDB is required in CI: ${String(err)}`);
    console.warn('worker-kill: MariaDB not reachable on 127.0.0.1:3306; skipped');
    return null;
  }
  if (!redisServerInstalled()) return null;

  const dbName = `civicloop_fault_${process.pid}`;
  const admin = await createConnection({ uri: rootUrl });
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const databaseUrl = `${rootUrl.replace(/^mysql:/, 'mariadb:')}/${dbName}`;
  const redis = await startRedisServer();
  const gateway = await startWebhookReceiver({ keepBodies: false });
  const workers: ChildProcess[] = [];
  let ds: DataSource | null = null;
  const started = Date.now();
  try {
    ds = new DataSource({ ...dataSourceOptions({ database: { type: 'mariadb', url: databaseUrl.replace(/^mariadb:/, 'mysql:'), poolSize: 10 } }), migrationsTransactionMode: 'each' });
    await ds.initialize();
    await ds.runMigrations();
    const expectedKeys = await seed(ds, reminders);
    console.log(`worker-kill: ${reminders} sign-due reminders due now, ${workerCount} workers, SIGKILL every 1–2.5 s for ${killSeconds} s`);

    const workerJs = fileURLToPath(new URL('../../src/worker.js', import.meta.url));
    const workerEnv = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'warn',
      DATABASE_URL: databaseUrl,
      DB_POOL_SIZE: '10',
      REDIS_URL: redis.url,
      WEBHOOK_URL: gateway.url,
      WEBHOOK_SECRET: 'fault-script-webhook-secret',
      MIGRATIONS_RUN: 'false',
      SEED_DEMO: 'false',
      WORKER_PORT: '0', // several workers on one host: each takes a free port for /health
    };
    const spawnWorker = () => spawn(process.execPath, [workerJs], { env: workerEnv, stdio: ['ignore', 'inherit', 'inherit'] });
    for (let i = 0; i < workerCount; i++) workers.push(spawnWorker());

    const accepted = () => expectedKeys.filter((k) => gateway.seen.has(k)).length;
    let kills = 0;
    // The kill window opens once deliveries flow: on a loaded machine workers take longer to
    // boot than the kill interval, and kills before the first delivery test nothing.
    for (const bootDeadline = Date.now() + 60_000; accepted() === 0 && Date.now() < bootDeadline; ) await sleep(200);
    const killUntil = Date.now() + killSeconds * 1000;
    while (Date.now() < killUntil && accepted() < reminders) {
      await sleep(1000 + Math.random() * 1500);
      const i = Math.floor(Math.random() * workers.length);
      workers[i]!.kill('SIGKILL');
      kills++;
      workers[i] = spawnWorker();
    }
    console.log(`worker-kill: ${kills} kills; ${accepted()}/${reminders} accepted so far; letting the workers recover`);
    const deadline = started + deadlineSeconds * 1000;
    let lastReport = 0;
    while (Date.now() < deadline && accepted() < reminders) {
      await sleep(1000);
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        console.log(`worker-kill: ${accepted()}/${reminders} accepted after ${Math.round((Date.now() - started) / 1000)} s`);
      }
    }
    // Anything still in flight gets a moment to land (and to show up if sent twice).
    await sleep(3000);
    // A worker killed after the gateway accepted a message but before recording SENT leaves the
    // delivery row SENDING until its lease (60 s) lapses and a retry records it: wait for that too.
    const unsettled = () => ds!.getRepository(NotificationDeliveryEntity).countBy({ eventKey: In(expectedKeys), status: Not('SENT') });
    for (let open = await unsettled(); open > 0 && Date.now() < deadline; open = await unsettled()) {
      console.log(`worker-kill: ${open} deliveries still being recorded (a kill between the gateway's answer and the SENT mark)`);
      await sleep(5000);
    }

    const deliveries = await ds.getRepository(NotificationDeliveryEntity).findBy({ eventKey: In(expectedKeys) });
    const result: WorkerKillResult = {
      ok: false,
      reminders,
      kills,
      seconds: Math.round((Date.now() - started) / 1000),
      acceptedAtGateway: accepted(),
      repeatedPostsAtGateway: expectedKeys.reduce((n, k) => n + Math.max(0, (gateway.seen.get(k) ?? 0) - 1), 0),
      deliveriesSent: deliveries.filter((d) => d.status === 'SENT').length,
      deliveriesOther: deliveries.filter((d) => d.status !== 'SENT').length,
      remindersCompleted: await ds.getRepository(OutboxMessageEntity).countBy({ topic: 'reminder.sign-due', completedAt: Not(IsNull()), lastError: IsNull() }),
    };
    const notifications = await ds.getRepository(NotificationEntity).countBy({ eventKey: In(expectedKeys) });
    if (process.env.FAULT_DEBUG) {
      const byTopic = await ds.query('SELECT topic, COUNT(*) n, SUM(dispatchedAt IS NOT NULL) dispatched, SUM(completedAt IS NOT NULL) completed, MAX(lastError) err FROM outbox_messages GROUP BY topic');
      console.log(`outbox ${JSON.stringify(byTopic)}; notifications ${notifications}`);
    }
    result.ok =
      result.acceptedAtGateway === reminders &&
      result.deliveriesSent === reminders &&
      result.deliveriesOther === 0 &&
      result.remindersCompleted === reminders &&
      notifications === reminders;
    return result;
  } finally {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.exitCode !== null || w.signalCode !== null) return resolve();
            const timer = setTimeout(() => w.kill('SIGKILL'), 20_000);
            w.once('exit', () => (clearTimeout(timer), resolve()));
            w.kill('SIGTERM'); // graceful: running jobs finish
          }),
      ),
    );
    await ds?.destroy();
    await gateway.close();
    await redis.stop();
    await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin.end();
  }
}

/** One campaign, 40 units with one handler each, and `count` assigned items whose sign reminder is due now. */
export async function seed(ds: DataSource, count: number): Promise<string[]> {
  const now = new Date();
  const signDueAt = new Date(now.getTime() + 86_400_000);
  const dueAt = signDueAt.toISOString();
  return ds.transaction(async (em) => {
    const campaign = await em.insert(CampaignEntity, {
      year: now.getUTCFullYear(), number: 1, title: '故障演练', topic: '演练', description: '演练', opensAt: new Date(now.getTime() - 86_400_000), closesAt: new Date(now.getTime() + 86_400_000),
      status: 'OPEN', categories: ['城市建设'], signDays: 1, replyDays: 10, reopenReplyDays: 5, ratingWindowDays: 7, maxReopens: 1, requireReplyReview: false, prizeText: null, createdAt: now, updatedAt: now,
    });
    const campaignId = campaign.identifiers[0]!.id as number;
    const unitIds: number[] = [];
    const handlerOfUnit = new Map<number, number>();
    for (let u = 1; u <= UNITS; u++) {
      const unit = await em.insert(UnitEntity, { code: `F${u}`, name: `演练单位${u}`, kind: 'DEPARTMENT', parentId: null, active: true, createdAt: now, updatedAt: now });
      const unitId = unit.identifiers[0]!.id as number;
      const staff = await em.insert(StaffUserEntity, { username: `fault${u}`, passwordHash: 'x', displayName: `演练${u}`, roles: ['UNIT_HANDLER'], unitId, active: true, createdAt: now });
      unitIds.push(unitId);
      handlerOfUnit.set(unitId, staff.identifiers[0]!.id as number);
    }
    const keys: string[] = [];
    for (let from = 0; from < count; from += 500) {
      const rows = Array.from({ length: Math.min(500, count - from) }, (_, i) => ({
        campaignId, authorId: null, title: `演练建议${from + i}`, body: '演练正文', category: '城市建设', location: null, consentToPublish: false, anonymous: false, authorName: null,
        status: 'ASSIGNED' as const, idempotencyKey: `fault-${from + i}`, contentHash: 'x', version: 1, reopenCount: 0, leadUnitId: unitIds[(from + i) % UNITS]!,
        signDueAt, replyDueAt: new Date(signDueAt.getTime() + 14 * 86_400_000), ratingDueAt: null, mergedIntoId: null, adoption: null, published: false,
        closeReason: null, closedAt: null, submittedAt: now, updatedAt: now,
      }));
      const inserted = await em.insert(SuggestionEntity, rows);
      const ids = inserted.identifiers.map((x) => x.id as number);
      await writeOutbox(em, now, ids.map((id) => outboxEntry('reminder.sign-due', { suggestionId: id, dueAt }, `sign-due:${id}:${dueAt}`, now)));
      ids.forEach((id, i) => keys.push(`sign-due:${id}:${dueAt}:staff:${handlerOfUnit.get(rows[i]!.leadUnitId)!}`));
    }
    return keys;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runWorkerKill({
    reminders: env('FAULT_REMINDERS', 2000),
    workers: env('FAULT_WORKERS', 2),
    killSeconds: env('FAULT_KILL_SECONDS', 30),
    deadlineSeconds: env('FAULT_DEADLINE_SECONDS', 300),
    rootUrl: process.env.FAULT_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
    log: (line) => console.log(line),
  })
    .then((r) => {
      if (!r) return;
      console.log(JSON.stringify(r, null, 2));
      process.exit(r.ok ? 0 : 1);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
