import { In, IsNull, Not } from 'typeorm';
import { given, idempotencyKey } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { startWebhookReceiver, type WebhookReceiver } from '../faults/lib/webhook-receiver.js';
import { redisServerInstalled, startRedisServer, type RedisServer } from '../faults/lib/redis-server.js';
import { eventually, sleep } from '../helpers/jobs-context.js';
import { JobsRuntime } from '../../src/jobs/jobs.runtime.js';
import { outboxEntry } from '../../src/jobs/job-types.js';
import { writeOutbox } from '../../src/jobs/outbox.js';
import { OutboxMessageEntity } from '../../src/jobs/outbox-message.entity.js';
import { RemindersService } from '../../src/reminders/reminders.service.js';
import { graphql } from '../gql/index.js';

// Production mode on a private Redis the test can stop: the api relays the outbox to BullMQ and,
// here, also consumes (RUN_JOBS_IN_API); /health and the admin dashboard; outages.

const SUBMIT = graphql(`mutation NotificationsBullmqSubmit($input: SubmitSuggestionInput!) { submitSuggestion(input: $input) { suggestion { id trackingNumber } } }`);

describe(describeDb('BullMQ mode: health, dashboard, Redis outages'), () => {
  let t: TestApp | null = null;
  let redis: RedisServer;
  let hook: WebhookReceiver;

  beforeAll(async () => {
    if (!redisServerInstalled()) return;
    redis = await startRedisServer();
    hook = await startWebhookReceiver();
    t = await startTestApp('bullmq', { REDIS_URL: redis.url, JOBS_DRIVER: 'bullmq', WEBHOOK_URL: hook.url, WEBHOOK_SECRET: 'bullmq-e2e-secret-0123456789' });
    await t?.app.get(JobsRuntime).start({ consume: true });
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await hook?.close();
    await redis?.stop();
  }, 30_000);

  it('reports queue connectivity in /health', async () => {
    if (!t) return;
    const res = await fetch(`${t.baseUrl}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', checks: { database: { status: 'up' }, redis: { status: 'up' }, queue: { status: 'up' } } });
  });

  it('shows the queue dashboard to admins only, by bearer token or the session cookie it sets', async () => {
    if (!t) return;
    const g = given(t);
    const admin = await g.staff(['ADMIN']);
    const coordinator = await g.staff(['COORDINATOR']);
    const page = `${t.baseUrl}/admin/queues`;
    expect((await fetch(page)).status).toBe(401);
    expect((await fetch(page, { headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401);
    expect((await fetch(page, { headers: { authorization: `Bearer ${coordinator.token}` } })).status).toBe(403);
    const html = await fetch(page, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');

    const session = await fetch(`${page}/session`, { method: 'POST', headers: { authorization: `Bearer ${admin.token}` } });
    expect(session.status).toBe(204);
    const cookie = session.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const api = await fetch(`${page}/api/queues`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(api.status).toBe(200);
    const names = ((await api.json()) as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
    expect(names).toEqual(['civicloop-jobs', 'civicloop-notifications']);
    const coordinatorSession = await fetch(`${page}/session`, { method: 'POST', headers: { authorization: `Bearer ${coordinator.token}` } });
    expect(coordinatorSession.status).toBe(403);
  });

  it('opens the queue dashboard with the web portal’s session cookie, and names its path to admins', async () => {
    if (!t) return;
    const g = given(t);
    const admin = await g.staff(['ADMIN']);
    const coordinator = await g.staff(['COORDINATOR']);
    const page = `${t.baseUrl}/admin/queues`;
    // The portal's HttpOnly session cookie (a staff sign-in at /staff/login) is enough: /admin/jobs links here.
    expect((await fetch(`${page}/api/queues`, { headers: { cookie: `civicloop_session=${admin.token}` } })).status).toBe(200);
    expect((await fetch(`${page}/api/queues`, { headers: { cookie: `civicloop_session=${coordinator.token}` } })).status).toBe(403);
    expect((await fetch(`${page}/api/queues`, { headers: { cookie: 'civicloop_session=not-a-token' } })).status).toBe(401);
    const res = await t.gql(graphql(`query NotificationsBullmqQueueDashboardPath { queueDashboardPath }`), {}, admin.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.queueDashboardPath).toBe('/admin/queues');
  });

  it('takes submissions while Redis is down; their notices flow once it is back, empty', async () => {
    if (!t) return;
    const author = await given(t).resident();
    const campaign = await given(t).campaign();
    await redis.stop();
    const submitted = await t.gql(SUBMIT, { input: { campaignId: campaign.id, title: '停电时的建议', body: 'Redis 停机期间提交的建议也应受理。', category: '城市建设', consentToPublish: false, idempotencyKey: idempotencyKey() } }, author.token);
    expect(submitted.errors).toBeUndefined();
    const { trackingNumber } = submitted.data.submitSuggestion.suggestion;
    const health = await fetch(`${t.baseUrl}/health`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as any).checks.queue.status).toBe('down');
    await sleep(1500);
    // The outbox keeps the notice while the relay cannot reach Redis.
    expect(await t.dataSource.getRepository(OutboxMessageEntity).countBy({ topic: 'notice.resident', dispatchedAt: IsNull() })).toBeGreaterThanOrEqual(1);
    expect(hook.received.filter((r) => r.body.params?.trackingNumber === trackingNumber)).toHaveLength(0);

    await redis.start();
    await eventually(() => expect(hook.received.filter((r) => r.body.params?.trackingNumber === trackingNumber).map((r) => r.body.template)).toEqual(['resident.received']), 45_000, 200);
    expect(hook.received.find((r) => r.body.params?.trackingNumber === trackingNumber)!.body.to).toBe(author.phone);
  }, 60_000);

  it('jobs queued in Redis when it restarts empty are rebuilt by the reconciler and delivered once', async () => {
    if (!t) return;
    const author = await given(t).resident();
    const campaign = await given(t).campaign();
    const submitted = await t.gql(SUBMIT, { input: { campaignId: campaign.id, title: '重启测试', body: '用于验证队列丢失后的重建。', category: '城市建设', consentToPublish: false, idempotencyKey: idempotencyKey() } }, author.token);
    const id = submitted.data.submitSuggestion.suggestion.id as number;
    const trackingNumber = submitted.data.submitSuggestion.suggestion.trackingNumber as string;
    // The submission's own notice delivered first, so the only jobs Redis loses below are the twenty.
    await eventually(() => expect(hook.received.some((r) => r.body.params?.trackingNumber === trackingNumber)).toBe(true), 30_000, 100);
    // Twenty notices due in three seconds: within the relay's lookahead, so they wait in Redis as delayed jobs.
    const dueAt = new Date(t.clock.now().getTime() + 3000);
    const keys = Array.from({ length: 20 }, (_, i) => `restart-test:${id}:${i}`);
    await t.dataSource.transaction((em) =>
      writeOutbox(em, t!.clock.now(), keys.map((k, i) => outboxEntry('notice.resident', { suggestionId: id, stage: 'RECEIVED', timelineEventId: 900_000 + i }, k, dueAt))),
    );
    await eventually(async () => expect(await t!.dataSource.getRepository(OutboxMessageEntity).countBy({ dedupeKey: In(keys), dispatchedAt: Not(IsNull()) })).toBe(20), 10_000, 100);
    await redis.stop();
    await redis.start(); // empty: the delayed jobs are gone
    await sleep(4000);
    const sent = () => hook.received.filter((r) => r.body.eventKey?.startsWith('notice:9000') && r.body.eventKey.endsWith(`:${id}`));
    expect(sent()).toHaveLength(0);

    // A minute later the reconciler notices the missing jobs and puts their rows back.
    t.clock.advance(61_000);
    const report = await t.app.get(RemindersService).reconcile();
    expect(report.jobsHealed).toBe(20);
    await eventually(() => expect(sent()).toHaveLength(20), 30_000, 200);
    await sleep(1500);
    expect(new Set(sent().map((r) => r.body.eventKey)).size).toBe(20);
    expect(sent()).toHaveLength(20);
  }, 60_000);
});
