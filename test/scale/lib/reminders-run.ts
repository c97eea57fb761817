import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createConnection } from 'mysql2/promise';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { previousQuarter } from '../../../src/calendar/quarters.js';
import { dataSourceOptions } from '../../../src/database/data-source-options.js';
import { outboxEntry } from '../../../src/jobs/job-types.js';
import { OutboxMessageEntity } from '../../../src/jobs/outbox-message.entity.js';
import { writeOutbox } from '../../../src/jobs/outbox.js';
import { NotificationDeliveryEntity } from '../../../src/notifications/notification-delivery.entity.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../faults/lib/webhook-receiver.js';
import { seed } from '../../faults/worker-kill.js';
import { sleep } from '../../faults/lib/services.js';

export interface RemindersRunOptions {
  label: string;
  /** A MariaDB root URL without database; a fresh database is created (and dropped after). */
  rootUrl: string;
  /** REDIS_URL or REDIS_CLUSTER_NODES for every process. */
  redisEnv: Record<string, string>;
  reminders: number;
  apis: number;
  workers: number;
  deadlineSeconds: number;
  /** Writers of the last quarter's quarter-end trigger, as every instance's reconciler writes it. */
  quarterEndWriters?: number;
  /** Runs once deliveries flow (a master killed, ...); its notes are reported. */
  during?: (progress: () => number) => Promise<string[]>;
  log(line: string): void;
}

export interface RemindersRunResult {
  reminders: number;
  accepted: number;
  lost: number;
  /** More deliveries recorded than reminders, or an event key the gateway accepted twice. */
  duplicates: number;
  repeatedPosts: number;
  seconds: number;
  scoringRuns: number | null;
  notes: string[];
}

/**
 * `reminders` sign-due reminders due now, relayed and sent by `apis` api processes (each relays
 * the outbox) and `workers` worker processes (relay + consume) on one database and one Redis
 * (a server or a cluster); counts what reached a local gateway.
 */
export async function runReminders(o: RemindersRunOptions): Promise<RemindersRunResult> {
  const dbName = `civicloop_scale_${o.label}_${process.pid}`;
  const admin = await createConnection({ uri: o.rootUrl });
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const databaseUrl = `${o.rootUrl.replace(/^mysql:/, 'mariadb:')}/${dbName}`;
  const gateway: WebhookReceiver = await startWebhookReceiver({ keepBodies: false });
  const children: ChildProcess[] = [];
  let ds: DataSource | null = null;
  const started = Date.now();
  const notes: string[] = [];
  try {
    ds = new DataSource({ ...dataSourceOptions({ database: { type: 'mariadb', url: databaseUrl.replace(/^mariadb:/, 'mysql:'), poolSize: 10 } }), migrationsTransactionMode: 'each' });
    await ds.initialize();
    await ds.runMigrations();
    const expectedKeys = await seed(ds, o.reminders);
    const quarter = previousQuarter(new Date());
    if (o.quarterEndWriters) {
      // The same dedupe key from each writer, as each instance's reconciler would write it.
      for (let i = 0; i < o.quarterEndWriters; i++) {
        await ds.transaction((em) => writeOutbox(em, new Date(), [outboxEntry('awards.quarter-end', { quarter }, `awards.quarter-end:${quarter}`, new Date())]));
      }
    }
    const dist = (file: string) => fileURLToPath(new URL(`../../../src/${file}`, import.meta.url));
    const env = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: process.env.SCALE_LOG_LEVEL ?? 'warn',
      DATABASE_URL: databaseUrl,
      DB_POOL_SIZE: '10',
      ...o.redisEnv,
      JOBS_DRIVER: 'bullmq',
      RUN_JOBS_IN_API: 'false',
      WEBHOOK_URL: gateway.url,
      WEBHOOK_SECRET: 'scale-script-webhook-secret',
      MIGRATIONS_RUN: 'false',
      SEED_DEMO: 'false',
      HOST: '127.0.0.1',
      PORT: '0',
      WORKER_PORT: '0',
      SHED_LOAD_EVENT_LOOP_DELAY_MS: '0',
    };
    for (let i = 0; i < o.apis; i++) children.push(spawn(process.execPath, [dist('main.js')], { env, stdio: ['ignore', 'inherit', 'inherit'] }));
    for (let i = 0; i < o.workers; i++) children.push(spawn(process.execPath, [dist('worker.js')], { env, stdio: ['ignore', 'inherit', 'inherit'] }));
    o.log(`${o.reminders} reminders due now; ${o.apis} api and ${o.workers} worker processes`);

    const accepted = () => expectedKeys.filter((k) => gateway.seen.has(k)).length;
    for (const bootDeadline = Date.now() + 90_000; accepted() === 0 && Date.now() < bootDeadline; ) await sleep(200);
    if (o.during) notes.push(...(await o.during(accepted)));
    const deadline = started + o.deadlineSeconds * 1000;
    let lastReport = Date.now();
    while (Date.now() < deadline && accepted() < o.reminders) {
      await sleep(500);
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        o.log(`${accepted()}/${o.reminders} accepted after ${Math.round((Date.now() - started) / 1000)} s`);
      }
    }
    await sleep(3000); // anything in flight lands (and shows if sent twice)
    const unsettled = () => ds!.getRepository(NotificationDeliveryEntity).countBy({ eventKey: In(expectedKeys), status: Not('SENT') });
    for (let open = await unsettled(); open > 0 && Date.now() < deadline; open = await unsettled()) await sleep(2000);
    const deliveries = await ds.getRepository(NotificationDeliveryEntity).countBy({ eventKey: In(expectedKeys) });
    const repeatedPosts = expectedKeys.reduce((n, k) => n + Math.max(0, (gateway.seen.get(k) ?? 0) - 1), 0);
    let scoringRuns: number | null = null;
    if (o.quarterEndWriters) {
      for (const until = Date.now() + 30_000; Date.now() < until; await sleep(500)) {
        const [done] = await ds.getRepository(OutboxMessageEntity).findBy({ topic: 'awards.quarter-end', completedAt: Not(IsNull()) });
        if (done) break;
      }
      const [row] = await ds.query(
        "SELECT COUNT(*) AS n FROM award_round_events e JOIN award_rounds r ON r.id = e.roundId WHERE r.quarter = ? AND e.actorKind = 'SYSTEM'",
        [quarter],
      );
      scoringRuns = Number(row?.n ?? 0);
      const outboxRows = await ds.getRepository(OutboxMessageEntity).countBy({ dedupeKey: `awards.quarter-end:${quarter}` });
      notes.push(`quarter-end ${quarter}: written by ${o.quarterEndWriters} writers, ${outboxRows} outbox row(s), ${scoringRuns} scoring run(s)`);
    }
    const acc = accepted();
    return {
      reminders: o.reminders,
      accepted: acc,
      lost: o.reminders - acc,
      duplicates: Math.max(0, deliveries - o.reminders),
      repeatedPosts,
      seconds: Math.round((Date.now() - started) / 1000),
      scoringRuns,
      notes,
    };
  } finally {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            const timer = setTimeout(() => c.kill('SIGKILL'), 20_000);
            c.once('exit', () => (clearTimeout(timer), resolve()));
            c.kill('SIGTERM');
          }),
      ),
    );
    await ds?.destroy();
    await gateway.close();
    await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin.end();
  }
}
