import { createHmac } from 'node:crypto';
import { In } from 'typeorm';
import { given, idempotencyKey } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { startWebhookReceiver, type WebhookReceiver } from '../faults/lib/webhook-receiver.js';
import { JobsRuntime } from '../../src/jobs/jobs.runtime.js';
import { OutboxMessageEntity } from '../../src/jobs/outbox-message.entity.js';
import { RemindersService } from '../../src/reminders/reminders.service.js';
import { NotificationEntity } from '../../src/notifications/notification.entity.js';
import { NotificationDeliveryEntity } from '../../src/notifications/notification-delivery.entity.js';
import { NotificationsService } from '../../src/notifications/notifications.service.js';
import { SuggestionEntity } from '../../src/suggestions/suggestion.entity.js';
import { CampaignEntity } from '../../src/campaigns/campaign.entity.js';
import { graphql } from '../gql/index.js';

// The whole loop told to the right people at the right time (embedded mode: the SQL runner,
// driven here by the test's clock), with the webhook gateway a local HTTP receiver.

const SECRET = 'e2e-webhook-secret-0123456789';
const SUBMIT = graphql(`mutation NotificationsSubmit($input: SubmitSuggestionInput!) { submitSuggestion(input: $input) { suggestion { id trackingNumber } } }`);
const ASSIGN = graphql(`mutation NotificationsAssign($input: AssignSuggestionInput!) { assignSuggestion(input: $input) { suggestions { id status signDueAt replyDueAt } } }`);
const SIGN = graphql(`mutation NotificationsSign($input: SuggestionIdInput!) { signSuggestion(input: $input) { suggestion { id status } } }`);
const REPLY = graphql(`mutation NotificationsReply($input: ReplyToSuggestionInput!) { replyToSuggestion(input: $input) { suggestion { id status ratingDueAt } reply { id } } }`);
const REQUEST_EXTENSION = graphql(`mutation NotificationsRequestExtension($input: RequestExtensionInput!) { requestExtension(input: $input) { extensionRequest { id } } }`);
const DECIDE_EXTENSION = graphql(`mutation NotificationsDecideExtension($input: DecideExtensionInput!) { decideExtension(input: $input) { extensionRequest { id status } } }`);
const INBOX = graphql(`query NotificationsInbox($first: Int, $after: String, $unreadOnly: Boolean) { myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id kind template text trackingNumber suggestionId readAt } } } }`);
const TASKS = graphql(`query NotificationsTasks($status: CallbackTaskStatus) { callbackTasks(first: 20, status: $status) { totalCount edges { node { id status trackingNumber phoneMasked dueAt outcome note completedById } } } }`);
const COMPLETE = graphql(`mutation NotificationsComplete($input: CompleteCallbackTaskInput!) { completeCallbackTask(input: $input) { task { id status outcome note } } }`);

describe(describeDb('notifications, reminders and follow-up calls'), () => {
  let t: TestApp;
  let hook: WebhookReceiver;

  beforeAll(async () => {
    hook = await startWebhookReceiver();
    t = (await startTestApp('notify', { WEBHOOK_URL: hook.url, WEBHOOK_SECRET: SECRET }))!;
  });
  afterAll(async () => {
    await t?.close();
    await hook?.close();
  });

  /** Runs every job due by the test clock, including the deliveries they write. */
  async function drain(): Promise<void> {
    const runtime = t.app.get(JobsRuntime);
    for (let i = 0; i < 100; i++) if ((await runtime.runDue()) === 0) return;
    throw new Error('jobs kept coming');
  }

  async function inbox(token: string): Promise<any[]> {
    const res = await t.gql(INBOX, { first: 100 }, token);
    expect(res.errors).toBeUndefined();
    return res.data.myNotifications.edges.map((e: any) => e.node);
  }

  async function world() {
    const g = given(t);
    const campaign = await g.campaign();
    const unit = await g.unit({ name: '市交通运输局' });
    const coordinator = await g.staff(['COORDINATOR']);
    const handler = await g.staff(['UNIT_HANDLER'], unit.id);
    const unitAdmin = await g.staff(['UNIT_ADMIN'], unit.id);
    const auditor = await g.staff(['AUDITOR']);
    const author = await g.resident();
    const submitted = await t.gql(SUBMIT, { input: { campaignId: campaign.id, title: '公交线路优化建议', body: '建议优化12路公交线路，增加高峰时段班次。', category: '交通出行', consentToPublish: true, idempotencyKey: idempotencyKey() } }, author.token);
    expect(submitted.errors).toBeUndefined();
    const { id, trackingNumber } = submitted.data.submitSuggestion.suggestion;
    return { campaign, unit, coordinator, handler, unitAdmin, auditor, author, id: id as number, trackingNumber: trackingNumber as string };
  }

  async function assign(w: Awaited<ReturnType<typeof world>>) {
    const res = await t.gql(ASSIGN, { input: { suggestionIds: [w.id], leadUnitId: w.unit.id } }, w.coordinator.token);
    expect(res.errors).toBeUndefined();
    return res.data.assignSuggestion.suggestions[0];
  }

  const templatesOf = (rows: any[], suggestionId: number) => rows.filter((n) => n.suggestionId === suggestionId).map((n) => n.template);

  it('tells each party at the right working-day moment, escalates daily, and stops once answered', async () => {
    t.clock.set('2025-09-26T02:00:00Z'); // Friday 10:00 in Shanghai, before the National Day week
    const w = await world();
    await drain();
    // 温馨提醒 with the tracking number, in the inbox and as an SMS to the author's phone.
    expect((await inbox(w.author.token)).map((n) => [n.template, n.trackingNumber])).toEqual([['resident.received', w.trackingNumber]]);
    const receipt = hook.byTemplate('resident.received').find((r) => r.body.params.trackingNumber === w.trackingNumber)!;
    expect(receipt.body).toMatchObject({ channel: 'sms', to: w.author.phone, text: expect.stringContaining(w.trackingNumber) });
    expect(receipt.headers['x-civicloop-event']).toBe(receipt.body.eventKey);

    const a = await assign(w);
    // Sunday 28 September is a make-up working day (调休): signing is due that day.
    expect(a.signDueAt).toBe('2025-09-28T15:59:59.999Z');
    expect(a.replyDueAt).toBe('2025-10-16T15:59:59.999Z');
    await drain();
    expect(templatesOf(await inbox(w.author.token), w.id)).toEqual(['resident.assigned', 'resident.received']);
    expect(await inbox(w.handler.token)).toEqual([]);

    // The sign reminder fires at 09:00 Shanghai on the sign-due day, not a millisecond earlier.
    t.clock.set('2025-09-28T00:59:59.999Z');
    await drain();
    expect(await inbox(w.handler.token)).toEqual([]);
    t.clock.set('2025-09-28T01:00:00.000Z');
    await drain();
    const signReminder = await inbox(w.handler.token);
    expect(signReminder.map((n) => [n.template, n.kind])).toEqual([['unit.sign-due', 'DEADLINE']]);
    expect(signReminder[0].text).toBe(`【签收提醒】建议${w.trackingNumber}已交办贵单位，请于2025年9月28日前签收。`);
    const staffHook = hook.byTemplate('unit.sign-due').find((r) => r.body.params.trackingNumber === w.trackingNumber)!;
    expect(staffHook.body).toMatchObject({ channel: 'staff', recipient: { kind: 'staff', id: w.handler.id } });
    expect(staffHook.body.to).toBeUndefined();

    t.clock.set('2025-09-29T01:30:00Z');
    expect((await t.gql(SIGN, { input: { suggestionId: w.id } }, w.handler.token)).errors).toBeUndefined();

    // Reply due 16 October; the due-soon reminder comes one working day before, at 09:00.
    t.clock.set('2025-10-15T00:59:59.999Z');
    await drain();
    expect(templatesOf(await inbox(w.handler.token), w.id)).toEqual(['unit.sign-due']);
    t.clock.set('2025-10-15T01:00:00.000Z');
    await drain();
    expect(templatesOf(await inbox(w.handler.token), w.id)).toEqual(['unit.reply-due-soon', 'unit.sign-due']);

    // Overdue (督办): the handler first, then the unit admin, then the coordinator, each next working day.
    t.clock.set('2025-10-16T15:59:59.999Z');
    await drain();
    expect(templatesOf(await inbox(w.handler.token), w.id)).not.toContain('unit.overdue');
    t.clock.set('2025-10-16T16:00:00.000Z'); // 00:00 on Friday 17 October in Shanghai
    await drain();
    expect((await inbox(w.handler.token))[0]).toMatchObject({ template: 'unit.overdue', kind: 'ESCALATION', text: expect.stringContaining('第1次督办') });
    expect(await inbox(w.unitAdmin.token)).toEqual([]);
    const level2 = await t.dataSource.getRepository(OutboxMessageEntity).findOneByOrFail({ dedupeKey: `overdue:${w.id}:2025-10-16T15:59:59.999Z:2` });
    expect(level2.availableAt.toISOString()).toBe('2025-10-20T01:00:00.000Z'); // Monday 09:00: the next working day

    t.clock.set('2025-10-20T01:00:00.000Z');
    await drain();
    expect((await inbox(w.unitAdmin.token)).map((n) => n.text)).toEqual([expect.stringContaining('第2次督办')]);
    t.clock.set('2025-10-21T01:00:00.000Z');
    await drain();
    expect((await inbox(w.coordinator.token)).map((n) => n.template)).toEqual(['office.overdue']);

    // The unit answers; the next escalation finds it answered and stays silent.
    t.clock.set('2025-10-21T02:00:00Z');
    const replied = await t.gql(REPLY, { input: { suggestionId: w.id, body: '已优化12路公交线路，高峰时段加密至每8分钟一班。', adoption: 'ADOPTED' } }, w.handler.token);
    expect(replied.errors).toBeUndefined();
    expect(replied.data.replyToSuggestion.suggestion).toMatchObject({ status: 'REPLIED', ratingDueAt: '2025-10-28T02:00:00.000Z' });
    t.clock.set('2025-10-22T01:00:00.000Z');
    await drain();
    expect((await inbox(w.coordinator.token)).map((n) => n.template)).toEqual(['office.overdue']);
    // The reply notice and the rating request run in the same pass, in either order.
    expect(templatesOf(await inbox(w.author.token), w.id).sort()).toEqual(['resident.assigned', 'resident.rating-request', 'resident.received', 'resident.replied']);
    expect((await inbox(w.author.token)).find((n) => n.template === 'resident.rating-request').text).toContain('2025年10月28日前对办理结果进行评价');

    // The office's follow-up call (回访) after the reply.
    const tasks = await t.gql(TASKS, { status: 'OPEN' }, w.coordinator.token);
    expect(tasks.errors).toBeUndefined();
    const task = tasks.data.callbackTasks.edges.map((e: any) => e.node).find((n: any) => n.trackingNumber === w.trackingNumber);
    expect(task).toMatchObject({ status: 'OPEN', phoneMasked: `${w.author.phone.slice(0, 3)}****${w.author.phone.slice(-4)}`, dueAt: '2025-10-24T15:59:59.999Z', outcome: null });
    expect(tasks.body).not.toContain(w.author.phone);
    const done = await t.gql(COMPLETE, { input: { id: task.id, outcome: 'REACHED_SATISFIED', note: '居民表示满意' } }, w.coordinator.token);
    expect(done.data.completeCallbackTask.task).toEqual({ id: task.id, status: 'DONE', outcome: 'REACHED_SATISFIED', note: '居民表示满意' });
    expect((await t.gql(COMPLETE, { input: { id: task.id, outcome: 'NOT_REACHED' } }, w.coordinator.token)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await t.gql(TASKS, { status: 'DONE' }, w.auditor.token)).data.callbackTasks.edges.map((e: any) => e.node.id)).toContain(task.id);
    expect((await t.gql(COMPLETE, { input: { id: task.id, outcome: 'NOT_REACHED' } }, w.auditor.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The unit that answered follows its item's call-backs (it does not record them).
    const unitTasks = await t.gql(TASKS, {}, w.handler.token);
    expect(unitTasks.data.callbackTasks.edges.map((e: any) => e.node)).toEqual([expect.objectContaining({ id: task.id, outcome: 'REACHED_SATISFIED', note: '居民表示满意' })]);
    expect(unitTasks.body).not.toContain(w.author.phone);
    expect((await t.gql(COMPLETE, { input: { id: task.id, outcome: 'NOT_REACHED' } }, w.handler.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Nobody rates within seven days: the item closes by itself and the author is told.
    t.clock.set('2025-10-28T01:59:59.999Z');
    await drain();
    expect((await t.dataSource.getRepository(SuggestionEntity).findOneByOrFail({ id: w.id })).status).toBe('REPLIED');
    t.clock.set('2025-10-28T02:00:00.000Z');
    await drain();
    expect((await t.dataSource.getRepository(SuggestionEntity).findOneByOrFail({ id: w.id })).status).toBe('CLOSED');
    expect(templatesOf(await inbox(w.author.token), w.id)[0]).toBe('resident.closed');

    // Every SMS reached the gateway exactly once, and job data never held the phone number.
    const mine = hook.received.filter((r) => r.body.to === w.author.phone);
    expect(mine.map((r) => r.body.template).sort()).toEqual(['resident.assigned', 'resident.closed', 'resident.rating-request', 'resident.received', 'resident.replied']);
    expect(new Set(hook.received.map((r) => r.body.eventKey)).size).toBe(hook.received.length);
    const outbox = await t.dataSource.getRepository(OutboxMessageEntity).find();
    expect(JSON.stringify(outbox)).not.toContain(w.author.phone);
    expect(JSON.stringify(await t.dataSource.getRepository(NotificationEntity).find())).not.toContain(w.author.phone);
  }, 60_000);

  it('sends no reminder for an item answered before its due time', async () => {
    t.clock.set('2025-11-03T02:00:00Z'); // Monday
    const w = await world();
    const a = await assign(w);
    expect(a.replyDueAt).toBe('2025-11-17T15:59:59.999Z');
    t.clock.set('2025-11-03T03:00:00Z');
    await t.gql(SIGN, { input: { suggestionId: w.id } }, w.handler.token);
    // Answered well before the due-soon moment (14 November 09:00).
    await t.gql(REPLY, { input: { suggestionId: w.id, body: '已安排专人核实并处理，感谢您的建议。', adoption: 'PARTIALLY_ADOPTED' } }, w.handler.token);
    for (const at of ['2025-11-14T01:00:00Z', '2025-11-17T16:00:00Z', '2025-11-18T01:00:00Z']) {
      t.clock.set(at);
      await drain();
    }
    const handlerInbox = await inbox(w.handler.token);
    expect(handlerInbox).toEqual([]);
    // The reminder jobs ran and found nothing to do.
    const rows = await t.dataSource.getRepository(OutboxMessageEntity).findBy({ dedupeKey: In([`reply-due-soon:${w.id}:2025-11-17T15:59:59.999Z`, `overdue:${w.id}:2025-11-17T15:59:59.999Z:1`]) });
    expect(rows.map((r) => r.completedAt !== null && r.lastError === null)).toEqual([true, true]);
  }, 30_000);

  it('an approved extension moves the reminders to the new deadline', async () => {
    t.clock.set('2025-12-01T02:00:00Z'); // Monday
    const w = await world();
    const a = await assign(w);
    expect(a.replyDueAt).toBe('2025-12-15T15:59:59.999Z');
    await t.gql(SIGN, { input: { suggestionId: w.id } }, w.handler.token);
    const requested = await t.gql(REQUEST_EXTENSION, { input: { suggestionId: w.id, reason: '需协调多个部门实地勘察', extraWorkingDays: 5 } }, w.handler.token);
    expect(requested.errors).toBeUndefined();
    const decided = await t.gql(DECIDE_EXTENSION, { input: { requestId: requested.data.requestExtension.extensionRequest.id, approve: true } }, w.coordinator.token);
    expect(decided.errors).toBeUndefined();
    expect((await t.dataSource.getRepository(SuggestionEntity).findOneByOrFail({ id: w.id })).replyDueAt?.toISOString()).toBe('2025-12-22T15:59:59.999Z');

    // The old moments pass in silence …
    t.clock.set('2025-12-12T01:00:00Z');
    await drain();
    t.clock.set('2025-12-15T16:00:00Z');
    await drain();
    expect(await inbox(w.handler.token)).toEqual([]);
    // … and the reminder comes one working day before the new deadline.
    t.clock.set('2025-12-19T00:59:59Z');
    await drain();
    expect(await inbox(w.handler.token)).toEqual([]);
    t.clock.set('2025-12-19T01:00:00Z');
    await drain();
    expect((await inbox(w.handler.token)).map((n) => n.text)).toEqual([expect.stringContaining('答复时限为2025年12月22日')]);
  }, 30_000);

  it('residents switch optional messages off; essential ones still go out; the inbox keeps all', async () => {
    t.clock.set('2026-01-05T02:00:00Z');
    const g = given(t);
    const author = await g.resident();
    const prefs = await t.gql(graphql(`query NotificationsNotificationPreferences { notificationPreferences { optOuts optional } }`), {}, author.token);
    expect(prefs.data.notificationPreferences).toEqual({ optOuts: [], optional: ['PROGRESS', 'RATING_REQUEST'] });
    const refused = await t.gql(graphql(`mutation NotificationsSetNotificationPreferences($input: SetNotificationPreferencesInput!) { setNotificationPreferences(input: $input) { optOuts } }`), { input: { optOuts: ['RESULT'] } }, author.token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'optOuts' });
    const set = await t.gql(graphql(`mutation NotificationsSetNotificationPreferences2($input: SetNotificationPreferencesInput!) { setNotificationPreferences(input: $input) { optOuts } }`), { input: { optOuts: ['PROGRESS'] } }, author.token);
    expect(set.data.setNotificationPreferences.optOuts).toEqual(['PROGRESS']);
    const staff = await g.staff(['UNIT_HANDLER'], (await g.unit()).id);
    expect((await t.gql(graphql(`query NotificationsNotificationPreferences2 { notificationPreferences { optOuts } }`), {}, staff.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const campaign = await g.campaign();
    const unit = await g.unit();
    const coordinator = await g.staff(['COORDINATOR']);
    const submitted = await t.gql(SUBMIT, { input: { campaignId: campaign.id, title: '路灯维修建议', body: '秀江路路灯连续一周不亮，请尽快维修。', category: '城市建设', consentToPublish: false, idempotencyKey: idempotencyKey() } }, author.token);
    const id = submitted.data.submitSuggestion.suggestion.id;
    await drain(); // one stage at a time, so the inbox order is the order of the stages
    await t.gql(ASSIGN, { input: { suggestionIds: [id], leadUnitId: unit.id } }, coordinator.token);
    await drain();
    expect(templatesOf(await inbox(author.token), id)).toEqual(['resident.assigned', 'resident.received']);
    const sms = hook.received.filter((r) => r.body.to === author.phone).map((r) => r.body.template);
    expect(sms).toEqual(['resident.received']); // PROGRESS stayed in the inbox
  }, 30_000);

  it('the inbox pages, filters unread, and marks one’s own messages read', async () => {
    t.clock.set('2026-02-02T02:00:00Z');
    const g = given(t);
    const resident = await g.resident();
    const other = await g.resident();
    const notifications = t.app.get(NotificationsService);
    await notifications.notify(
      [1, 2, 3].map((n) => ({ recipient: { kind: 'RESIDENT' as const, id: resident.id }, template: 'resident.received' as const, params: { trackingNumber: `JY2026000000${n}` }, eventKey: `inbox-test:${resident.id}:${n}` })),
    );
    const page1 = await t.gql(INBOX, { first: 2 }, resident.token);
    expect(page1.data.myNotifications.totalCount).toBe(3);
    expect(page1.data.myNotifications.pageInfo.hasNextPage).toBe(true);
    const ids1 = page1.data.myNotifications.edges.map((e: any) => e.node.trackingNumber);
    expect(ids1).toEqual(['JY20260000003', 'JY20260000002']);
    const page2 = await t.gql(INBOX, { first: 2, after: page1.data.myNotifications.pageInfo.endCursor }, resident.token);
    expect(page2.data.myNotifications.edges.map((e: any) => e.node.trackingNumber)).toEqual(['JY20260000001']);

    const first = page1.data.myNotifications.edges[0].node;
    const MARK = graphql(`mutation NotificationsMark($input: MarkNotificationReadInput!) { markNotificationRead(input: $input) { unreadCount notification { id readAt } } }`);
    const marked = await t.gql(MARK, { input: { id: first.id } }, resident.token);
    expect(marked.data.markNotificationRead).toEqual({ unreadCount: 2, notification: { id: first.id, readAt: '2026-02-02T02:00:00.000Z' } });
    expect((await t.gql(INBOX, { first: 10, unreadOnly: true }, resident.token)).data.myNotifications.totalCount).toBe(2);
    // Someone else's message is not found, not forbidden: ids are not an oracle.
    expect((await t.gql(MARK, { input: { id: first.id } }, other.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(INBOX, { first: 10 }, other.token)).data.myNotifications.totalCount).toBe(0);
    expect((await t.gql(INBOX, { first: 101 }, resident.token)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await t.gql(INBOX, { first: 10 })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe(describeDb('webhook channel: signature, retries, dead letters, one send per event'), () => {
  let t: TestApp;
  let hook: WebhookReceiver;

  beforeAll(async () => {
    hook = await startWebhookReceiver();
    t = (await startTestApp('webhook', { WEBHOOK_URL: hook.url, WEBHOOK_SECRET: SECRET }))!;
    t.clock.set('2026-03-02T02:00:00Z');
  });
  afterAll(async () => {
    await t?.close();
    await hook?.close();
  });

  async function drain(): Promise<void> {
    const runtime = t.app.get(JobsRuntime);
    for (let i = 0; i < 100; i++) if ((await runtime.runDue()) === 0) return;
  }

  async function notifyStaff(key: string) {
    const staff = await given(t).staff(['UNIT_HANDLER'], (await given(t).unit()).id);
    await t.app.get(NotificationsService).notify([{ recipient: { kind: 'STAFF', id: staff.id }, template: 'unit.sign-due', params: { trackingNumber: 'JY20260000042', dueAt: '2026-03-03T15:59:59.999Z' }, eventKey: key }]);
    return staff;
  }

  it('signs each POST so a receiver can verify it with the documented algorithm', async () => {
    await notifyStaff('sig-test');
    await drain();
    const got = hook.received.find((r) => r.body.eventKey === 'sig-test')!;
    // Documented in docs/jobs.md: t=<unix seconds>,v1=hex(HMAC-SHA256(secret, "<t>.<raw body>")).
    const header = String(got.headers['x-civicloop-signature']);
    const { t: ts, v1 } = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
    expect(Number(ts)).toBe(Math.floor(t.clock.now().getTime() / 1000));
    expect(v1).toBe(createHmac('sha256', SECRET).update(`${ts}.${got.raw}`).digest('hex'));
    expect(createHmac('sha256', 'another-secret-0123456').update(`${ts}.${got.raw}`).digest('hex')).not.toBe(v1);
    expect(got.body).toEqual({
      channel: 'staff',
      eventKey: 'sig-test',
      recipient: { kind: 'staff', id: expect.any(Number) },
      template: 'unit.sign-due',
      params: { trackingNumber: 'JY20260000042', dueAt: '2026-03-03T15:59:59.999Z' },
      text: '【签收提醒】建议JY20260000042已交办贵单位，请于2026年3月3日前签收。',
    });
  });

  it('the same event written twice, and its job run twice, reaches the gateway once', async () => {
    await notifyStaff('dedupe-test');
    await t.app.get(NotificationsService).notify([
      { recipient: { kind: 'STAFF', id: 1 }, template: 'unit.sign-due', params: { trackingNumber: 'JY20260000042', dueAt: '2026-03-03T15:59:59.999Z' }, eventKey: 'dedupe-test' },
    ]);
    expect(await t.dataSource.getRepository(NotificationEntity).countBy({ eventKey: 'dedupe-test' })).toBe(1);
    expect(await t.dataSource.getRepository(OutboxMessageEntity).countBy({ dedupeKey: 'deliver:dedupe-test' })).toBe(1);
    await drain();
    // Redelivery of the same job (BullMQ delivers at least once): put the row back and run it again.
    await t.dataSource.getRepository(OutboxMessageEntity).update({ dedupeKey: 'deliver:dedupe-test' }, { dispatchedAt: null, completedAt: null, availableAt: t.clock.now() });
    await drain();
    expect((await t.dataSource.getRepository(OutboxMessageEntity).findOneByOrFail({ dedupeKey: 'deliver:dedupe-test' })).completedAt).not.toBeNull();
    expect(hook.received.filter((r) => r.body.eventKey === 'dedupe-test')).toHaveLength(1);
    expect(await t.dataSource.getRepository(NotificationDeliveryEntity).findOneByOrFail({ eventKey: 'dedupe-test' })).toMatchObject({ status: 'SENT', attempts: 1 });
  });

  it('retries a failing gateway with growing delays, then delivers once', async () => {
    hook.failNext(2);
    await notifyStaff('retry-test');
    await drain();
    const row = () => t.dataSource.getRepository(OutboxMessageEntity).findOneByOrFail({ dedupeKey: 'deliver:retry-test' });
    const first = await row();
    expect(first).toMatchObject({ attempts: 1, completedAt: null, lastError: 'webhook answered 500' });
    // 10 s base, jittered into [5 s, 10 s].
    const wait1 = first.availableAt.getTime() - t.clock.now().getTime();
    expect(wait1).toBeGreaterThanOrEqual(5_000);
    expect(wait1).toBeLessThanOrEqual(10_000);
    t.clock.advance(wait1);
    await drain();
    const second = await row();
    const wait2 = second.availableAt.getTime() - t.clock.now().getTime();
    expect(second.attempts).toBe(2);
    expect(wait2).toBeGreaterThanOrEqual(10_000);
    expect(wait2).toBeLessThanOrEqual(20_000);
    t.clock.advance(wait2);
    await drain();
    expect(await row()).toMatchObject({ attempts: 3, lastError: null, completedAt: expect.any(Date) });
    expect(hook.received.filter((r) => r.body.eventKey === 'retry-test')).toHaveLength(1);
    expect(await t.dataSource.getRepository(NotificationDeliveryEntity).findOneByOrFail({ eventKey: 'retry-test' })).toMatchObject({ status: 'SENT', attempts: 3 });
  });

  it('dead-letters after the last attempt, visible to admins', async () => {
    hook.setFailAlways(true);
    await notifyStaff('dead-test');
    for (let i = 0; i < 8; i++) {
      await drain();
      t.clock.advance(2_000_000); // past any backoff
    }
    hook.setFailAlways(false);
    const row = await t.dataSource.getRepository(OutboxMessageEntity).findOneByOrFail({ dedupeKey: 'deliver:dead-test' });
    expect(row).toMatchObject({ attempts: 8, completedAt: expect.any(Date), lastError: 'webhook answered 500' });
    expect(await t.dataSource.getRepository(NotificationDeliveryEntity).findOneByOrFail({ eventKey: 'dead-test' })).toMatchObject({ status: 'DEAD', attempts: 8 });
    await drain();
    expect(hook.received.filter((r) => r.body.eventKey === 'dead-test')).toHaveLength(0);
    const admin = await given(t).staff(['ADMIN']);
    const failed = await t.gql(graphql(`query NotificationsFailedJobs { failedJobs(first: 10) { id name attempts error } }`), {}, admin.token);
    expect(failed.data.failedJobs).toContainEqual({ id: 'deliver:dead-test', name: 'notification.deliver', attempts: 8, error: 'webhook answered 500' });
    const coordinator = await given(t).staff(['COORDINATOR']);
    expect((await t.gql(graphql(`query NotificationsFailedJobs2 { failedJobs { id } }`), {}, coordinator.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('opens and closes a campaign at its times', async () => {
    const coordinator = await given(t).staff(['COORDINATOR']);
    const created = await t.gql(
      graphql(`mutation NotificationsCreateCampaign($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { id status } } }`),
      { input: { year: 2026, number: 77, title: '第77期 城市交通', topic: '交通', description: '征集交通建议', opensAt: '2026-03-09T00:00:00Z', closesAt: '2026-03-20T00:00:00Z', categories: ['交通出行'] } },
      coordinator.token,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data.createCampaign.campaign.id;
    const status = async () => (await t.dataSource.getRepository(CampaignEntity).findOneByOrFail({ id })).status;
    await drain();
    expect(await status()).toBe('DRAFT');
    t.clock.set('2026-03-09T00:00:00Z');
    await drain();
    expect(await status()).toBe('OPEN');
    t.clock.set('2026-03-20T00:00:00Z');
    await drain();
    expect(await status()).toBe('CLOSED');
  });

  it('the reconciler rebuilds lost reminders and schedules the quarter-end trigger', async () => {
    t.clock.set('2026-03-23T02:00:00Z');
    const g = given(t);
    const unit = await g.unit();
    const campaign = await g.campaign();
    const ds = t.dataSource;
    const inserted = await ds.getRepository(SuggestionEntity).insert({
      campaignId: campaign.id, authorId: null, title: '测试', body: '测试正文内容足够长。', category: '城市建设', location: null, consentToPublish: false, anonymous: false, authorName: null,
      status: 'ASSIGNED', idempotencyKey: 'reconcile-test-1', contentHash: 'x', version: 1, reopenCount: 0, leadUnitId: unit.id,
      signDueAt: new Date('2026-03-24T15:59:59.999Z'), replyDueAt: new Date('2026-04-07T15:59:59.999Z'), ratingDueAt: null, mergedIntoId: null, adoption: null, published: false,
      closeReason: null, closedAt: null, submittedAt: t.clock.now(), updatedAt: t.clock.now(),
    });
    const id = inserted.identifiers[0]!.id as number;
    const report = await t.app.get(RemindersService).reconcile();
    expect(report.remindersRebuilt).toBe(3);
    expect(report.quarterEndScheduled).toBe('2026Q1');
    const keys = (await ds.getRepository(OutboxMessageEntity).find()).map((r) => r.dedupeKey);
    expect(keys).toEqual(expect.arrayContaining([`sign-due:${id}:2026-03-24T15:59:59.999Z`, `reply-due-soon:${id}:2026-04-07T15:59:59.999Z`, `overdue:${id}:2026-04-07T15:59:59.999Z:1`]));
    const quarterEnd = await ds.getRepository(OutboxMessageEntity).findOneByOrFail({ dedupeKey: 'awards.quarter-end:2026Q1' });
    expect(quarterEnd.availableAt.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect((await t.app.get(RemindersService).reconcile()).remindersRebuilt).toBe(0);

    // At 00:00 Shanghai on 1 April the trigger reaches the awards module's hook, which computes the round.
    t.clock.set('2026-03-31T15:59:59.999Z');
    await drain();
    expect(await ds.query(`SELECT quarter FROM award_rounds WHERE quarter = '2026Q1'`)).toEqual([]);
    t.clock.set('2026-03-31T16:00:00.000Z');
    await drain();
    expect((await ds.getRepository(OutboxMessageEntity).findOneByOrFail({ dedupeKey: 'awards.quarter-end:2026Q1' })).lastError).toBeNull();
    expect(await ds.query(`SELECT quarter FROM award_rounds WHERE quarter = '2026Q1'`)).toEqual([{ quarter: '2026Q1' }]);
  });
});
