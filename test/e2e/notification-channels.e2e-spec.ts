import { given } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { NotificationDeliveryEntity } from '../../src/notifications/notification-delivery.entity.js';
import { graphql } from '../gql/index.js';

// The administrator's view of the outgoing channels (/admin, settings tab) and of where the queue
// dashboard is: from the configuration and the notification_deliveries rows, admins only.
const CHANNELS = graphql(`query NotificationChannelsChannels { notificationChannels { since channels { channel enabled transport host sent dead sending skipped lastError lastErrorAt } } }`);

describe(describeDb('notification channels and the queue dashboard path'), () => {
  let t: TestApp;

  beforeAll(async () => {
    // Nothing listens there: the test only reads the configuration and rows it writes itself.
    t = (await startTestApp('channels', { WEBHOOK_URL: 'http://127.0.0.1:9/hook?token=do-not-show', WEBHOOK_SECRET: 'e2e-webhook-secret-0123456789' }))!;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts the last 7 days’ deliveries per channel and names the latest error', async () => {
    t.clock.set('2026-12-07T04:00:00Z');
    const now = t.clock.now();
    const day = 86_400_000;
    const row = (eventKey: string, channel: string, status: string, ageDays: number, lastError: string | null = null) => ({
      eventKey, notificationId: 1, channel, status, attempts: 1, lastError, leaseUntil: null,
      sentAt: status === 'SENT' ? now : null, createdAt: new Date(now.getTime() - ageDays * day),
    });
    // In claim order, as the service writes them (the latest error is the latest row with one).
    await t.dataSource.getRepository(NotificationDeliveryEntity).insert([
      row('ch:7', 'WEBHOOK', 'SENT', 9, 'an older error'),
      row('ch:1', 'SMS', 'SENT', 1),
      row('ch:2', 'SMS', 'SENT', 2),
      row('ch:3', 'SMS', 'SENT', 8), // before the window
      row('ch:4', 'SMS', 'DEAD', 3, 'webhook answered 503'),
      row('ch:5', 'SMS', 'SKIPPED', 1),
      row('ch:6', 'WEBHOOK', 'SENDING', 0, 'connect ECONNREFUSED 127.0.0.1:9'),
    ] as Partial<NotificationDeliveryEntity>[]);

    const admin = await given(t).staff(['ADMIN']);
    const res = await t.gql(CHANNELS, {}, admin.token);
    expect(res.errors).toBeUndefined();
    const { since, channels } = res.data.notificationChannels;
    expect(new Date(since).getTime()).toBe(now.getTime() - 7 * day);
    const byName = Object.fromEntries(channels.map((c: any) => [c.channel, c]));
    expect(Object.keys(byName)).toEqual(['SMS', 'WEBHOOK', 'LOG']);
    expect(byName.SMS).toMatchObject({ enabled: true, transport: 'WEBHOOK', host: '127.0.0.1:9', sent: 2, dead: 1, sending: 0, skipped: 1, lastError: 'webhook answered 503' });
    expect(new Date(byName.SMS.lastErrorAt).getTime()).toBe(now.getTime() - 3 * day);
    expect(byName.WEBHOOK).toMatchObject({ enabled: true, sent: 0, sending: 1, lastError: 'connect ECONNREFUSED 127.0.0.1:9' });
    expect(byName.LOG).toMatchObject({ enabled: false, transport: 'LOG', host: null, sent: 0, lastError: null, lastErrorAt: null });
    expect(res.body).not.toContain('do-not-show');
  });

  it('is for administrators only', async () => {
    const coordinator = await given(t).staff(['COORDINATOR']);
    expect((await t.gql(CHANNELS, {}, coordinator.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(graphql(`query NotificationChannelsQueueDashboardPath { queueDashboardPath }`), {}, coordinator.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('has no queue dashboard in embedded mode (the outbox is the queue)', async () => {
    const admin = await given(t).staff(['ADMIN']);
    const res = await t.gql(graphql(`query NotificationChannelsQueueDashboardPath2 { queueDashboardPath }`), {}, admin.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.queueDashboardPath).toBeNull();
  });
});
