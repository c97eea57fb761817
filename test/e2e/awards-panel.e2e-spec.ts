import { given } from '../factories/given.js';
import { awardSeeds, sh } from '../factories/awards.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { EvaluatorOpinionEntity } from '../../src/evaluations/evaluator-opinion.entity.js';
import { EvaluatorReviewEntity } from '../../src/evaluations/evaluator-review.entity.js';
import { SuggestionSupportEntity } from '../../src/awards/suggestion-support.entity.js';
import { graphql } from '../gql/index.js';

// The 金秤砣 evaluator panel and public support (附议), over HTTP.

const CREATE_EVALUATOR = graphql(`mutation AwardsPanelCreateEvaluator($i: CreateEvaluatorInput!) { createEvaluator(input: $i) { evaluator { id username displayName active } } }`);
const SET_ACTIVE = graphql(`mutation AwardsPanelSetActive($i: SetEvaluatorActiveInput!) { setEvaluatorActive(input: $i) { evaluator { id active } } }`);
const LOGIN = graphql(`mutation AwardsPanelLogin($i: LoginInput!) { login(input: $i) { accessToken } }`);
const REPLIES = graphql(`query AwardsPanelReplies($u: Boolean) { repliesForEvaluation(first: 10, unreviewedOnly: $u) { totalCount edges { node {
  replyId suggestionId trackingNumber suggestionTitle suggestionBody authorDisplay unitName replyBody adoption onTime reviewedByMe } } } }`);
const EVALUATE = graphql(`mutation AwardsPanelEvaluate($i: EvaluateReplyInput!) { evaluateReply(input: $i) { review { id replyId timeliness substance attitude score evaluatorId opinion { id status body answer } } } }`);
const REVIEWS = graphql(`query AwardsPanelReviews($s: EvaluatorOpinionStatus, $o: Boolean) { evaluatorReviews(first: 10, opinionStatus: $s, withOpinionOnly: $o) { totalCount edges { node {
  id replyId unitId evaluatorId score opinion { id status answer } } } } }`);
const ANSWER = graphql(`mutation AwardsPanelAnswer($i: AnswerEvaluatorOpinionInput!) { answerEvaluatorOpinion(input: $i) { opinion { id status answer answeredAt } } }`);
const SUPPORT = graphql(`mutation AwardsPanelSupport($id: Int!) { supportSuggestion(input: { suggestionId: $id }) { support { suggestionId supportCount supportedByMe } } }`);

describe(describeDb('awards: evaluator panel and public support'), () => {
  let t: TestApp;
  let coordinator: { token: string; id: number };
  let unitId: number;
  let otherUnitId: number;
  let author: { id: number; token: string };
  let consented: { suggestionId: number; replyId: number };
  let private_: { suggestionId: number; replyId: number };
  let pending: { replyId: number };
  let evaluator: { id: number; token: string };

  beforeAll(async () => {
    t = (await startTestApp('awards-panel'))!;
    if (!t) return;
    t.clock.set('2026-05-10T02:00:00Z');
    coordinator = await given(t).staff(['COORDINATOR']);
    const seed = awardSeeds(t.dataSource);
    unitId = await seed.unit('DEPARTMENT', '市交通运输局');
    otherUnitId = await seed.unit('COUNTY', '某县');
    author = await given(t).resident({ displayName: '张三丰' });
    const c = await seed.campaign();
    const reply = { submittedAt: sh('2026-04-10 10:00'), adoption: 'ADOPTED' as const };
    const a = await seed.item(c, { unitId, authorId: author.id, authorName: '张三丰', assignedAt: sh('2026-04-01 10:00'), replyDueAt: sh('2026-04-15 23:59'), reply });
    const b = await seed.item(c, { unitId, authorId: author.id, authorName: '张三丰', consentToPublish: false, assignedAt: sh('2026-04-02 10:00'), replyDueAt: sh('2026-04-16 23:59'), reply });
    const p = await seed.item(c, { unitId, assignedAt: sh('2026-04-03 10:00'), replyDueAt: sh('2026-04-17 23:59'), reply: { ...reply, status: 'PENDING_REVIEW' } });
    consented = { suggestionId: a.suggestionId, replyId: a.replyId! };
    private_ = { suggestionId: b.suggestionId, replyId: b.replyId! };
    pending = { replyId: p.replyId! };
  }, 60_000); // app start and migrations on a busy machine
  afterAll(async () => t?.close());
  const skip = () => !t;

  it('the coordinator keeps evaluator accounts; evaluators sign in with them', async () => {
    if (skip()) return;
    const created = await t.gql(CREATE_EVALUATOR, { i: { username: 'jinchengtuo1', displayName: '评议员甲', password: 'a-long-initial-password' } }, coordinator.token);
    expect(created.errors).toBeUndefined();
    expect(created.data.createEvaluator.evaluator).toMatchObject({ username: 'jinchengtuo1', active: true });
    const again = await t.gql(CREATE_EVALUATOR, { i: { username: 'jinchengtuo1', displayName: '评议员乙', password: 'a-long-initial-password' } }, coordinator.token);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'username' });
    const weak = await t.gql(CREATE_EVALUATOR, { i: { username: 'jinchengtuo2', displayName: '评议员乙', password: 'short' } }, coordinator.token);
    expect(weak.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    const login = await t.gql(LOGIN, { i: { username: 'jinchengtuo1', password: 'a-long-initial-password' } });
    evaluator = { id: created.data.createEvaluator.evaluator.id, token: login.data.login.accessToken };
    const me = await t.gql(graphql(`query AwardsPanelMe { me { roles } }`), {}, evaluator.token);
    expect(me.data.me.roles).toEqual(['EVALUATOR']);
    const list = await t.gql(graphql(`query AwardsPanelEvaluators { evaluators(first: 10) { totalCount edges { node { username displayName } } } }`), {}, coordinator.token);
    expect(list.data.evaluators).toEqual({ totalCount: 1, edges: [{ node: { username: 'jinchengtuo1', displayName: '评议员甲' } }] });
    // Only evaluator accounts are the coordinator's to switch off.
    expect((await t.gql(SET_ACTIVE, { i: { id: coordinator.id, active: false } }, coordinator.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(CREATE_EVALUATOR, { i: { username: 'x123', displayName: 'x', password: 'a-long-initial-password' } }, evaluator.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
   }, 30_000); // argon2 hashing and sign-in


  it('evaluators see published replies with the resident masked', async () => {
    if (skip()) return;
    const res = await t.gql(REPLIES, {}, evaluator.token);
    expect(res.errors).toBeUndefined();
    const nodes = res.data.repliesForEvaluation.edges.map((e) => e.node);
    // Issue 12: only replies of items whose author consented (the private one's reply is not shown); the pending reply is not there.
    expect(nodes.map((n: { replyId: number }) => n.replyId)).toEqual([consented.replyId]);
    expect(nodes[0]).toMatchObject({ suggestionTitle: expect.any(String), authorDisplay: '张**', unitName: '市交通运输局', adoption: 'ADOPTED', onTime: true, reviewedByMe: false });
    expect(res.body).not.toContain('张三丰');
  });

  it('marks a reply on the rubric once; bad marks and a second review are refused and write nothing', async () => {
    if (skip()) return;
    const count = () => t.dataSource.getRepository(EvaluatorReviewEntity).count();
    const base = { replyId: consented.replyId, timeliness: 5, substance: 4, attitude: 3 };
    for (const [field, value] of [['timeliness', 6], ['substance', 0], ['attitude', -1]] as const) {
      const res = await t.gql(EVALUATE, { i: { ...base, [field]: value } }, evaluator.token);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // Not a whole mark: GraphQL's Int refuses it before the resolver runs.
    const half = await t.gql(EVALUATE, { i: { ...base, attitude: 2.5 } }, evaluator.token);
    expect(half.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await count()).toBe(0);
    const ok = await t.gql(EVALUATE, { i: { ...base, opinion: '答复较为笼统，建议说明具体实施时间。' } }, evaluator.token);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.evaluateReply.review).toMatchObject({ replyId: consented.replyId, score: 75, evaluatorId: evaluator.id, opinion: { status: 'OPEN', answer: null } });
    const second = await t.gql(EVALUATE, { i: base }, evaluator.token);
    expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await t.gql(EVALUATE, { i: { ...base, replyId: pending.replyId } }, evaluator.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(EVALUATE, { i: base }, coordinator.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await count()).toBe(1);
    expect(await t.dataSource.getRepository(EvaluatorOpinionEntity).count()).toBe(1);
    const unreviewed = await t.gql(REPLIES, { u: true }, evaluator.token);
    expect(unreviewed.data.repliesForEvaluation.edges.map((e: { node: { replyId: number } }) => e.node.replyId)).toEqual([]);
    // A reply the evaluator may not read (no consent) cannot be marked either.
    expect((await t.gql(EVALUATE, { i: { ...base, replyId: private_.replyId } }, evaluator.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('opinions are items the office answers and closes; each viewer sees what is theirs', async () => {
    if (skip()) return;
    const mine = await t.gql(REVIEWS, {}, evaluator.token);
    expect(mine.data.evaluatorReviews.totalCount).toBe(1);
    const open = await t.gql(REVIEWS, { s: 'OPEN' }, coordinator.token);
    expect(open.data.evaluatorReviews.totalCount).toBe(1);
    const opinionId = open.data.evaluatorReviews.edges[0].node.opinion.id;
    const unitAdmin = await given(t).staff(['UNIT_ADMIN'], unitId);
    const ofUnit = await t.gql(REVIEWS, {}, unitAdmin.token);
    expect(ofUnit.data.evaluatorReviews.edges.map((e: { node: Record<string, unknown> }) => [e.node.unitId, e.node.evaluatorId])).toEqual([[unitId, null]]);
    const otherAdmin = await given(t).staff(['UNIT_ADMIN'], otherUnitId);
    expect((await t.gql(REVIEWS, {}, otherAdmin.token)).data.evaluatorReviews.totalCount).toBe(0);
    expect((await t.gql(REVIEWS, {}, author.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    expect((await t.gql(ANSWER, { i: { opinionId, answer: '已转交责任单位补充说明。' } }, evaluator.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(ANSWER, { i: { opinionId, answer: '   ' } }, coordinator.token)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'answer' });
    const answered = await t.gql(ANSWER, { i: { opinionId, answer: '已转交责任单位补充说明。' } }, coordinator.token);
    expect(answered.errors).toBeUndefined();
    expect(answered.data.answerEvaluatorOpinion.opinion).toMatchObject({ id: opinionId, status: 'CLOSED', answer: '已转交责任单位补充说明。', answeredAt: '2026-05-10T02:00:00.000Z' });
    const twice = await t.gql(ANSWER, { i: { opinionId, answer: '再次答复' } }, coordinator.token);
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await t.gql(REVIEWS, { s: 'OPEN' }, coordinator.token)).data.evaluatorReviews.totalCount).toBe(0);
    expect((await t.gql(REVIEWS, { s: 'CLOSED' }, coordinator.token)).data.evaluatorReviews.edges[0].node.opinion).toMatchObject({ status: 'CLOSED' });
  });

  it('a deactivated evaluator can no longer review or sign in', async () => {
    if (skip()) return;
    const off = await t.gql(SET_ACTIVE, { i: { id: evaluator.id, active: false } }, coordinator.token);
    expect(off.data.setEvaluatorActive.evaluator).toEqual({ id: evaluator.id, active: false });
    const res = await t.gql(EVALUATE, { i: { replyId: private_.replyId, timeliness: 4, substance: 4, attitude: 4 } }, evaluator.token);
    // Issue 12 §3: deactivation ends the token itself, on every instance.
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(LOGIN, { i: { username: 'jinchengtuo1', password: 'a-long-initial-password' } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('residents support a published suggestion once, even when they press twice at once', async () => {
    if (skip()) return;
    const r1 = await given(t).resident();
    const r2 = await given(t).resident();
    const first = await t.gql(SUPPORT, { id: consented.suggestionId }, r1.token);
    expect(first.errors).toBeUndefined();
    expect(first.data.supportSuggestion.support).toEqual({ suggestionId: consented.suggestionId, supportCount: 1, supportedByMe: true });
    const second = await t.gql(SUPPORT, { id: consented.suggestionId }, r1.token);
    expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const burst = await Promise.all(Array.from({ length: 10 }, () => t.gql(SUPPORT, { id: consented.suggestionId }, r2.token)));
    expect(burst.filter((r) => !r.errors).length).toBe(1);
    expect(burst.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT').length).toBe(9);
    expect(await t.dataSource.getRepository(SuggestionSupportEntity).countBy({ suggestionId: consented.suggestionId })).toBe(2);

    expect((await t.gql(SUPPORT, { id: consented.suggestionId }, author.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(SUPPORT, { id: private_.suggestionId }, r1.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(SUPPORT, { id: consented.suggestionId }, coordinator.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(SUPPORT, { id: consented.suggestionId })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await t.dataSource.getRepository(SuggestionSupportEntity).count()).toBe(2);

    const q = graphql(`query AwardsPanelQ($id: Int!) { suggestionSupport(suggestionId: $id) { supportCount supportedByMe } }`);
    expect((await t.gql(q, { id: consented.suggestionId })).data.suggestionSupport).toEqual({ supportCount: 2, supportedByMe: false });
    expect((await t.gql(q, { id: consented.suggestionId }, r2.token)).data.suggestionSupport).toEqual({ supportCount: 2, supportedByMe: true });
    expect((await t.gql(q, { id: private_.suggestionId })).data.suggestionSupport).toBeNull();
  });
});
