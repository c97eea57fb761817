import { Writable } from 'node:stream';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { describeDb, NO_LOAD_SHEDDING, startTestApp, type TestApp } from '../helpers/test-app.js';
import { testDatabase } from '../helpers/test-db.js';
import { eventually } from '../helpers/jobs-context.js';
import { redisServerInstalled, startRedisServer, type RedisServer } from '../faults/lib/redis-server.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { createApp } from '../../src/app.factory.js';
import { createLogger } from '../../src/common/logger.js';
import { LOGGER } from '../../src/common/logger.module.js';
import type { Logger } from '../../src/common/logger.js';
import { startWorker } from '../../src/worker.js';
import { WorkerHttp } from '../../src/health/worker-http.js';
import { outboxEntry } from '../../src/jobs/job-types.js';
import { writeOutbox } from '../../src/jobs/outbox.js';

// Logs, metrics and health as operators meet them: the api's liveness and readiness apart,
// request ids on every line a request causes, and the worker's own /health and /metrics.

/** Value of one sample in Prometheus text, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(',');
    if (want.every((w) => have.includes(w))) return Number(m[3]);
  }
  return undefined;
}

// First in the file: nestjs-pino formats Nest's messages through a process-wide logger, the
// first app's (one app per process in production; here the others are silent).
describe('logs carry the request id', () => {
  let app: Awaited<ReturnType<typeof createApp>>['app'] | null = null;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const db = await testDatabase('logs');
    if (!db) return;
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        done();
      },
    });
    const base = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', ...NO_LOAD_SHEDDING });
    const config: AppConfig = { ...base, database: db.database, migrationsRun: true, seedDemo: false };
    ({ app } = await createApp(config, { logger: createLogger(config, sink) }));
    // A route whose handler logs through the logger services get, the way a service would.
    const logger = app.get<Logger>(LOGGER);
    app.getHttpAdapter().getInstance().get('/__log-probe', async () => {
      logger.info({ probe: true }, 'service line');
      return 'ok';
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => app?.close());

  it('puts the request id (given or generated) on service lines, and formats Nest messages as JSON', async () => {
    if (!app) return;
    const { port } = app.getHttpServer().address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/__log-probe`, { headers: { 'x-request-id': 'obs-req-42' } });
    expect(res.headers.get('x-request-id')).toBe('obs-req-42');
    const line = lines.find((l) => l.probe === true);
    expect(line).toMatchObject({ reqId: 'obs-req-42', msg: 'service line', service: 'civicloop' });
    // Nest's own start-up messages went through pino (JSON with a context), not Nest's console format.
    expect(lines.some((l) => typeof l.context === 'string' && /NestApplication|InstanceLoader|RoutesResolver/.test(l.context))).toBe(true);
    // Outside a request, no request id.
    app.get<Logger>(LOGGER).info({ outside: true }, 'background line');
    expect(lines.find((l) => l.outside === true)).not.toHaveProperty('reqId');
  });

  it('logs its shutdown', async () => {
    if (!app) return;
    await app.close();
    app = null;
    const messages = lines.map((l) => l.msg);
    expect(messages).toContain('shutting down: finishing running work');
    expect(messages.indexOf('shut down')).toBeGreaterThan(messages.indexOf('shutting down: finishing running work'));
  });
});

describe(describeDb('api health: liveness apart from readiness'), () => {
  let t: TestApp | null = null;
  beforeAll(async () => {
    t = await startTestApp('observability');
  });
  afterAll(async () => t?.close());

  it('answers liveness without touching dependencies, readiness with each check named', async () => {
    if (!t) return;
    const live = await fetch(`${t.baseUrl}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(`${t.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: { status: 'up' } } });
    // The address balancers already use answers readiness.
    expect((await fetch(`${t.baseUrl}/health`)).status).toBe(200);
  });

  it('reports the outbox backlog in /metrics', async () => {
    if (!t) return;
    await t.dataSource.transaction((em) =>
      writeOutbox(em, t!.clock.now(), [
        outboxEntry('campaign.open', { campaignId: 999_001 }, 'obs:due'),
        outboxEntry('campaign.open', { campaignId: 999_002 }, 'obs:later', new Date(t!.clock.now().getTime() + 3_600_000)),
      ]),
    );
    const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(sample(text, 'civicloop_outbox_messages', { state: 'due' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'civicloop_outbox_messages', { state: 'scheduled' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'civicloop_outbox_oldest_due_seconds')).toBeGreaterThanOrEqual(0);
  });
});

describe(describeDb('worker: /health and /metrics on WORKER_PORT'), () => {
  let redis: RedisServer | null = null;
  let worker: INestApplicationContext | null = null;
  let cleanup: (() => Promise<void>) | null = null;
  let baseUrl = '';

  beforeAll(async () => {
    if (!redisServerInstalled()) return;
    const db = await testDatabase('worker-metrics');
    if (!db) return;
    cleanup = db.cleanup;
    redis = await startRedisServer();
    const base = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', REDIS_URL: redis.url, JOBS_DRIVER: 'bullmq', WORKER_PORT: '0', HOST: '127.0.0.1' });
    const config: AppConfig = { ...base, database: db.database, migrationsRun: true, seedDemo: false };
    worker = await startWorker(config, { logger: createLogger({ logLevel: 'silent' }) });
    baseUrl = `http://127.0.0.1:${worker.get(WorkerHttp).port}`;
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await redis?.stop();
    await cleanup?.();
  }, 30_000);

  it('answers liveness and readiness (database, Redis, queue)', async () => {
    if (!worker) return;
    expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);
    const ready = await fetch(`${baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ok',
      checks: { database: { status: 'up' }, redis: { status: 'up' }, queue: { status: 'up' } },
    });
  });

  it('is scraped: job counters, outbox backlog and queue depths', async () => {
    if (!worker) return;
    const ds = worker.get(DataSource);
    await ds.transaction((em) => writeOutbox(em, new Date(), [outboxEntry('campaign.open', { campaignId: 999_003 }, 'obs:worker')]));
    // The worker relays the row to BullMQ and runs it; its counter is what /metrics never showed before.
    let text = '';
    await eventually(async () => {
      text = await (await fetch(`${baseUrl}/metrics`)).text();
      expect(sample(text, 'civicloop_jobs_processed_total', { job: 'campaign.open', outcome: 'completed' })).toBe(1);
    }, 20_000, 200);
    expect(sample(text, 'civicloop_queue_jobs', { queue: 'civicloop-jobs', state: 'waiting' })).toBe(0);
    expect(sample(text, 'civicloop_queue_jobs', { queue: 'civicloop-notifications', state: 'failed' })).toBe(0);
    expect(sample(text, 'civicloop_outbox_messages', { state: 'due' })).toBe(0);
    expect(text).toContain('civicloop_process_resident_memory_bytes');
  });

  it('closes its HTTP server on shutdown', async () => {
    if (!worker) return;
    const closing = worker.close();
    worker = null;
    await closing;
    // The server is gone after shutdown: a probe fails to connect rather than hang.
    await expect(fetch(`${baseUrl}/health/live`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  });
});
