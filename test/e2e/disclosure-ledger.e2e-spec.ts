import { IsNull, Not } from 'typeorm';
import { given } from '../factories/given.js';
import { ledger, M, registerInput } from '../factories/disclosure.js';
import { describeDb, startTestApp, type AnyDocument, type TestApp } from '../helpers/test-app.js';
import { DisclosureRequestEntity } from '../../src/disclosure/disclosure-request.entity.js';
import { DisclosureEventEntity } from '../../src/disclosure/disclosure-event.entity.js';
import { DisclosureCaseEntity } from '../../src/disclosure/disclosure-case.entity.js';
import { DisclosureJobs } from '../../src/disclosure/disclosure.jobs.js';
import { OutboxMessageEntity } from '../../src/jobs/outbox-message.entity.js';
import { graphql } from '../gql/index.js';

// The disclosure ledger over HTTP: every mutation, its refusals and bad input, roles, and
// the deadline arithmetic on the 2025 National Day week (State Council schedule).

const GET = graphql(`query DisclosureLedgerGet($id: Int, $n: String) { disclosureRequest(id: $id, ledgerNumber: $n) { ...DisclosureRequestFields history { action actorId note at } administrativeCases { id kind result } } }`);
const LIST = graphql(`query DisclosureLedgerList($first: Int!, $after: String, $status: DisclosureRequestStatus, $overdue: Boolean, $callbackPending: Boolean, $receivedYear: Int) {
  disclosureRequests(first: $first, after: $after, status: $status, overdue: $overdue, callbackPending: $callbackPending, receivedYear: $receivedYear) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id ledgerNumber status history { action } } } } }`);

describe(describeDb('disclosure ledger (依申请公开)'), () => {
  let t: TestApp;
  let coordinator: { token: string; id: number };
  beforeAll(async () => {
    t = (await startTestApp('disclosure_ledger'))!;
    if (t) coordinator = await given(t).staff(['COORDINATOR']);
  }, 60_000);
  afterAll(async () => t?.close());
  const skip = () => !t;

  /**
   * Everything a ledger command writes, to prove a refusal wrote nothing. (Job handlers may run
   * in the background and open call tasks; their columns and system events are left out.)
   */
  async function footprint() {
    const ds = t.dataSource;
    const requests = await ds.getRepository(DisclosureRequestEntity).find({ order: { id: 'ASC' } });
    return {
      requests: requests.map(({ callbackOpenedAt: _opened, updatedAt: _updated, ...rest }) => rest),
      events: await ds.getRepository(DisclosureEventEntity).countBy({ actorId: Not(IsNull()) }),
      cases: await ds.getRepository(DisclosureCaseEntity).find({ order: { id: 'ASC' } }),
      outbox: await ds.getRepository(OutboxMessageEntity).count(),
    };
  }
  const code = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions;

  it('runs a request through correction, extension, legal review and reply on the 2025 National Day calendar', async () => {
    if (skip()) return;
    t.clock.set('2025-09-19T02:00:00Z'); // Friday 10:00 Shanghai
    const registered = await t.gql(M.register, { input: registerInput() }, coordinator.token);
    expect(registered.errors).toBeUndefined();
    const r = registered.data.registerDisclosureRequest.request;
    expect(r).toEqual(
      expect.objectContaining({
        ledgerNumber: 'YSQ2025-0001',
        applicantType: 'NATURAL_PERSON',
        applicantDisplay: '王**',
        contactPhoneMasked: '138****5678',
        status: 'IN_PROGRESS',
        receivedAt: '2025-09-19T02:00:00.000Z',
        // 20 working days: the make-up Sunday 09-28 and Saturday 10-11 count, 10-01…10-08 do not.
        dueAt: '2025-10-23T15:59:59.999Z',
        clockPaused: false,
        version: 1,
      }),
    );
    expect(registered.body).not.toContain('13812345678');
    expect(registered.body).not.toContain('王小明');
    const stored = await t.dataSource.getRepository(DisclosureRequestEntity).findOneByOrFail({ id: r.id });
    expect(stored.contactPhoneCiphertext).not.toContain('13812345678');
    expect(stored.contactPhoneHash).toMatch(/^[0-9a-f]{64}$/);
    const reminders = await t.dataSource.getRepository(OutboxMessageEntity).findBy({ topic: 'disclosure.due-soon' });
    expect(reminders.map((o) => [o.payload, o.availableAt.toISOString()])).toEqual([
      [{ requestId: r.id, dueAt: '2025-10-23T15:59:59.999Z' }, '2025-10-20T01:00:00.000Z'],
    ]);

    // 补正 on Thursday: the clock stops.
    t.clock.set('2025-09-25T02:00:00Z');
    const asked = await t.gql(M.requestCorrection, { input: { id: r.id, note: '请补充所需信息的具体路段名称' } }, coordinator.token);
    expect(asked.data.requestDisclosureCorrection.request).toEqual(
      expect.objectContaining({ status: 'AWAITING_CORRECTION', clockPaused: true, correctionRequestedAt: '2025-09-25T02:00:00.000Z' }),
    );
    // Nothing but the correction's answer, a legal review or 其他处理 while the clock stands.
    expect(code(await t.gql(M.extend, { input: { id: r.id, workingDays: 5, reason: '需要协调' } }, coordinator.token))).toEqual(
      expect.objectContaining({ code: 'CONFLICT', reason: 'WRONG_STATUS', status: 'AWAITING_CORRECTION' }),
    );
    expect(code(await t.gql(M.decide, { input: { id: r.id, outcome: 'DISCLOSED' } }, coordinator.token))).toEqual(
      expect.objectContaining({ code: 'CONFLICT', reason: 'CORRECTION_PENDING' }),
    );

    // Answered on Friday 10-10: paused 09-26, 09-28, 09-29, 09-30, 10-09, 10-10 → due moves 6 working days.
    t.clock.set('2025-10-10T07:00:00Z');
    const answered = await t.gql(M.recordCorrection, { input: { id: r.id } }, coordinator.token);
    expect(answered.data.recordDisclosureCorrection.request).toEqual(
      expect.objectContaining({ status: 'IN_PROGRESS', pausedWorkingDays: 6, dueAt: '2025-10-31T15:59:59.999Z', clockPaused: false }),
    );
    expect(code(await t.gql(M.requestCorrection, { input: { id: r.id, note: '再补充' } }, coordinator.token))).toEqual(
      expect.objectContaining({ code: 'CONFLICT', reason: 'CORRECTION_ALREADY_REQUESTED' }),
    );

    // One extension of 20 working days: 10-31 → 11-28.
    t.clock.set('2025-10-27T02:00:00Z');
    const extended = await t.gql(M.extend, { input: { id: r.id, workingDays: 20, reason: '需会同其他机关确认' } }, coordinator.token);
    expect(extended.data.extendDisclosureRequest.request).toEqual(
      expect.objectContaining({ extensionWorkingDays: 20, dueAt: '2025-11-28T15:59:59.999Z', extendedAt: '2025-10-27T02:00:00.000Z' }),
    );
    expect(code(await t.gql(M.extend, { input: { id: r.id, workingDays: 1, reason: '再次延期' } }, coordinator.token))).toEqual(
      expect.objectContaining({ code: 'CONFLICT', reason: 'ALREADY_EXTENDED' }),
    );
    const dueSoon = await t.dataSource.getRepository(OutboxMessageEntity).findBy({ topic: 'disclosure.due-soon' });
    expect(dueSoon.map((o) => o.availableAt.toISOString()).sort()).toEqual([
      '2025-10-20T01:00:00.000Z', // first deadline, 10-23
      '2025-10-28T01:00:00.000Z', // after the correction, 10-31
      '2025-11-25T01:00:00.000Z', // after the extension, 11-28
    ]);

    // No reply without the legal review, and the refusal writes nothing.
    t.clock.set('2025-11-20T02:00:00Z');
    const before = await footprint();
    expect(code(await t.gql(M.decide, { input: { id: r.id, outcome: 'UNAVAILABLE_NOT_HELD' } }, coordinator.token))).toEqual(
      expect.objectContaining({ code: 'CONFLICT', reason: 'LEGAL_REVIEW_REQUIRED' }),
    );
    expect(await footprint()).toEqual(before);

    const reviewed = await t.gql(M.legalReview, { input: { id: r.id, reviewer: '市司法局 李审核', opinion: '合法' } }, coordinator.token);
    expect(reviewed.data.recordLegalReview.request).toEqual(
      expect.objectContaining({ legalReviewer: '市司法局 李审核', legalReviewedAt: '2025-11-20T02:00:00.000Z', legalReviewOpinion: '合法' }),
    );
    t.clock.set('2025-11-21T02:00:00Z');
    const decided = await t.gql(M.decide, { input: { id: r.id, outcome: 'UNAVAILABLE_NOT_HELD', replyNote: '经检索，本机关未制作或获取该信息。' } }, coordinator.token);
    expect(decided.data.decideDisclosureRequest.request).toEqual(
      expect.objectContaining({
        status: 'DECIDED',
        outcome: 'UNAVAILABLE_NOT_HELD',
        outcomeLabel: '无法提供·本机关不掌握相关政府信息',
        repliedAt: '2025-11-21T02:00:00.000Z',
        onTime: true,
      }),
    );
    const callbacks = await t.dataSource.getRepository(OutboxMessageEntity).findBy({ topic: 'disclosure.callback' });
    expect(callbacks.map((o) => o.payload)).toEqual([{ requestId: r.id }]);
    for (const [doc, input] of [
      [M.extend, { id: r.id, workingDays: 1, reason: '延期理由' }],
      [M.legalReview, { id: r.id, reviewer: '市司法局' }],
      [M.decide, { id: r.id, outcome: 'DISCLOSED' }],
      [M.recordCorrection, { id: r.id }],
    ] as const) {
      // Assorted documents in one table: sent untyped.
      expect(code(await t.gql(doc.toString(), { input }, coordinator.token))).toEqual(expect.objectContaining({ code: 'CONFLICT', reason: 'WRONG_STATUS', status: 'DECIDED' }));
    }

    // The follow-up call: the job opens the task once; the office records it once.
    const jobs = t.app.get(DisclosureJobs);
    await jobs.openCallback({ requestId: r.id });
    await jobs.openCallback({ requestId: r.id });
    const pending = await t.gql(LIST, { first: 10, callbackPending: true }, coordinator.token);
    expect(pending.data.disclosureRequests.edges.map((e: any) => e.node.id)).toEqual([r.id]);
    const done = await t.gql(M.completeCallback, { input: { id: r.id, note: '已电话回访，申请人表示理解' } }, coordinator.token);
    expect(done.data.completeDisclosureCallback.request.callbackDoneAt).toBe('2025-11-21T02:00:00.000Z');
    expect(code(await t.gql(M.completeCallback, { input: { id: r.id, note: '再次回访' } }, coordinator.token))).toEqual(
      expect.objectContaining({ code: 'CONFLICT', reason: 'CALLBACK_ALREADY_DONE' }),
    );

    // The office may see the contact for the call; the reveal is recorded.
    const revealed = await t.gql(M.reveal, { input: { id: r.id } }, coordinator.token);
    expect(revealed.data.revealDisclosureContact).toEqual({ id: r.id, applicantName: '王小明', contactPhone: '13812345678' });

    const got = await t.gql(GET, { n: 'YSQ2025-0001' }, coordinator.token);
    expect(got.data.disclosureRequest.id).toBe(r.id);
    // (A background runner may add DUE_SOON_REMINDED lines as the test clock moves.)
    expect(got.data.disclosureRequest.history.map((h: any) => h.action).filter((a: string) => a !== 'DUE_SOON_REMINDED')).toEqual([
      'REGISTERED',
      'CORRECTION_REQUESTED',
      'CORRECTION_RECEIVED',
      'EXTENDED',
      'LEGAL_REVIEW_RECORDED',
      'DECIDED',
      'CALLBACK_OPENED',
      'CALLBACK_DONE',
      'CONTACT_REVEALED',
    ]);
    expect(got.data.disclosureRequest.history.every((h: any) => h.actorId === coordinator.id || h.action === 'CALLBACK_OPENED')).toBe(true);
    expect(got.body).not.toContain('13812345678');
    expect((await t.gql(GET, { id: 999999 }, coordinator.token)).data.disclosureRequest).toBeNull();
    expect(code(await t.gql(GET, { n: 'JY2025-1' }, coordinator.token))).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'ledgerNumber' }));
    expect(code(await t.gql(GET, {}, coordinator.token))).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  }, 30_000);

  it('reminds once before the due date, and not after the deadline moved or the reply went out', async () => {
    if (skip()) return;
    t.clock.set('2025-12-01T02:00:00Z');
    const steps = ledger(t, coordinator.token);
    const r = await steps.register({ applicantType: 'COMMERCIAL_ENTERPRISE', applicantName: '某某科技有限公司', contactPhone: '0795-3273397' });
    expect(r.applicantDisplay).toBe('某某科技有限公司');
    expect(r.contactPhoneMasked).toBe('079****3397');
    const service = t.app.get(DisclosureJobs);
    const reminded = () => t.dataSource.getRepository(DisclosureEventEntity).countBy({ requestId: r.id, action: 'DUE_SOON_REMINDED' });
    await service.remindDueSoon({ requestId: r.id, dueAt: r.dueAt });
    await service.remindDueSoon({ requestId: r.id, dueAt: r.dueAt }); // delivered twice: reminded once
    expect(await reminded()).toBe(1);
    const extended = await t.gql(M.extend, { input: { id: r.id, workingDays: 10, reason: '需要征求第三方意见' } }, coordinator.token);
    const newDue = extended.data.extendDisclosureRequest.request.dueAt;
    await service.remindDueSoon({ requestId: r.id, dueAt: r.dueAt }); // the old deadline: nothing
    expect(await reminded()).toBe(1);
    await steps.review(r.id);
    await steps.decide(r.id, 'PARTLY_DISCLOSED');
    await service.remindDueSoon({ requestId: r.id, dueAt: newDue }); // replied: nothing
    expect(await reminded()).toBe(1);
  });

  it('closes a request whose applicant never answered the correction as 其他处理', async () => {
    if (skip()) return;
    t.clock.set('2025-11-03T02:00:00Z');
    const steps = ledger(t, coordinator.token);
    const r = await steps.register();
    await t.gql(M.requestCorrection, { input: { id: r.id, note: '请说明所需信息的名称' } }, coordinator.token);
    t.clock.set('2025-12-15T02:00:00Z');
    await steps.review(r.id);
    const decided = await steps.decide(r.id, 'OTHER', { replyNote: '申请人逾期未补正，视为放弃申请' });
    expect(decided).toEqual(expect.objectContaining({ status: 'DECIDED', outcome: 'OTHER', outcomeLabel: '其他处理', correctionAnsweredAt: null }));
  });

  it('lets only one of two simultaneous decisions through', async () => {
    if (skip()) return;
    t.clock.set('2025-11-10T02:00:00Z');
    const steps = ledger(t, coordinator.token);
    const r = await steps.register();
    await steps.review(r.id);
    const [a, b] = await Promise.all([
      t.gql(M.decide, { input: { id: r.id, outcome: 'DISCLOSED' } }, coordinator.token),
      t.gql(M.decide, { input: { id: r.id, outcome: 'WITHHELD_STATE_SECRET' } }, coordinator.token),
    ]);
    const results = [a, b].map((x) => (x.errors ? x.errors[0]!.extensions!.code : x.data.decideDisclosureRequest.request.outcome));
    expect(results.filter((x) => x === 'CONFLICT')).toHaveLength(1);
    const winner = results.find((x) => x !== 'CONFLICT');
    const stored = await t.dataSource.getRepository(DisclosureRequestEntity).findOneByOrFail({ id: r.id });
    expect(stored.outcome).toBe(winner);
    expect(await t.dataSource.getRepository(DisclosureEventEntity).countBy({ requestId: r.id, action: 'DECIDED' })).toBe(1);
    expect(await t.dataSource.getRepository(OutboxMessageEntity).countBy({ topic: 'disclosure.callback', dedupeKey: `disclosure-callback:${r.id}` })).toBe(1);
  });

  it('lists the ledger with filters and cursor pages', async () => {
    if (skip()) return;
    t.clock.set('2026-03-02T02:00:00Z');
    const steps = ledger(t, coordinator.token);
    const a = await steps.register();
    const b = await steps.register({ applicantType: 'LEGAL_SERVICE_ORG', applicantName: '某律师事务所' });
    const c = await steps.register({ applicantType: 'RESEARCH_INSTITUTION', applicantName: '某研究院' });
    expect([a, b, c].map((x) => x.ledgerNumber)).toEqual(['YSQ2026-0001', 'YSQ2026-0002', 'YSQ2026-0003']);
    const page1 = await t.gql(LIST, { first: 2, receivedYear: 2026 }, coordinator.token);
    expect(page1.data.disclosureRequests.totalCount).toBe(3);
    expect(page1.data.disclosureRequests.edges.map((e: any) => e.node.id)).toEqual([c.id, b.id]);
    expect(page1.data.disclosureRequests.edges[0].node.history.map((h: any) => h.action)).toEqual(['REGISTERED']);
    const page2 = await t.gql(LIST, { first: 2, receivedYear: 2026, after: page1.data.disclosureRequests.pageInfo.endCursor }, coordinator.token);
    expect(page2.data.disclosureRequests.edges.map((e: any) => e.node.id)).toEqual([a.id]);
    expect(page2.data.disclosureRequests.pageInfo.hasNextPage).toBe(false);
    // Past the due date with no reply: overdue.
    t.clock.set('2026-04-30T02:00:00Z');
    const overdue = await t.gql(LIST, { first: 10, overdue: true, receivedYear: 2026 }, coordinator.token);
    expect(overdue.data.disclosureRequests.totalCount).toBe(3);
    const got = await t.gql(GET, { id: a.id }, coordinator.token);
    expect(got.data.disclosureRequest.overdue).toBe(true);
    // A late reply is recorded as late.
    await steps.review(a.id);
    const late = await steps.decide(a.id, 'DISCLOSED');
    expect(late.onTime).toBe(false);
    expect((await t.gql(LIST, { first: 10, status: 'DECIDED', receivedYear: 2026 }, coordinator.token)).data.disclosureRequests.totalCount).toBe(1);
  });

  it('numbers concurrent registrations uniquely and without gaps', async () => {
    if (skip()) return;
    t.clock.set('2027-01-04T02:00:00Z');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.gql(M.register, { input: registerInput({ subject: `并发登记${i}` }) }, coordinator.token)),
    );
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const numbers = results.map((r) => r.data.registerDisclosureRequest.request.ledgerNumber).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `YSQ2027-${String(i + 1).padStart(4, '0')}`));
  });

  it('counts a back-dated request on its own year\'s holidays (the 2019 National Day week)', async () => {
    if (skip()) return;
    t.clock.set('2025-06-02T02:00:00Z');
    const res = await t.gql(M.register, { input: registerInput({ receivedAt: '2019-09-20T02:00:00Z' }) }, coordinator.token);
    expect(res.errors).toBeUndefined();
    // 20 working days from 09-23, over 10-01…10-07 off and the make-up days 09-29 and 10-12.
    expect(res.data.registerDisclosureRequest.request.dueAt).toBe('2019-10-23T15:59:59.999Z');
  });

  it('refuses a receipt date before the calendar\'s first year with a stable key, in zh-CN and English', async () => {
    if (skip()) return;
    t.clock.set('2025-06-02T02:00:00Z');
    const input = registerInput({ receivedAt: '2003-12-31T02:00:00Z' });
    const zh = await t.gql(M.register, { input }, coordinator.token);
    const en = await t.gql(M.register, { input }, coordinator.token, { 'accept-language': 'en' });
    for (const res of [zh, en]) {
      expect(res.errors?.[0]?.extensions).toEqual(
        expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'receivedAt', messageKey: 'disclosure.receivedTooEarly', messageParams: { year: 2004 } }),
      );
    }
    expect(zh.errors?.[0]?.message).toBe('收到日期不能早于 2004 年（日历自该年起载有法定节假日）');
    expect(en.errors?.[0]?.message).toBe('The date received must be in 2004 or later (the calendar holds official holidays from that year)');
    // The first day of that year (Shanghai) is accepted and counts on that year's schedule: 01-02 05…16,
    // the make-up weekend 01-17 and 01-18, 19 20 21, Spring Festival 01-22…01-28 off, 29 30, 02-02 03.
    const first = await t.gql(M.register, { input: registerInput({ receivedAt: '2003-12-31T16:00:00Z' }) }, coordinator.token);
    expect(first.errors).toBeUndefined();
    expect(first.data.registerDisclosureRequest.request.dueAt).toBe('2004-02-03T15:59:59.999Z');
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    if (skip()) return;
    t.clock.set('2025-06-02T02:00:00Z');
    const steps = ledger(t, coordinator.token);
    const r = await steps.register();
    const before = await footprint();
    const cases: [AnyDocument, Record<string, unknown>, string][] = [
      [M.register, registerInput({ contactPhone: '12345' }), 'contactPhone'],
      [M.register, registerInput({ applicantName: '' }), 'applicantName'],
      [M.register, registerInput({ applicantName: '   ' }), 'applicantName'],
      [M.register, registerInput({ subject: 'x'.repeat(201) }), 'subject'],
      [M.register, registerInput({ content: '' }), 'content'],
      [M.register, registerInput({ receivedAt: '2025-06-03T02:00:00Z' }), 'receivedAt'],
      [M.register, registerInput({ receivedAt: '1999-12-01T00:00:00Z' }), 'receivedAt'],
      // Before the first year whose official holidays the calendar holds (2004): its deadline would be wrong.
      [M.register, registerInput({ receivedAt: '2003-12-31T02:00:00Z' }), 'receivedAt'],
      [M.extend, { id: r.id, workingDays: 21, reason: '理由充分' }, 'workingDays'],
      [M.extend, { id: r.id, workingDays: 0, reason: '理由充分' }, 'workingDays'],
      [M.extend, { id: r.id, workingDays: 5, reason: ' ' }, 'reason'],
      [M.requestCorrection, { id: r.id, note: '' }, 'note'],
      [M.legalReview, { id: r.id, reviewer: 'x' }, 'reviewer'],
      [M.legalReview, { id: r.id, reviewer: '市司法局', reviewedAt: '2025-06-03T00:00:00Z' }, 'reviewedAt'],
      [M.legalReview, { id: r.id, reviewer: '市司法局', reviewedAt: '2025-06-01T00:00:00Z' }, 'reviewedAt'],
      [M.completeCallback, { id: r.id, note: '' }, 'note'],
      [M.recordCase, { result: 'PENDING', filedAt: '2025-06-01T00:00:00Z' }, 'kind'],
      [M.recordCase, { result: 'PENDING', kind: 'ADMINISTRATIVE_REVIEW' }, 'filedAt'],
      [M.recordCase, { result: 'PENDING', kind: 'ADMINISTRATIVE_REVIEW', filedAt: '2025-06-09T00:00:00Z' }, 'filedAt'],
      [M.recordCase, { result: 'PENDING', kind: 'ADMINISTRATIVE_REVIEW', filedAt: '2025-06-01T00:00:00Z', concludedAt: '2025-06-01T00:00:00Z' }, 'concludedAt'],
      [M.recordCase, { result: 'UPHELD', kind: 'LAWSUIT_DIRECT', filedAt: '2025-06-01T00:00:00Z', concludedAt: '2025-05-01T00:00:00Z' }, 'concludedAt'],
      [M.recordCase, { result: 'PENDING', kind: 'ADMINISTRATIVE_REVIEW', filedAt: '2025-05-01T00:00:00Z', requestId: r.id }, 'filedAt'],
      [M.recordCase, { caseId: 1, result: 'UPHELD', kind: 'LAWSUIT_DIRECT' }, 'kind'],
      [M.recordCase, { caseId: 1, result: 'PENDING' }, 'result'],
      [M.recordCase, { caseNumber: 'x'.repeat(101), result: 'PENDING', kind: 'ADMINISTRATIVE_REVIEW', filedAt: '2025-06-01T00:00:00Z' }, 'caseNumber'],
    ];
    for (const [doc, input, field] of cases) {
      // Assorted documents in one table: sent untyped.
      const res = await t.gql(doc.toString(), { input }, coordinator.token);
      expect([field, code(res)]).toEqual([field, expect.objectContaining({ code: 'BAD_USER_INPUT', field })]);
    }
    // Values the schema itself refuses: sent untyped on purpose.
    for (const [doc, input] of [
      [M.register, { ...registerInput(), applicantType: 'ALIEN' }],
      [M.register, { ...registerInput(), channel: 'PIGEON' }],
      [M.decide, { id: r.id, outcome: 'WITHHELD_9' }],
      [M.recordCase, { result: 'WON', kind: 'ADMINISTRATIVE_REVIEW', filedAt: '2025-06-01T00:00:00Z' }],
      [M.extend, { id: r.id, workingDays: 'many', reason: '理由充分' }],
    ] as const) {
      expect(code(await t.gql(doc.toString(), { input }, coordinator.token))?.code).toBe('BAD_USER_INPUT');
    }
    for (const [doc, input] of [
      [M.extend, { id: 999999, workingDays: 5, reason: '理由充分' }],
      [M.decide, { id: 999999, outcome: 'DISCLOSED' }],
      [M.reveal, { id: 999999 }],
      [M.recordCase, { requestId: 999999, result: 'PENDING', kind: 'ADMINISTRATIVE_REVIEW', filedAt: '2025-06-01T00:00:00Z' }],
      [M.recordCase, { caseId: 999999, result: 'UPHELD' }],
    ] as const) {
      expect(code(await t.gql(doc.toString(), { input }, coordinator.token))?.code).toBe('NOT_FOUND');
    }
    expect(await footprint()).toEqual(before);

    // Correction window: 7 working days after receipt (06-02 → 06-11, Dragon Boat Festival 05-31–06-02 aside).
    t.clock.set('2025-06-12T02:00:00Z');
    expect(code(await t.gql(M.requestCorrection, { input: { id: r.id, note: '请补充' } }, coordinator.token))).toEqual(
      expect.objectContaining({ code: 'CONFLICT', reason: 'CORRECTION_WINDOW_PASSED' }),
    );
    // 补正后申请内容仍不明确 needs an answered correction.
    await steps.review(r.id);
    expect(code(await t.gql(M.decide, { input: { id: r.id, outcome: 'UNAVAILABLE_STILL_UNCLEAR' } }, coordinator.token))).toEqual(
      expect.objectContaining({ code: 'CONFLICT', reason: 'NO_CORRECTION' }),
    );
    expect(code(await t.gql(M.decide, { input: { id: r.id, outcome: 'DISCLOSED', repliedAt: '2025-06-11T00:00:00Z' } }, coordinator.token))).toEqual(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'repliedAt' }),
    );
    // Past the due date an extension is too late.
    t.clock.set('2025-08-01T02:00:00Z');
    expect(code(await t.gql(M.extend, { input: { id: r.id, workingDays: 5, reason: '理由充分' } }, coordinator.token))).toEqual(
      expect.objectContaining({ code: 'CONFLICT', reason: 'DEADLINE_PASSED' }),
    );
  }, 30_000);

  it('records reviews and lawsuits and concludes them once', async () => {
    if (skip()) return;
    t.clock.set('2025-07-01T02:00:00Z');
    const steps = ledger(t, coordinator.token);
    const r = await steps.register();
    await steps.review(r.id);
    await steps.decide(r.id, 'WITHHELD_THIRD_PARTY_RIGHTS');
    t.clock.set('2025-08-01T02:00:00Z');
    const filed = await t.gql(M.recordCase, { input: { requestId: r.id, kind: 'ADMINISTRATIVE_REVIEW', filedAt: '2025-07-20T02:00:00Z', result: 'PENDING', caseNumber: '宜府复〔2025〕12号' } }, coordinator.token);
    expect(filed.errors).toBeUndefined();
    const c = filed.data.recordAdministrativeCase.administrativeCase;
    expect(c).toEqual(expect.objectContaining({ requestId: r.id, kind: 'ADMINISTRATIVE_REVIEW', result: 'PENDING', concludedAt: null }));
    const CASE_ACTIONS = graphql(`query DisclosureLedgerCaseActions($id: Int) { disclosureRequest(id: $id) { availableActions decidableOutcomes administrativeCases { availableActions } } }`);
    expect((await t.gql(CASE_ACTIONS, { id: r.id }, coordinator.token)).data.disclosureRequest).toEqual({
      availableActions: ['completeCallback', 'revealContact', 'recordAdministrativeCase'],
      decidableOutcomes: [],
      administrativeCases: [{ availableActions: ['conclude'] }],
    });
    // A conclusion takes a concluded result, dated no earlier than the filing (the lifecycle's guards).
    expect(code(await t.gql(M.recordCase, { input: { caseId: c.id, result: 'PENDING' } }, coordinator.token))).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'result' }));
    expect(code(await t.gql(M.recordCase, { input: { caseId: c.id, result: 'UPHELD', concludedAt: '2025-07-19T02:00:00Z' } }, coordinator.token))).toEqual(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'concludedAt', messageKey: 'disclosure.beforeCaseFiled' }),
    );
    const concluded = await t.gql(M.recordCase, { input: { caseId: c.id, result: 'UPHELD' } }, coordinator.token);
    expect(concluded.data.recordAdministrativeCase.administrativeCase).toEqual(
      expect.objectContaining({ id: c.id, result: 'UPHELD', concludedAt: '2025-08-01T02:00:00.000Z', caseNumber: '宜府复〔2025〕12号' }),
    );
    expect(code(await t.gql(M.recordCase, { input: { caseId: c.id, result: 'CORRECTED' } }, coordinator.token))).toEqual(
      expect.objectContaining({ code: 'CONFLICT', reason: 'CASE_CONCLUDED' }),
    );
    const got = await t.gql(GET, { id: r.id }, coordinator.token);
    expect(got.data.disclosureRequest.administrativeCases).toEqual([{ id: c.id, kind: 'ADMINISTRATIVE_REVIEW', result: 'UPHELD' }]);
    expect((await t.gql(CASE_ACTIONS, { id: r.id }, coordinator.token)).data.disclosureRequest.administrativeCases).toEqual([{ availableActions: [] }]);
    expect(got.data.disclosureRequest.history.map((h: any) => h.action).slice(-2)).toEqual(['ADMINISTRATIVE_CASE_RECORDED', 'ADMINISTRATIVE_CASE_CONCLUDED']);
    const list = await t.gql(graphql(`query DisclosureLedgerDisclosureAdministrativeCases { disclosureAdministrativeCases(first: 10, year: 2025) { totalCount edges { node { id result } } } }`), {}, coordinator.token);
    expect(list.data.disclosureAdministrativeCases.edges.map((e: any) => e.node)).toEqual([{ id: c.id, result: 'UPHELD' }]);
  });

  it('lets the coordinator write, auditors and admins read, and nobody else in', async () => {
    if (skip()) return;
    t.clock.set('2025-09-01T02:00:00Z');
    const r = await ledger(t, coordinator.token).register();
    const auditor = await given(t).staff(['AUDITOR']);
    const admin = await given(t).staff(['ADMIN']);
    const unit = await given(t).unit();
    const handler = await given(t).staff(['UNIT_HANDLER'], unit.id);
    const evaluator = await given(t).staff(['EVALUATOR']);
    const resident = await given(t).resident();
    const before = await footprint();
    const mutations: [AnyDocument, Record<string, unknown>][] = [
      [M.register, registerInput()],
      [M.extend, { id: r.id, workingDays: 5, reason: '理由充分' }],
      [M.requestCorrection, { id: r.id, note: '请补充' }],
      [M.recordCorrection, { id: r.id }],
      [M.legalReview, { id: r.id, reviewer: '市司法局' }],
      [M.decide, { id: r.id, outcome: 'DISCLOSED' }],
      [M.recordCase, { kind: 'ADMINISTRATIVE_REVIEW', filedAt: '2025-08-01T00:00:00Z', result: 'PENDING' }],
      [M.completeCallback, { id: r.id, note: '回访' }],
      [M.reveal, { id: r.id }],
    ];
    for (const [doc, input] of mutations) {
      // Assorted documents in one table: sent untyped.
      expect(code(await t.gql(doc.toString(), { input }))?.code).toBe('UNAUTHENTICATED');
      for (const who of [auditor, admin, handler, evaluator, resident]) expect(code(await t.gql(doc.toString(), { input }, who.token))?.code).toBe('FORBIDDEN');
    }
    expect(await footprint()).toEqual(before);
    for (const reader of [coordinator, auditor, admin]) {
      const res = await t.gql(LIST, { first: 5 }, reader.token);
      expect(res.errors).toBeUndefined();
      expect(res.data.disclosureRequests.totalCount).toBeGreaterThan(0);
      expect((await t.gql(GET, { id: r.id }, reader.token)).data.disclosureRequest.id).toBe(r.id);
    }
    for (const outsider of [handler, evaluator, resident]) {
      expect(code(await t.gql(LIST, { first: 5 }, outsider.token))?.code).toBe('FORBIDDEN');
      expect(code(await t.gql(GET, { id: r.id }, outsider.token))?.code).toBe('FORBIDDEN');
    }
    // What a page may offer: the coordinator's steps from the ledger rules, nothing for readers.
    const ACTIONS = graphql(`query DisclosureLedgerActions($id: Int) { disclosureRequest(id: $id) { availableActions decidableOutcomes administrativeCases { availableActions } } }`);
    expect((await t.gql(ACTIONS, { id: r.id }, coordinator.token)).data.disclosureRequest).toEqual({
      availableActions: ['extend', 'requestCorrection', 'recordLegalReview', 'revealContact', 'recordAdministrativeCase'],
      decidableOutcomes: [],
      administrativeCases: [],
    });
    for (const reader of [auditor, admin]) {
      expect((await t.gql(ACTIONS, { id: r.id }, reader.token)).data.disclosureRequest).toEqual({ availableActions: [], decidableOutcomes: [], administrativeCases: [] });
    }
    expect(code(await t.gql(LIST, { first: 5 }))?.code).toBe('UNAUTHENTICATED');
    expect(code(await t.gql(LIST, { first: 5 }, 'not-a-token'))?.code).toBe('UNAUTHENTICATED');
  }, 30_000);
});
