import { given } from '../factories/given.js';
import { awardSeeds, sh } from '../factories/awards.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { RatingEntity } from '../../src/replies/rating.entity.js';
import { ReplyEntity } from '../../src/replies/reply.entity.js';
import { graphql } from '../gql/index.js';

// Issue 15: the satisfaction basis for reopened (重办) items is a setting of the round. One unit,
// one reopened item (unsatisfied, then satisfied after the second reply) and one item rated
// basically satisfied: every rating gives (0 + 100 + 80) / 3 = 60, the final rating only
// (100 + 80) / 2 = 90. Runs on SQLite and, with TEST_DB=mysql, on MariaDB.

// The fields every document below reads (a fragment: the generated documents carry it).
const ROUND = graphql(`fragment AwardsBasisRoundFields on AwardRound {quarter status satisfactionBasis unitScores { unitId satisfaction ratedCount } }`);
const SET = graphql(`mutation AwardsBasisSet($i: SetAwardWeightsInput!) { setAwardWeights(input: $i) { round { ...AwardsBasisRoundFields } } }`);
const COMPUTE = graphql(`mutation AwardsBasisCompute($q: String!) { computeAwardRound(input: { quarter: $q }) { round { ...AwardsBasisRoundFields } } }`);
const EXPLAIN = graphql(`query AwardsBasisExplain($q: String!, $u: Int!) { explainUnitScore(quarter: $q, unitId: $u) {
  satisfactionBasis summary components { key numerator denominator value definition } } }`);
const WEIGHTS = { response: 0.21, onTime: 0.245, satisfaction: 0.245, adoption: 0.2, evaluator: 0.1 };

describe(describeDb('awards: satisfaction basis of reopened items'), () => {
  let t: TestApp;
  let coordinator: { token: string };
  let unitId: number;

  beforeAll(async () => {
    t = (await startTestApp('awards-basis'))!;
    if (!t) return;
    t.clock.set('2026-07-02T02:00:00Z');
    coordinator = await given(t).staff(['COORDINATOR']);
    const seed = awardSeeds(t.dataSource);
    unitId = await seed.unit('DEPARTMENT', '重办测试局');
    const c = await seed.campaign();
    const author = await seed.resident('周八');
    const reopened = await seed.item(c, {
      unitId,
      authorId: author,
      assignedAt: sh('2026-04-01 10:00'),
      replyDueAt: sh('2026-04-15 23:59'),
      reply: { submittedAt: sh('2026-04-10 10:00'), adoption: 'PARTIALLY_ADOPTED' },
      rating: { level: 'UNSATISFIED', at: sh('2026-04-11 10:00') },
    });
    // The second reply after the reopen, and the author's final rating of it.
    const second = await t.dataSource.getRepository(ReplyEntity).insert({
      suggestionId: reopened.suggestionId, unitId, authorId: 1, body: '重办答复：已整改。', adoption: 'ADOPTED', notAdoptedReason: null, templateId: null,
      status: 'PUBLISHED', submittedAt: sh('2026-04-18 10:00'), dueAt: sh('2026-04-20 23:59'), onTime: true,
      reviewedById: null, reviewedAt: null, reviewNote: null, publishedAt: sh('2026-04-18 10:00'),
    });
    await t.dataSource.getRepository(RatingEntity).insert({
      suggestionId: reopened.suggestionId, replyId: second.identifiers[0]!.id as number, unitId, residentId: author, level: 'SATISFIED', comment: null, createdAt: sh('2026-04-19 10:00'),
    });
    await seed.item(c, {
      unitId,
      assignedAt: sh('2026-05-01 10:00'),
      replyDueAt: sh('2026-05-15 23:59'),
      reply: { submittedAt: sh('2026-05-10 10:00'), adoption: 'ADOPTED' },
      rating: { level: 'BASICALLY_SATISFIED', at: sh('2026-05-11 10:00') },
    });
  }, 60_000);
  afterAll(async () => t?.close());

  const mine = (round: { unitScores: { unitId: number }[] }) => round.unitScores.find((u) => u.unitId === unitId);

  it('counts every rating by default, and says so in the explanation', async () => {
    if (!t) return;
    const res = await t.gql(COMPUTE, { q: '2026Q2' }, coordinator.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.computeAwardRound.round.satisfactionBasis).toBe('EVERY_RATING');
    expect(mine(res.data.computeAwardRound.round)).toEqual({ unitId, satisfaction: 60, ratedCount: 3 });
    const e = await t.gql(EXPLAIN, { q: '2026Q2', u: unitId }, coordinator.token);
    expect(e.data.explainUnitScore.satisfactionBasis).toBe('EVERY_RATING');
    expect(e.data.explainUnitScore.summary).toContain('重办件的每次评价都计入满意率');
  });

  it('counts only the final rating once the round’s basis is FINAL_RATING (recomputed at once)', async () => {
    if (!t) return;
    const res = await t.gql(SET, { i: { quarter: '2026Q2', weights: WEIGHTS, satisfactionBasis: 'FINAL_RATING' } }, coordinator.token);
    expect(res.errors).toBeUndefined();
    const round = res.data.setAwardWeights.round;
    expect(round).toMatchObject({ status: 'COMPUTED', satisfactionBasis: 'FINAL_RATING' });
    expect(mine(round)).toEqual({ unitId, satisfaction: 90, ratedCount: 2 });
    const e = await t.gql(EXPLAIN, { q: '2026Q2', u: unitId }, coordinator.token);
    const sat = e.data.explainUnitScore.components.find((c: { key: string }) => c.key === 'satisfaction');
    expect(sat).toMatchObject({ numerator: 180, denominator: 2, value: 90 });
    expect(sat!.definition).toContain('重办件只计本季度最终一次评价');
    expect(e.data.explainUnitScore.satisfactionBasis).toBe('FINAL_RATING');
  });

  it('keeps the basis when weights are set without it, and snapshots it into the audit', async () => {
    if (!t) return;
    const res = await t.gql(SET, { i: { quarter: '2026Q2', weights: WEIGHTS } }, coordinator.token);
    expect(res.data.setAwardWeights.round.satisfactionBasis).toBe('FINAL_RATING');
    const [event] = (await t.dataSource.query(`SELECT details FROM award_round_events ORDER BY id DESC LIMIT 1`)) as { details: string }[];
    expect(JSON.parse(event!.details).settings.satisfactionBasis).toBe('FINAL_RATING');
  });

  it('refuses an unknown basis as BAD_USER_INPUT, in the caller’s language', async () => {
    if (!t) return;
    // A value the schema refuses: sent untyped on purpose.
    const res = await t.gql(SET.toString(), { i: { quarter: '2026Q2', weights: WEIGHTS, satisfactionBasis: 'LAST_ONE' } }, coordinator.token);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets only the office set it', async () => {
    if (!t) return;
    const handler = await given(t).staff(['UNIT_HANDLER'], unitId);
    const res = await t.gql(SET, { i: { quarter: '2026Q2', weights: WEIGHTS, satisfactionBasis: 'EVERY_RATING' } }, handler.token);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
