import { given, idempotencyKey } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { graphql } from '../gql/index.js';

// The office's work lists beyond screening: 督办 (overdue across units, in working days),
// extension requests to decide, replies in review; coordinators only, cursor-paged.

const SUBMIT = graphql(`mutation OfficeQueuesSubmit($input: SubmitSuggestionInput!) { submitSuggestion(input: $input) { suggestion { id } } }`);
const ASSIGN = graphql(`mutation OfficeQueuesAssign($input: AssignSuggestionInput!) { assignSuggestion(input: $input) { suggestions { id status replyDueAt } } }`);
const SIGN = graphql(`mutation OfficeQueuesSign($input: SuggestionIdInput!) { signSuggestion(input: $input) { suggestion { id status } } }`);
const REPLY = graphql(`mutation OfficeQueuesReply($input: ReplyToSuggestionInput!) { replyToSuggestion(input: $input) { suggestion { id status } reply { id status } } }`);
const EXTEND = graphql(`mutation OfficeQueuesExtend($input: RequestExtensionInput!) { requestExtension(input: $input) { extensionRequest { id status } } }`);
const DECIDE = graphql(`mutation OfficeQueuesDecide($input: DecideExtensionInput!) { decideExtension(input: $input) { extensionRequest { id status } } }`);
const REVIEW = graphql(`mutation OfficeQueuesReview($input: ReviewReplyInput!) { reviewReply(input: $input) { suggestion { id status } reply { id status } } }`);
const EXTENSIONS = graphql(`query OfficeQueuesExtensions($after: String) { pendingExtensionRequests(first: 1, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id unitId reason extraWorkingDays currentDueAt requestedDueAt suggestion { id title } } } } }`);
const BOARD = graphql(`query OfficeQueuesBoard($after: String, $unitId: Int) { overdueBoard(first: 1, after: $after, unitId: $unitId) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id replyDueAt workingDaysOverdue leadUnit { id name } availableActions } } } }`);
const IN_REVIEW = graphql(`query OfficeQueuesInReview($after: String) { replyReviewQueue(first: 1, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id status availableActions replies { id status } } } } }`);

describe(describeDb('office queues'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('office'))!;
  });
  afterAll(async () => t?.close());

  async function world() {
    const g = given(t);
    const campaign = await g.campaign({ requireReplyReview: true });
    const unitA = await g.unit({ name: '市交通运输局' });
    const unitB = await g.unit({ name: '市住房和城乡建设局' });
    const coordinator = await g.staff(['COORDINATOR']);
    const handlerA = await g.staff(['UNIT_HANDLER'], unitA.id);
    const handlerB = await g.staff(['UNIT_HANDLER'], unitB.id);
    const admin = await g.staff(['ADMIN']);
    const author = await g.resident();
    const items: number[] = [];
    for (const [i, unit] of [unitA, unitB, unitA].entries()) {
      const r = await t.gql(SUBMIT, { input: { campaignId: campaign.id, title: `督办测试第${i + 1}条建议`, body: '建议在路口增设信号灯，方便行人通行。', category: '交通出行', consentToPublish: true, idempotencyKey: idempotencyKey() } }, author.token);
      const id = r.data.submitSuggestion.suggestion.id as number;
      expect((await t.gql(ASSIGN, { input: { suggestionIds: [id], leadUnitId: unit.id } }, coordinator.token)).errors).toBeUndefined();
      items.push(id);
    }
    return { unitA, unitB, coordinator, handlerA, handlerB, admin, items };
  }

  it('lists extension requests to decide, oldest first and cursor-paged, to coordinators only', async () => {
    if (!t) return;
    t.clock.set('2026-11-02T02:00:00Z'); // Monday 10:00 Shanghai
    const w = await world();
    const [a1, b1] = w.items;
    expect((await t.gql(SIGN, { input: { suggestionId: a1 } }, w.handlerA.token)).errors).toBeUndefined();
    expect((await t.gql(SIGN, { input: { suggestionId: b1 } }, w.handlerB.token)).errors).toBeUndefined();
    const first = await t.gql(EXTEND, { input: { suggestionId: a1, extraWorkingDays: 5, reason: '需要会同住建部门现场勘察' } }, w.handlerA.token);
    t.clock.set('2026-11-02T03:00:00Z');
    const second = await t.gql(EXTEND, { input: { suggestionId: b1, extraWorkingDays: 3, reason: '需要召开听证会' } }, w.handlerB.token);
    const ext1 = first.data.requestExtension.extensionRequest.id;
    const ext2 = second.data.requestExtension.extensionRequest.id;

    const page1 = await t.gql(EXTENSIONS, {}, w.coordinator.token);
    expect(page1.errors).toBeUndefined();
    const c1 = page1.data.pendingExtensionRequests;
    // Other tests' rows may sit in the same database: ours come in creation order.
    expect(c1.totalCount).toBeGreaterThanOrEqual(2);
    const seen: { id: number; suggestion: { id: number; title: string } | null; reason: string; extraWorkingDays: number }[] = [...c1.edges.map((e: any) => e.node)];
    let cursor = c1.pageInfo.hasNextPage ? c1.pageInfo.endCursor : null;
    while (cursor) {
      const next = (await t.gql(EXTENSIONS, { after: cursor }, w.coordinator.token)).data.pendingExtensionRequests;
      seen.push(...next.edges.map((e: any) => e.node));
      cursor = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null;
    }
    const ours = seen.filter((n) => n.id === ext1 || n.id === ext2);
    expect(ours.map((n) => n.id)).toEqual([ext1, ext2]);
    expect(ours[0]).toMatchObject({ suggestion: { id: a1, title: '督办测试第1条建议' }, reason: '需要会同住建部门现场勘察', extraWorkingDays: 5 });

    // Units, admins and the public may not list them.
    for (const token of [w.handlerA.token, w.admin.token]) {
      expect((await t.gql(EXTENSIONS, {}, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await t.gql(EXTENSIONS, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // Decided requests leave the list.
    expect((await t.gql(DECIDE, { input: { requestId: ext1, approve: true } }, w.coordinator.token)).data.decideExtension.extensionRequest.status).toBe('APPROVED');
    expect((await t.gql(DECIDE, { input: { requestId: ext2, approve: false, note: '请按期办结' } }, w.coordinator.token)).data.decideExtension.extensionRequest.status).toBe('DENIED');
    const after = await t.gql(graphql(`query OfficeQueuesPendingExtensionRequests { pendingExtensionRequests(first: 100) { edges { node { id } } } }`), {}, w.coordinator.token);
    expect(after.data.pendingExtensionRequests.edges.map((e: any) => e.node.id)).not.toContain(ext1);
    expect(after.data.pendingExtensionRequests.edges.map((e: any) => e.node.id)).not.toContain(ext2);
  });

  it('shows overdue items across units with working days overdue; replies in review are listed until decided', async () => {
    if (!t) return;
    t.clock.set('2026-11-02T02:00:00Z'); // Monday; replies due 10 working days later, Monday 11-16
    const w = await world();
    const [a1, b1, a2] = w.items;
    await t.gql(SIGN, { input: { suggestionId: a1 } }, w.handlerA.token);
    await t.gql(SIGN, { input: { suggestionId: b1 } }, w.handlerB.token);

    // Not yet overdue.
    const before = await t.gql(graphql(`query OfficeQueuesOverdueBoard { overdueBoard(first: 100) { edges { node { id } } } }`), {}, w.coordinator.token);
    expect(before.errors).toBeUndefined();
    expect(before.data.overdueBoard.edges.map((e: any) => e.node.id)).not.toContain(a1);

    // Wednesday 11-18: two working days (Tue, Wed) past Monday 11-16, for all three (unsigned a2 too).
    t.clock.set('2026-11-18T02:00:00Z');
    const all = await t.gql(graphql(`query OfficeQueuesOverdueBoard2 { overdueBoard(first: 100) { totalCount edges { node { id workingDaysOverdue leadUnit { id } availableActions } } } }`), {}, w.coordinator.token);
    const ours = all.data.overdueBoard.edges.map((e: any) => e.node).filter((n: any) => w.items.includes(n.id));
    expect(ours.map((n: any) => n.id).sort()).toEqual([a1, b1, a2].sort());
    for (const n of ours) expect(n.workingDaysOverdue).toBe(2);
    expect(ours.find((n: any) => n.id === b1)).toMatchObject({ leadUnit: { id: w.unitB.id } });
    expect(ours[0].availableActions).toContain('transfer');

    // One unit's items, a page at a time.
    const p1 = (await t.gql(BOARD, { unitId: w.unitA.id }, w.coordinator.token)).data.overdueBoard;
    expect(p1.totalCount).toBe(2);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await t.gql(BOARD, { unitId: w.unitA.id, after: p1.pageInfo.endCursor }, w.coordinator.token)).data.overdueBoard;
    expect(p2.pageInfo.hasNextPage).toBe(false);
    expect([p1.edges[0].node.id, p2.edges[0].node.id].sort()).toEqual([a1, a2].sort());
    expect(p1.edges[0].node.leadUnit.id).toBe(w.unitA.id);
    expect((await t.gql(BOARD, {}, w.handlerA.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The unit replies (late): the campaign asks for review, so the item leaves the board for the review queue.
    const replied = await t.gql(REPLY, { input: { suggestionId: a1, adoption: 'ADOPTED', body: '已在该路口增设信号灯，本月底前投入使用。' } }, w.handlerA.token);
    expect(replied.data.replyToSuggestion.suggestion.status).toBe('REPLY_REVIEW');
    await t.gql(REPLY, { input: { suggestionId: b1, adoption: 'ALREADY_DONE', body: '该路口改造已列入今年计划，正在施工。' } }, w.handlerB.token);
    const board = await t.gql(graphql(`query OfficeQueuesOverdueBoard3 { overdueBoard(first: 100) { edges { node { id } } } }`), {}, w.coordinator.token);
    expect(board.data.overdueBoard.edges.map((e: any) => e.node.id)).not.toContain(a1);

    const review: any[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (await t.gql(IN_REVIEW, { after: cursor }, w.coordinator.token)).data.replyReviewQueue;
      review.push(...page.edges.map((e: any) => e.node));
      cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (cursor);
    const mine = review.filter((n) => n.id === a1 || n.id === b1);
    expect(mine).toHaveLength(2);
    for (const n of mine) {
      expect(n.status).toBe('REPLY_REVIEW');
      expect(n.availableActions).toEqual(expect.arrayContaining(['approveReply', 'sendBackReply']));
      expect(n.replies.map((r: any) => r.status)).toContain('PENDING_REVIEW');
    }
    expect((await t.gql(IN_REVIEW, {}, w.handlerA.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const replyId = mine.find((n) => n.id === a1).replies.find((r: any) => r.status === 'PENDING_REVIEW').id;
    expect((await t.gql(REVIEW, { input: { replyId, approve: true } }, w.coordinator.token)).data.reviewReply.suggestion.status).toBe('REPLIED');
    const left = await t.gql(graphql(`query OfficeQueuesReplyReviewQueue { replyReviewQueue(first: 100) { edges { node { id } } } }`), {}, w.coordinator.token);
    const leftIds = left.data.replyReviewQueue.edges.map((e: any) => e.node.id);
    expect(leftIds).not.toContain(a1);
    expect(leftIds).toContain(b1);
  });

  it('numbers a campaign created without a number after the year’s highest, and offers open then close', async () => {
    if (!t) return;
    t.clock.set('2026-11-02T02:00:00Z');
    const coordinator = await given(t).staff(['COORDINATOR']);
    const create = graphql(`mutation OfficeQueuesCreate($i: CreateCampaignInput!) { createCampaign(input: $i) { campaign { id number label status availableActions } } }`);
    const input = { year: 2031, title: '营商环境建言', topic: '营商环境', description: '征集意见建议。', opensAt: '2031-01-01T00:00:00Z', closesAt: '2031-03-31T00:00:00Z', categories: ['其他'] };
    const first = (await t.gql(create, { i: input }, coordinator.token)).data.createCampaign.campaign;
    expect(first).toMatchObject({ number: 1, label: '2031年第1期', status: 'DRAFT', availableActions: ['open'] });
    await t.gql(create, { i: { ...input, number: 5 } }, coordinator.token);
    const next = (await t.gql(create, { i: input }, coordinator.token)).data.createCampaign.campaign;
    expect(next).toMatchObject({ number: 6, label: '2031年第6期' });
    const opened = await t.gql(graphql(`mutation OfficeQueuesOpenCampaign($i: CampaignIdInput!) { openCampaign(input: $i) { campaign { status availableActions } } }`), { i: { id: first.id } }, coordinator.token);
    expect(opened.data.openCampaign.campaign).toEqual({ status: 'OPEN', availableActions: ['close'] });
    // Two creators at once: distinct numbers, or the loser is told CONFLICT; never a masked server error.
    const race = await Promise.all([1, 2].map(() => t.gql(create, { i: { ...input, year: 2032 } }, coordinator.token)));
    const codes = race.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes.every((c) => c === 'OK' || c === 'CONFLICT')).toBe(true);
    const numbers = race.filter((r) => !r.errors).map((r) => r.data.createCampaign.campaign.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.length).toBeGreaterThanOrEqual(1);
    // Others see no actions on a published campaign.
    const seen = await t.gql(graphql(`query OfficeQueuesCampaign($id: Int!) { campaign(id: $id) { status availableActions } }`), { id: first.id });
    expect(seen.data.campaign).toEqual({ status: 'OPEN', availableActions: [] });
  });
});
