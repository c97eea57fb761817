import { given, idempotencyKey } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { OutboxMessageEntity } from '../../src/jobs/outbox-message.entity.js';
import { TimelineEventEntity } from '../../src/suggestions/timeline-event.entity.js';
import { SuggestionEntity } from '../../src/suggestions/suggestion.entity.js';
import { ReplyEntity } from '../../src/replies/reply.entity.js';
import { graphql } from '../gql/index.js';
import type { InboxFilter } from '../gql/graphql.js';

const SUBMIT = graphql(`mutation ClosedLoopSubmit($input: SubmitSuggestionInput!) { submitSuggestion(input: $input) { suggestion { id trackingNumber version } } }`);
const ASSIGN = graphql(`mutation ClosedLoopAssign($input: AssignSuggestionInput!) { assignSuggestion(input: $input) { suggestions { id status leadUnitId signDueAt replyDueAt version } } }`);
const SIGN = graphql(`mutation ClosedLoopSign($input: SuggestionIdInput!) { signSuggestion(input: $input) { suggestion { id status } } }`);
const REPLY = graphql(`mutation ClosedLoopReply($input: ReplyToSuggestionInput!) { replyToSuggestion(input: $input) { suggestion { id status adoption ratingDueAt } reply { id status onTime } } }`);
const RATE = graphql(`mutation ClosedLoopRate($input: RateReplyInput!) { rateReply(input: $input) { suggestion { id status reopenCount replyDueAt closedAt } rating { level } } }`);

async function world(t: TestApp, campaignOverrides = {}) {
  const g = given(t);
  const campaign = await g.campaign(campaignOverrides);
  const unit = await g.unit({ name: '市交通运输局' });
  const coUnit = await g.unit({ name: '市城市管理局' });
  const otherUnit = await g.unit({ name: '市教育体育局' });
  const coordinator = await g.staff(['COORDINATOR']);
  const handler = await g.staff(['UNIT_HANDLER'], unit.id);
  const coHandler = await g.staff(['UNIT_HANDLER'], coUnit.id);
  const otherHandler = await g.staff(['UNIT_HANDLER'], otherUnit.id);
  const author = await g.resident({ displayName: '王五' });
  const other = await g.resident();
  const submitted = await t.gql(SUBMIT, { input: { campaignId: campaign.id, title: '公交线路优化建议', body: '建议优化12路公交线路，增加高峰时段班次。', category: '交通出行', consentToPublish: true, idempotencyKey: idempotencyKey() } }, author.token);
  const id = submitted.data.submitSuggestion.suggestion.id as number;
  return { campaign, unit, coUnit, otherUnit, coordinator, handler, coHandler, otherHandler, author, other, id };
}

describe(describeDb('closed loop over HTTP'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('loop'))!;
  });
  afterAll(async () => t?.close());

  it('submit → assign → sign → reply → unsatisfied → reopen → reply → satisfied → closed', async () => {
    if (!t) return;
    t.clock.set('2025-09-26T02:00:00Z'); // Friday 10:00 Shanghai, before National Day
    const w = await world(t);

    const assigned = await t.gql(ASSIGN, { input: { suggestionIds: [w.id], leadUnitId: w.unit.id, coUnitIds: [w.coUnit.id], note: '请交通局牵头办理' } }, w.coordinator.token);
    expect(assigned.errors).toBeUndefined();
    const a = assigned.data.assignSuggestion.suggestions[0];
    expect(a.status).toBe('ASSIGNED');
    // Sign within 1 working day: Sunday 2025-09-28 is a make-up working day (调休).
    expect(a.signDueAt).toBe('2025-09-28T15:59:59.999Z');
    // Reply within 10 working days: 9/28 (调休), 9/29, 9/30, then after the 10/1–10/8 holiday
    // 10/9, 10/10, 10/11 (调休 Saturday), 10/13, 10/14, 10/15, 10/16.
    expect(a.replyDueAt).toBe('2025-10-16T15:59:59.999Z');

    // Another unit can neither sign nor see it.
    const foreign = await t.gql(SIGN, { input: { suggestionId: w.id } }, w.otherHandler.token);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const peek = await t.gql(graphql(`query ClosedLoopSuggestion($id: Int!) { suggestion(id: $id) { id } }`), { id: w.id }, w.otherHandler.token);
    expect(peek.data.suggestion).toBeNull();

    // The co-organiser signs its part; the status does not move.
    const coSigned = await t.gql(SIGN, { input: { suggestionId: w.id } }, w.coHandler.token);
    expect(coSigned.data.signSuggestion.suggestion.status).toBe('ASSIGNED');
    const contributed = await t.gql(graphql(`mutation ClosedLoopContributeToSuggestion($i: ContributeInput!) { contributeToSuggestion(input: $i) { suggestion { id } } }`), { i: { suggestionId: w.id, contribution: '城管局将配合调整站台设置。' } }, w.coHandler.token);
    expect(contributed.errors).toBeUndefined();

    t.clock.set('2025-09-28T01:00:00Z');
    const signed = await t.gql(SIGN, { input: { suggestionId: w.id } }, w.handler.token);
    expect(signed.data.signSuggestion.suggestion.status).toBe('IN_PROGRESS');

    // Replying before signing is impossible now, and rating before a reply is refused with the status named.
    const early = await t.gql(RATE, { input: { replyId: 999999, level: 'SATISFIED' } }, w.author.token);
    expect(early.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    t.clock.set('2025-10-10T02:00:00Z');
    const replied = await t.gql(REPLY, { input: { suggestionId: w.id, body: '经研究，我局将于11月起在早晚高峰加密12路班次。', adoption: 'ADOPTED' } }, w.handler.token);
    expect(replied.errors).toBeUndefined();
    expect(replied.data.replyToSuggestion.suggestion).toMatchObject({ status: 'REPLIED', adoption: 'ADOPTED' });
    expect(replied.data.replyToSuggestion.reply).toMatchObject({ status: 'PUBLISHED', onTime: true });
    const firstReplyId = replied.data.replyToSuggestion.reply.id;

    // Only the author rates.
    const notMine = await t.gql(RATE, { input: { replyId: firstReplyId, level: 'SATISFIED' } }, w.other.token);
    expect(notMine.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const unsatisfied = await t.gql(RATE, { input: { replyId: firstReplyId, level: 'UNSATISFIED', comment: '希望同时延长末班车时间' } }, w.author.token);
    expect(unsatisfied.errors).toBeUndefined();
    const reopened = unsatisfied.data.rateReply.suggestion;
    expect(reopened.status).toBe('IN_PROGRESS');
    expect(reopened.reopenCount).toBe(1);
    // Reopen deadline: 5 working days from Friday 2025-10-10: 10/11 (调休), 10/13, 10/14, 10/15, 10/16.
    expect(reopened.replyDueAt).toBe('2025-10-16T15:59:59.999Z');

    const again = await t.gql(RATE, { input: { replyId: firstReplyId, level: 'SATISFIED' } }, w.author.token);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    t.clock.set('2025-10-14T02:00:00Z');
    const second = await t.gql(REPLY, { input: { suggestionId: w.id, body: '补充答复：末班车将延长至22:30。', adoption: 'ADOPTED' } }, w.handler.token);
    expect(second.data.replyToSuggestion.suggestion.status).toBe('REPLIED');
    const secondReplyId = second.data.replyToSuggestion.reply.id;

    const satisfied = await t.gql(RATE, { input: { replyId: secondReplyId, level: 'SATISFIED' } }, w.author.token);
    expect(satisfied.data.rateReply.suggestion.status).toBe('CLOSED');
    expect(satisfied.data.rateReply.suggestion.closedAt).toBeTruthy();

    // The whole history, masked for the public.
    const full = await t.gql(graphql(`query ClosedLoopSuggestion2($id: Int!) { suggestion(id: $id) { status timeline { action fromStatus toStatus } replies { id status } assignments { unitId role signedAt contribution } } }`), { id: w.id }, w.coordinator.token);
    expect(full.data.suggestion.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit', 'assign', 'co-sign', 'co-contribute', 'sign', 'reply', 'rateUnsatisfied', 'reply', 'rateSatisfied',
    ]);
    expect(full.data.suggestion.assignments).toHaveLength(2);
    const events = await t.dataSource.getRepository(TimelineEventEntity).find({ where: { suggestionId: w.id }, order: { id: 'ASC' } });
    const statusEvents = events.filter((e) => e.toStatus);
    expect(statusEvents.at(-1)!.toStatus).toBe('CLOSED');
    // Each status event starts where the previous one ended.
    for (let i = 1; i < statusEvents.length; i++) expect(statusEvents[i]!.fromStatus).toBe(statusEvents[i - 1]!.toStatus);

    // Residents were told of every stage, and the office got a call task per reply.
    const outbox = await t.dataSource.getRepository(OutboxMessageEntity).find({ order: { id: 'ASC' } });
    const notices = outbox.filter((o) => o.topic === 'notice.resident' && o.payload.suggestionId === w.id).map((o) => o.payload.stage);
    expect(notices).toEqual(['RECEIVED', 'ASSIGNED', 'REPLIED', 'REOPENED', 'REPLIED', 'CLOSED']);
    expect(outbox.filter((o) => o.topic === 'callback.create' && o.payload.suggestionId === w.id)).toHaveLength(2);
    expect(outbox.some((o) => o.topic === 'reminder.sign-due' && o.payload.suggestionId === w.id)).toBe(true);
    expect(JSON.stringify(outbox.map((o) => o.payload))).not.toMatch(/1[3-9]\d{9}|王五/);
  });

  it('an unsatisfied rating closes the item once the reopens are used up', async () => {
    if (!t) return;
    t.clock.set('2025-11-03T02:00:00Z');
    const w = await world(t, { maxReopens: 0 });
    await t.gql(ASSIGN, { input: { suggestionIds: [w.id], leadUnitId: w.unit.id } }, w.coordinator.token);
    await t.gql(SIGN, { input: { suggestionId: w.id } }, w.handler.token);
    const r = await t.gql(REPLY, { input: { suggestionId: w.id, body: '该建议暂不具备实施条件，已纳入明年计划研究。', adoption: 'NOT_ADOPTED', notAdoptedReason: '资金未落实' } }, w.handler.token);
    const rated = await t.gql(RATE, { input: { replyId: r.data.replyToSuggestion.reply.id, level: 'UNSATISFIED' } }, w.author.token);
    expect(rated.data.rateReply.suggestion.status).toBe('CLOSED');
  });

  it('replies go through review when the campaign asks for it', async () => {
    if (!t) return;
    t.clock.set('2025-11-03T02:00:00Z');
    const w = await world(t, { requireReplyReview: true });
    await t.gql(ASSIGN, { input: { suggestionIds: [w.id], leadUnitId: w.unit.id } }, w.coordinator.token);
    await t.gql(SIGN, { input: { suggestionId: w.id } }, w.handler.token);
    const r = await t.gql(REPLY, { input: { suggestionId: w.id, body: '我局已安排专人现场勘察，拟于下月实施。', adoption: 'PARTIALLY_ADOPTED' } }, w.handler.token);
    expect(r.data.replyToSuggestion.suggestion.status).toBe('REPLY_REVIEW');
    const replyId = r.data.replyToSuggestion.reply.id;
    // The author cannot see an unreviewed reply.
    const mine = await t.gql(graphql(`query ClosedLoopMySuggestions { mySuggestions(first: 5) { edges { node { id replies { id } } } } }`), {}, w.author.token);
    expect(mine.data.mySuggestions.edges[0].node.replies).toEqual([]);
    const back = await t.gql(graphql(`mutation ClosedLoopReviewReply($i: ReviewReplyInput!) { reviewReply(input: $i) { suggestion { status } reply { status reviewNote } } }`), { i: { replyId, approve: false, note: '请补充实施时间' } }, w.coordinator.token);
    expect(back.data.reviewReply).toEqual({ suggestion: { status: 'IN_PROGRESS' }, reply: { status: 'SENT_BACK', reviewNote: '请补充实施时间' } });
    const r2 = await t.gql(REPLY, { input: { suggestionId: w.id, body: '我局已安排专人现场勘察，拟于12月10日前实施。', adoption: 'PARTIALLY_ADOPTED' } }, w.handler.token);
    const ok = await t.gql(graphql(`mutation ClosedLoopReviewReply2($i: ReviewReplyInput!) { reviewReply(input: $i) { suggestion { status adoption } reply { status } } }`), { i: { replyId: r2.data.replyToSuggestion.reply.id, approve: true } }, w.coordinator.token);
    expect(ok.data.reviewReply).toEqual({ suggestion: { status: 'REPLIED', adoption: 'PARTIALLY_ADOPTED' }, reply: { status: 'PUBLISHED' } });
  });

  it('return, transfer, reject, merge and extensions keep the history', async () => {
    if (!t) return;
    t.clock.set('2025-11-03T02:00:00Z');
    const w = await world(t);
    await t.gql(ASSIGN, { input: { suggestionIds: [w.id], leadUnitId: w.otherUnit.id } }, w.coordinator.token);
    const returned = await t.gql(graphql(`mutation ClosedLoopReturnSuggestion($i: SuggestionReasonInput!) { returnSuggestion(input: $i) { suggestion { status leadUnitId } } }`), { i: { suggestionId: w.id, reason: '不属于我单位职责' } }, w.otherHandler.token);
    expect(returned.data.returnSuggestion.suggestion).toEqual({ status: 'RETURNED', leadUnitId: null });
    const queue = await t.gql(graphql(`query ClosedLoopScreeningQueue { screeningQueue(first: 50) { edges { node { id status } } } }`), {}, w.coordinator.token);
    expect(queue.data.screeningQueue.edges.map((e: { node: { id: number } }) => e.node.id)).toContain(w.id);
    await t.gql(ASSIGN, { input: { suggestionIds: [w.id], leadUnitId: w.coUnit.id } }, w.coordinator.token);
    const transferred = await t.gql(graphql(`mutation ClosedLoopTransferSuggestion($i: TransferSuggestionInput!) { transferSuggestion(input: $i) { suggestion { status leadUnitId } } }`), { i: { suggestionId: w.id, leadUnitId: w.unit.id, reason: '调整为交通局主办' } }, w.coordinator.token);
    expect(transferred.data.transferSuggestion.suggestion).toEqual({ status: 'ASSIGNED', leadUnitId: w.unit.id });
    await t.gql(SIGN, { input: { suggestionId: w.id } }, w.handler.token);

    const before = (await t.dataSource.getRepository(SuggestionEntity).findOneByOrFail({ id: w.id })).replyDueAt!;
    const ext = await t.gql(graphql(`mutation ClosedLoopRequestExtension($i: RequestExtensionInput!) { requestExtension(input: $i) { extensionRequest { id status requestedDueAt } } }`), { i: { suggestionId: w.id, reason: '需要跨部门协调', extraWorkingDays: 5 } }, w.handler.token);
    expect(ext.errors).toBeUndefined();
    const decided = await t.gql(graphql(`mutation ClosedLoopDecideExtension($i: DecideExtensionInput!) { decideExtension(input: $i) { extensionRequest { status } } }`), { i: { requestId: ext.data.requestExtension.extensionRequest.id, approve: true } }, w.coordinator.token);
    expect(decided.data.decideExtension.extensionRequest.status).toBe('APPROVED');
    const after = (await t.dataSource.getRepository(SuggestionEntity).findOneByOrFail({ id: w.id })).replyDueAt!;
    expect(after.toISOString()).toBe(ext.data.requestExtension.extensionRequest.requestedDueAt);
    expect(after.getTime()).toBeGreaterThan(before.getTime());
    const twice = await t.gql(graphql(`mutation ClosedLoopDecideExtension2($i: DecideExtensionInput!) { decideExtension(input: $i) { extensionRequest { status } } }`), { i: { requestId: ext.data.requestExtension.extensionRequest.id, approve: false } }, w.coordinator.token);
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // New reminders for the new deadline.
    const reminders = await t.dataSource.getRepository(OutboxMessageEntity).findBy({ topic: 'reminder.reply-due-soon' });
    expect(reminders.filter((r) => r.payload.suggestionId === w.id).map((r) => r.payload.dueAt)).toContain(after.toISOString());

    // Merge a duplicate and reject another.
    const dup = await t.gql(SUBMIT, { input: { campaignId: w.campaign.id, title: '12路公交太挤', body: '12路公交早高峰太挤了，建议增加班次。', category: '交通出行', consentToPublish: true, idempotencyKey: idempotencyKey() } }, w.other.token);
    const dupId = dup.data.submitSuggestion.suggestion.id;
    const merged = await t.gql(graphql(`mutation ClosedLoopMergeSuggestion($i: MergeSuggestionInput!) { mergeSuggestion(input: $i) { suggestion { status mergedIntoId } } }`), { i: { suggestionId: dupId, targetId: w.id } }, w.coordinator.token);
    expect(merged.data.mergeSuggestion.suggestion).toEqual({ status: 'MERGED', mergedIntoId: w.id });
    // While screening, the office sees the likely duplicate next to the new item (Chinese full-text).
    const screening = await t.gql(graphql(`query ClosedLoopSuggestion3($id: Int!) { suggestion(id: $id) { possibleDuplicates { id } } }`), { id: dupId }, w.coordinator.token);
    expect(screening.data.suggestion.possibleDuplicates.map((d: { id: number }) => d.id)).toContain(w.id);
    const rejectMerged = await t.gql(graphql(`mutation ClosedLoopRejectSuggestion($i: SuggestionReasonInput!) { rejectSuggestion(input: $i) { suggestion { status } } }`), { i: { suggestionId: dupId, reason: '重复' } }, w.coordinator.token);
    expect(rejectMerged.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(rejectMerged.errors?.[0]?.message).toMatch(/当前状态为“已合并”/);
    expect(rejectMerged.errors?.[0]?.extensions).toMatchObject({ status: 'MERGED', messageKey: 'workflow.invalidTransition' });
    // The duplicate's author follows the target: its next stage is told to them too.
    await t.gql(REPLY, { input: { suggestionId: w.id, body: '我局将于下月加密12路公交班次。', adoption: 'ADOPTED' } }, w.handler.token);
    const followerNotices = await t.dataSource.getRepository(OutboxMessageEntity).findBy({ topic: 'notice.resident' });
    expect(followerNotices.filter((o) => o.payload.suggestionId === dupId).map((o) => o.payload.stage)).toEqual(['RECEIVED', 'MERGED', 'REPLIED']);
  });

  it('refuses what the table does not allow, naming the status, and writes nothing', async () => {
    if (!t) return;
    t.clock.set('2025-11-03T02:00:00Z');
    const w = await world(t);
    const events = () => t.dataSource.getRepository(TimelineEventEntity).countBy({ suggestionId: w.id });
    const before = await events();
    const r = await t.gql(REPLY, { input: { suggestionId: w.id, body: '这是一条还没有签收就发出的答复。', adoption: 'ADOPTED' } }, w.handler.token);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN'); // not the item's unit yet
    await t.gql(ASSIGN, { input: { suggestionIds: [w.id], leadUnitId: w.unit.id } }, w.coordinator.token);
    const unsigned = await t.gql(REPLY, { input: { suggestionId: w.id, body: '这是一条还没有签收就发出的答复。', adoption: 'ADOPTED' } }, w.handler.token);
    expect(unsigned.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'ASSIGNED', allowed: ['sign', 'return', 'addProgressNote', 'requestExtension'] });
    expect(unsigned.errors?.[0]?.message).toBe('建议当前状态为“已交办”，无法执行“答复”操作；现在可以：签收、退回、添加办理进展、申请延期');
    const noReason = await t.gql(REPLY, { input: { suggestionId: w.id, body: '暂不采纳，但没有说明理由的答复。', adoption: 'NOT_ADOPTED' } }, w.handler.token);
    expect(noReason.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await events()).toBe(before + 1); // only the assignment
    expect(await t.dataSource.getRepository(ReplyEntity).countBy({ suggestionId: w.id })).toBe(0);
    const stale = await t.gql(SIGN, { input: { suggestionId: w.id, expectedVersion: 1 } }, w.handler.token);
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('the unit inbox lists work by deadline with filters', async () => {
    if (!t) return;
    t.clock.set('2025-11-03T02:00:00Z');
    const w = await world(t);
    await t.gql(ASSIGN, { input: { suggestionIds: [w.id], leadUnitId: w.unit.id, coUnitIds: [w.coUnit.id] } }, w.coordinator.token);
    const inbox = (filter?: InboxFilter, token = w.handler.token, asCo = false) =>
      t.gql(graphql(`query ClosedLoopUnitInbox($f: InboxFilter, $co: Boolean) { unitInbox(first: 20, filter: $f, asCoOrganiser: $co) { totalCount edges { node { id status replyDueAt } } } }`), { f: filter ?? null, co: asCo }, token);
    expect((await inbox('AWAITING_SIGNATURE')).data.unitInbox.edges.map((e: { node: { id: number } }) => e.node.id)).toContain(w.id);
    expect((await inbox(undefined, w.coHandler.token, true)).data.unitInbox.edges.map((e: { node: { id: number } }) => e.node.id)).toContain(w.id);
    expect((await inbox(undefined, w.otherHandler.token)).data.unitInbox.edges.map((e: { node: { id: number } }) => e.node.id)).not.toContain(w.id);
    t.clock.set('2025-12-01T02:00:00Z');
    expect((await inbox('OVERDUE')).data.unitInbox.edges.map((e: { node: { id: number } }) => e.node.id)).toContain(w.id);
    const nodes = (await inbox()).data.unitInbox.edges.map((e: { node: { replyDueAt: string } }) => e.node.replyDueAt);
    expect([...nodes].sort()).toEqual(nodes);
  });
});
