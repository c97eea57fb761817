import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { In, IsNull, Not } from 'typeorm';
import { OutboxMessageEntity } from '../../../src/jobs/outbox-message.entity.js';
import { given } from '../../factories/given.js';
import type { TestApp } from '../../helpers/test-app.js';
import { startSecurityApp } from '../../security/lib/security-app.js';
import { collectPii, type FaultContext, type ScenarioResult } from '../lib/context.js';
import { startRedisServer } from '../lib/redis-server.js';
import { CuttableProxy, sleep } from '../lib/services.js';
import { submitMany } from './redis-restart.js';

export interface RedisOutageFigures {
  resume_seconds: number | null;
}

/**
 * Redis becomes unreachable (a relay in front of a private Redis is cut) for 60 s while an api
 * and a worker process run. /health must report the outage while it lasts; once Redis answers
 * again the work queued meanwhile must be done within 30 s.
 */
export async function redisOutageScenario(ctx: FaultContext): Promise<ScenarioResult<RedisOutageFigures>> {
  const outageSeconds = ctx.quick ? 20 : 60;
  const db = await ctx.mariadb();
  const url = await db.createDatabase('faults_redis_outage');
  const redis = await startRedisServer();
  const proxy = await CuttableProxy.start(redis.port);
  const secrets = {
    JWT_SECRET: randomBytes(32).toString('hex'),
    PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PII_HASH_KEY: randomBytes(24).toString('hex'),
    WEBHOOK_SECRET: randomBytes(24).toString('hex'),
  };
  const t = (await startSecurityApp('faults-redis-outage', { production: true, database: { type: 'mariadb', url, poolSize: 20 }, env: { REDIS_URL: proxy.url, JOBS_DRIVER: 'bullmq', ...secrets } }))!;
  const notes: string[] = [];
  let worker: ChildProcess | null = null;
  try {
    const workerJs = fileURLToPath(new URL('../../../src/worker.js', import.meta.url));
    worker = spawn(process.execPath, [workerJs], {
      env: {
        ...process.env,
        ...secrets,
        NODE_ENV: 'production',
        LOG_LEVEL: 'error',
        DATABASE_URL: url.replace(/^mysql:/, 'mariadb:'),
        REDIS_URL: proxy.url,
        JOBS_DRIVER: 'bullmq',
        WEBHOOK_URL: t.config.webhook.url!,
        MIGRATIONS_RUN: 'false',
        WORKER_PORT: '0',
        SEED_DEMO: 'false',
      },
      stdio: ['ignore', 'ignore', process.env.FAULTS_VERBOSE ? 'inherit' : 'ignore'],
    });
    const campaign = await given(t as unknown as TestApp).campaign();
    const outbox = t.dataSource.getRepository(OutboxMessageEntity);
    const doneWithin = async (ids: number[], ms: number) => {
      const deadline = Date.now() + ms;
      for (;;) {
        const open = await outbox.countBy({ id: In(ids), completedAt: IsNull() });
        if (!open) return true;
        if (Date.now() > deadline) return false;
        await sleep(250);
      }
    };
    const noticeRowsOf = async (suggestionIds: number[]) => (await outbox.find({ where: { topic: 'notice.resident' } })).filter((r) => suggestionIds.includes((r.payload as { suggestionId: number }).suggestionId)).map((r) => r.id);
    const health = async () => {
      // An answer within 5 s, or none: a health check that hangs during an outage does not show it.
      const res = await fetch(`${t.baseUrl}/health`, { signal: AbortSignal.timeout(5_000) });
      return { status: res.status, body: (await res.json()) as { checks: Record<string, { status: string }> } };
    };

    // The worker runs jobs before the outage.
    const warmup = await submitMany(t, campaign, 5, '演练前');
    const warm = await doneWithin(await noticeRowsOf(warmup), 60_000);
    notes.push(`before the outage: worker ${warm ? 'ran' : 'did NOT run'} the first jobs; /health ${(await health()).status}`);

    await proxy.cut();
    const cutAt = Date.now();
    const statuses: number[] = [];
    const during: number[] = [];
    const latencies: number[] = [];
    let attempted = 0;
    const outageOver = () => Date.now() - cutAt >= outageSeconds * 1000;
    // /health is polled while residents keep submitting: neither waits for the other.
    const polling = (async () => {
      while (!outageOver()) {
        const h = await health().catch(() => ({ status: 0, body: { checks: {} as Record<string, { status: string }> } }));
        // The api learns of the cut on its next use of Redis: the first seconds are not counted.
        if (Date.now() - cutAt > 3000) statuses.push(h.status === 503 && h.body.checks.redis?.status === 'down' ? 503 : h.status);
        await sleep(2000);
      }
    })();
    const submitting = (async () => {
      while (!outageOver()) {
        attempted++;
        const s0 = Date.now();
        during.push(...(await submitMany(t, campaign, 1, '中断中', 10_000)));
        latencies.push(Date.now() - s0);
        await sleep(1000);
      }
    })();
    await Promise.all([polling, submitting]);
    if (process.env.FAULTS_VERBOSE) {
      const trx = await t.dataSource.query('SELECT trx_state, trx_started, trx_rows_locked FROM information_schema.INNODB_TRX');
      ctx.log(`open transactions at the end of the outage: ${JSON.stringify(trx)}`);
    }
    await proxy.open();
    const backAt = Date.now();
    const rows = await noticeRowsOf(during);
    const pendingAtReturn = await outbox.countBy({ id: In(rows), completedAt: IsNull() });
    let resume: number | null = null;
    if (await doneWithin(rows, 120_000)) resume = Math.round((Date.now() - backAt) / 100) / 10;
    let healthyAfter = 0;
    for (let i = 0; i < 30 && healthyAfter !== 200; i++) {
      healthyAfter = (await health().catch(() => ({ status: 0 }))).status;
      if (healthyAfter !== 200) await sleep(1000);
    }
    const outageShown = statuses.length > 0 && statuses.every((s) => s === 503);
    notes.push(
      `outage ${outageSeconds} s: /health answered ${statuses.length} times, ${statuses.filter((s) => s === 503).length} of them 503 with redis down; ` +
        `${during.length} of ${attempted} submissions during it acknowledged within 10 s (slowest ${Math.max(0, ...latencies)} ms; ${pendingAtReturn} notices waiting at return); ` +
        `all done ${resume ?? 'NOT'} s after Redis returned; /health after: ${healthyAfter}`,
    );
    const completedTotal = await outbox.countBy({ completedAt: Not(IsNull()) });
    notes.push(`${completedTotal} outbox rows completed in all`);
    // Redis holds no submission: while it is away residents must still be answered (ARCHITECTURE §4).
    const submissionsKeptUp = attempted > 0 && during.length === attempted;
    if (!submissionsKeptUp) notes.push(`FAILED: ${attempted - during.length} of ${attempted} submissions got no answer within 10 s while Redis was away`);
    return { figures: { resume_seconds: resume }, ok: warm && outageShown && resume !== null && resume <= 30 && healthyAfter === 200 && submissionsKeptUp, notes };
  } finally {
    collectPii(ctx, t);
    if (worker && worker.exitCode === null) {
      const exited = new Promise((r) => worker!.once('exit', r));
      worker.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (worker.exitCode === null) worker.kill('SIGKILL');
    }
    await t.close().catch(() => undefined);
    await proxy.close();
    await redis.stop();
  }
}
