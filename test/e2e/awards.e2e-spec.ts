import ExcelJS from 'exceljs';
import { given } from '../factories/given.js';
import { awardSeeds, sh } from '../factories/awards.js';
import { describeDb, startTestApp, type AnyDocument, type TestApp } from '../helpers/test-app.js';
import { AwardRoundEntity } from '../../src/awards/award-round.entity.js';
import { AwardRoundEventEntity } from '../../src/awards/award-round-event.entity.js';
import { AwardWinnerEntity } from '../../src/awards/award-winner.entity.js';
import { SuggestionScoreEntity } from '../../src/awards/suggestion-score.entity.js';
import { UnitScoreEntity } from '../../src/awards/unit-score.entity.js';
import { AwardsJobs } from '../../src/awards/awards.jobs.js';
import { AwardsService } from '../../src/awards/awards.service.js';
import { OutboxMessageEntity } from '../../src/jobs/outbox-message.entity.js';
import { NotificationEntity } from '../../src/notifications/notification.entity.js';
import { graphql } from '../gql/index.js';

// One quarter (2026Q2) built by hand, scored by hand below, then run end to end over HTTP:
// weights → compute → explain → recompute → confirm winners → publish → leaderboard → export.
// The same expectations hold on SQLite and MariaDB (run with TEST_DB=mysql).

// The fields every document below reads (a fragment: the generated documents carry it).
const ROUND = graphql(`fragment AwardsRoundFields on AwardRound {
  id quarter status minItemsToRank citizenNominees citizenCandidates
  weights { response onTime satisfaction adoption evaluator }
  unitScores { unitId unitName group standing rank composite responseRate onTimeRate satisfaction adoptionRate evaluatorScore volume
               assignedCount signedOnTimeCount repliesDueCount repliedOnTimeCount ratedCount repliedCount adoptedCount reviewCount }
  citizenShortlist { suggestionId trackingNumber title authorDisplay adoption adoptionScore supportCount supportScore reviewCount evaluatorScore composite rank nominated winner citation }
  winners { suggestionId title authorDisplay citation rank } }`);
const AWARD_ROUND = graphql(`query AwardsAwardRound($q: String!) { awardRound(quarter: $q) { ...AwardsRoundFields } }`);
const COMPUTE = graphql(`mutation AwardsCompute($q: String!) { computeAwardRound(input: { quarter: $q }) { round { ...AwardsRoundFields } } }`);
const PUBLISH = graphql(`mutation AwardsPublish($q: String!) { publishAwardRound(input: { quarter: $q }) { round { status publishedAt } } }`);
const SET_WEIGHTS = graphql(`mutation AwardsSetWeights($i: SetAwardWeightsInput!) { setAwardWeights(input: $i) { round { quarter status weights { response onTime satisfaction adoption evaluator } minItemsToRank citizenNominees } } }`);
const CONFIRM = graphql(`mutation AwardsConfirm($i: ConfirmCitizenAwardsInput!) { confirmCitizenAwards(input: $i) { round { status winners { suggestionId citation } } } }`);
const EXPLAIN = graphql(`query AwardsExplain($q: String!, $u: Int!) { explainUnitScore(quarter: $q, unitId: $u) {
  quarter roundStatus minItemsToRank summary
  score { unitId standing rank composite }
  components { key label numerator denominator value weight effectiveWeight contribution } } }`);
const LEADERBOARD = graphql(`query AwardsLeaderboard($q: String) { leaderboard(quarter: $q) { quarter publishedAt minItemsToRank
  departments { unitName standing rank composite }
  countiesAndDistricts { unitName standing rank composite }
  citizenWinners { suggestionId trackingNumber title authorDisplay citation composite rank } } }`);

const DEFAULT_WEIGHTS = { response: 0.21, onTime: 0.245, satisfaction: 0.245, adoption: 0.2, evaluator: 0.1 };

describe(describeDb('awards: a quarter end to end'), () => {
  let t: TestApp;
  let coordinator: { token: string; id: number };
  const ids = {} as Record<'D1' | 'D2' | 'D3' | 'D4' | 'C1' | 'C2' | 'X1' | 'O1', number>;
  const items = {} as Record<'i1' | 'i2' | 'i3' | 'd2a' | 'd2b' | 'd2c' | 'd2d', number>;

  beforeAll(async () => {
    t = (await startTestApp('awards'))!;
    if (!t) return;
    t.clock.set('2026-07-02T02:00:00Z');
    coordinator = await given(t).staff(['COORDINATOR']);
    const seed = awardSeeds(t.dataSource);
    for (const [key, kind] of [['D1', 'DEPARTMENT'], ['D2', 'DEPARTMENT'], ['D3', 'DEPARTMENT'], ['D4', 'DEPARTMENT'], ['C1', 'COUNTY'], ['C2', 'COUNTY'], ['X1', 'DISTRICT'], ['O1', 'OFFICE']] as const) {
      ids[key] = await seed.unit(kind, `${key}单位`);
    }
    const [zhang, li, wang, zhao, qian] = [await seed.resident('张三丰'), await seed.resident('李四'), await seed.resident('王五'), await seed.resident('赵六'), await seed.resident('钱七')];
    const c = await seed.campaign();
    const good = (unitId: number, day: string, adoption: 'ADOPTED' | 'ALREADY_DONE' | 'FOR_REFERENCE', extra: Record<string, unknown> = {}) =>
      seed.item(c, {
        unitId,
        assignedAt: sh(`2026-04-${day} 10:00`),
        replyDueAt: sh(`2026-04-${day} 10:00`.replace(/04-(\d\d)/, (_, d) => `05-${d}`)),
        reply: { submittedAt: sh(`2026-04-${day} 16:00`), adoption },
        ...extra,
      });

    // D1: the unit worked through by hand.
    items.i1 = (await seed.item(c, { unitId: ids.D1, authorId: zhang, authorName: '张三丰', assignedAt: sh('2026-04-01 10:00'), replyDueAt: sh('2026-04-15 23:59'), reply: { submittedAt: sh('2026-04-14 10:00'), adoption: 'ADOPTED' }, rating: { level: 'SATISFIED', at: sh('2026-04-16 10:00') } })).suggestionId;
    items.i2 = (await seed.item(c, { unitId: ids.D1, authorId: li, authorName: '李四', assignedAt: sh('2026-04-02 10:00'), replyDueAt: sh('2026-04-16 23:59'), reply: { submittedAt: sh('2026-04-15 10:00'), adoption: 'PARTIALLY_ADOPTED' }, rating: { level: 'BASICALLY_SATISFIED', at: sh('2026-04-17 10:00') } })).suggestionId;
    items.i3 = (await seed.item(c, { unitId: ids.D1, assignedAt: sh('2026-04-03 10:00'), signedAt: sh('2026-04-06 10:00'), replyDueAt: sh('2026-04-17 23:59'), reply: { submittedAt: sh('2026-04-20 10:00'), adoption: 'NOT_ADOPTED' }, rating: { level: 'UNSATISFIED', at: sh('2026-04-21 10:00') } })).suggestionId;
    await seed.item(c, { unitId: ids.D1, assignedAt: sh('2026-05-01 10:00'), replyDueAt: sh('2026-05-15 23:59') }); // overdue, unanswered
    // Just before the quarter (Shanghai midnight): counts nowhere in 2026Q2.
    await seed.item(c, { unitId: ids.D1, assignedAt: new Date('2026-03-31T15:59:59.000Z'), signedAt: null, replyDueAt: new Date('2026-03-31T15:00:00.000Z'), reply: { submittedAt: new Date('2026-03-31T15:30:00.000Z'), adoption: 'ADOPTED' }, rating: { level: 'UNSATISFIED', at: new Date('2026-03-31T15:59:00.000Z') } });
    // An adopted reply still awaiting the office's review is not counted yet.
    await seed.item(c, { unitId: ids.D1, assignedAt: new Date('2026-03-20T02:00:00.000Z'), replyDueAt: new Date('2026-03-30T02:00:00.000Z'), reply: { submittedAt: sh('2026-04-02 10:00'), adoption: 'ADOPTED', status: 'PENDING_REVIEW' } });

    // D2: everything on time and adopted, nothing rated.
    items.d2a = (await good(ids.D2, '06', 'ADOPTED', { authorId: wang, authorName: '王五' })).suggestionId;
    items.d2b = (await good(ids.D2, '07', 'ADOPTED', { authorId: zhao, authorName: '赵六' })).suggestionId;
    items.d2c = (await good(ids.D2, '08', 'ADOPTED', { authorId: qian, authorName: '钱七', consentToPublish: false })).suggestionId;
    items.d2d = (await good(ids.D2, '09', 'ADOPTED', { authorId: null })).suggestionId; // author deleted their account
    // D3: one item only.
    await good(ids.D3, '10', 'FOR_REFERENCE', { rating: { level: 'SATISFIED', at: sh('2026-04-20 10:00') } });
    // Counties and districts: equal scores, C2 has more volume.
    for (const [unit, n] of [[ids.C2, 3], [ids.C1, 2], [ids.X1, 2]] as const) {
      for (let k = 0; k < n; k++) await good(unit, String(11 + k), 'ALREADY_DONE', { rating: { level: 'SATISFIED', at: sh('2026-05-20 10:00') } });
    }
    await good(ids.O1, '12', 'ADOPTED'); // an office: never scored

    const replyOfI1 = (await t.dataSource.query(`SELECT id FROM replies WHERE suggestionId = ${items.i1}`)) as { id: number }[];
    await seed.review(Number(replyOfI1[0]!.id), await seed.evaluator(), [5, 4, 3], sh('2026-04-20 10:00'));
    await seed.support(items.d2a, zhang);
    await seed.support(items.d2a, li);
    await seed.support(items.i1, wang);
  }, 60_000); // app start and migrations on a busy machine
  afterAll(async () => t?.close());
  const skip = () => !t;

  it('computes the hand-worked quarter: every component, composite and rank', async () => {
    if (skip()) return;
    const w = await t.gql(SET_WEIGHTS, { i: { quarter: '2026Q2', weights: DEFAULT_WEIGHTS, minItemsToRank: 2, citizenNominees: 3 } }, coordinator.token);
    expect(w.errors).toBeUndefined();
    expect(w.data.setAwardWeights.round).toEqual({ quarter: '2026Q2', status: 'DRAFT', weights: DEFAULT_WEIGHTS, minItemsToRank: 2, citizenNominees: 3 });

    const res = await t.gql(COMPUTE, { q: '2026Q2' }, coordinator.token);
    expect(res.errors).toBeUndefined();
    const round = res.data.computeAwardRound.round;
    expect(round).toMatchObject({ quarter: '2026Q2', status: 'COMPUTED', citizenCandidates: 5 });
    const byId = new Map(round.unitScores.map((u: { unitId: number }) => [u.unitId, u]));
    expect(byId.has(ids.O1)).toBe(false);

    // D1 — response 3/4; on time 2/4 (three replies due plus one overdue); satisfaction
    // (100 + 80 + 0) / 3 = 60; adoption 2/3; evaluator (12/1 − 3) / 12 = 75:
    // 0.21×75 + 0.245×50 + 0.245×60 + 0.2×66.67 + 0.1×75 = 63.534 → 63.53
    expect(byId.get(ids.D1)).toEqual({
      unitId: ids.D1, unitName: 'D1单位', group: 'DEPARTMENT', standing: 'RANKED', rank: 2, composite: 63.53,
      responseRate: 75, onTimeRate: 50, satisfaction: 60, adoptionRate: 66.67, evaluatorScore: 75, volume: 4,
      assignedCount: 4, signedOnTimeCount: 3, repliesDueCount: 4, repliedOnTimeCount: 2, ratedCount: 3, repliedCount: 3, adoptedCount: 2, reviewCount: 1,
    });
    // D2 — nothing rated, no reviews: their weights pass to the rest; all 100.
    expect(byId.get(ids.D2)).toMatchObject({ rank: 1, composite: 100, satisfaction: null, evaluatorScore: null, volume: 4, standing: 'RANKED' });
    // D3 — one item, below the minimum of 2: shown with its score, not ranked. (0.21+0.245+0.245)×100 / 0.9 = 77.78
    expect(byId.get(ids.D3)).toMatchObject({ standing: 'BELOW_MINIMUM', rank: null, composite: 77.78, adoptionRate: 0, volume: 1 });
    // D4 — nothing due: listed apart.
    expect(byId.get(ids.D4)).toMatchObject({ standing: 'NOTHING_DUE', rank: null, composite: null, volume: 0 });
    // Counties and districts tie on composite and satisfaction; volume puts C2 first, C1 and X1 share 2nd.
    const counties = round.unitScores.filter((u: { group: string }) => u.group === 'COUNTY_DISTRICT');
    expect(counties.map((u: { unitId: number; rank: number; composite: number }) => [u.unitId, u.rank, u.composite])).toEqual([
      [ids.C2, 1, 77.78],
      [ids.C1, 2, 77.78],
      [ids.X1, 2, 77.78],
    ]);
    expect(round.unitScores.filter((u: { group: string }) => u.group === 'DEPARTMENT').map((u: { unitId: number }) => u.unitId)).toEqual([ids.D2, ids.D1, ids.D3, ids.D4]);

    // Citizens (adoption 0.5, evaluator 0.2, support 0.3; most support 2):
    // d2a 100 (support 2/2, no reviews) · i1 80 (100, 75, 50) · d2b, d2c 62.5 · i2 37.5 (partly: 60).
    // The deleted author's suggestion (d2d) is not a candidate.
    expect(round.citizenShortlist.map((s: Record<string, unknown>) => [s.suggestionId, s.rank, s.composite, s.nominated])).toEqual([
      [items.d2a, 1, 100, true],
      [items.i1, 2, 80, true],
      [items.d2b, 3, 62.5, true],
      [items.d2c, 3, 62.5, true],
      [items.i2, 5, 37.5, false],
    ]);
    expect(round.citizenShortlist[1]).toMatchObject({ authorDisplay: '张**', adoption: 'ADOPTED', adoptionScore: 100, evaluatorScore: 75, supportCount: 1, supportScore: 50, reviewCount: 1 });
    expect(round.citizenShortlist[3]).toMatchObject({ suggestionId: items.d2c, title: null, authorDisplay: '钱*' });
    expect(res.body).not.toContain('张三丰');
  });

  it('explains a unit score component by component', async () => {
    if (skip()) return;
    const res = await t.gql(EXPLAIN, { q: '2026Q2', u: ids.D1 }, coordinator.token);
    expect(res.errors).toBeUndefined();
    const e = res.data.explainUnitScore;
    expect(e.score).toEqual({ unitId: ids.D1, standing: 'RANKED', rank: 2, composite: 63.53 });
    expect(e.components).toEqual([
      { key: 'response', label: '响应率', numerator: 3, denominator: 4, value: 75, weight: 0.21, effectiveWeight: 0.21, contribution: 15.75 },
      { key: 'onTime', label: '按时办结率', numerator: 2, denominator: 4, value: 50, weight: 0.245, effectiveWeight: 0.245, contribution: 12.25 },
      { key: 'satisfaction', label: '满意率', numerator: 180, denominator: 3, value: 60, weight: 0.245, effectiveWeight: 0.245, contribution: 14.7 },
      { key: 'adoption', label: '采纳率', numerator: 2, denominator: 3, value: 66.67, weight: 0.2, effectiveWeight: 0.2, contribution: 13.33 },
      { key: 'evaluator', label: '评议得分', numerator: 12, denominator: 1, value: 75, weight: 0.1, effectiveWeight: 0.1, contribution: 7.5 },
    ]);
    expect(e.summary).toContain('综合得分 63.53 = 响应率 75.00 × 21%');
    const d2 = (await t.gql(EXPLAIN, { q: '2026Q2', u: ids.D2 }, coordinator.token)).data.explainUnitScore;
    expect(d2.components.find((c: { key: string }) => c.key === 'satisfaction')).toMatchObject({ value: null, denominator: 0, effectiveWeight: 0 });
    expect(d2.components.find((c: { key: string }) => c.key === 'response')!.effectiveWeight).toBeCloseTo(0.21 / 0.655, 4);
    expect(d2.summary).toMatch(/满意率、评议得分无数据/);
    // Before publication the public sees nothing.
    expect((await t.gql(EXPLAIN, { q: '2026Q2', u: ids.D1 })).data.explainUnitScore).toBeNull();
    expect((await t.gql(AWARD_ROUND, { q: '2026Q2' })).data.awardRound).toBeNull();
  });

  it('recomputes idempotently: same scores, rows replaced in one go', async () => {
    if (skip()) return;
    const before = await t.gql(AWARD_ROUND, { q: '2026Q2' }, coordinator.token);
    const roundId = before.data.awardRound.id;
    const rows = async () => ({
      units: await t.dataSource.getRepository(UnitScoreEntity).countBy({ roundId }),
      citizens: await t.dataSource.getRepository(SuggestionScoreEntity).countBy({ roundId }),
    });
    const counted = await rows();
    const again = await t.gql(COMPUTE, { q: '2026Q2' }, coordinator.token);
    expect(again.errors).toBeUndefined();
    expect(again.data.computeAwardRound.round).toEqual(before.data.awardRound);
    expect(await rows()).toEqual(counted);
    expect(counted).toEqual({ units: 7, citizens: 5 });
  });

  it('confirms winners among the nominees only, and queues their notices', async () => {
    if (skip()) return;
    const outsider = await t.gql(CONFIRM, { i: { quarter: '2026Q2', winners: [{ suggestionId: items.d2a, citation: '附议最多' }, { suggestionId: items.i2, citation: '未获提名' }] } }, coordinator.token);
    expect(outsider.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'winners.1.suggestionId' });
    expect(await t.dataSource.getRepository(AwardWinnerEntity).count()).toBe(0);
    const twice = await t.gql(CONFIRM, { i: { quarter: '2026Q2', winners: [{ suggestionId: items.d2a, citation: '第一次' }, { suggestionId: items.d2a, citation: '第二次' }] } }, coordinator.token);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'winners.1.suggestionId' });

    const ok = await t.gql(CONFIRM, { i: { quarter: '2026Q2', winners: [{ suggestionId: items.d2a, citation: '建议切实可行，群众广泛附议' }, { suggestionId: items.i1, citation: '建议被全部采纳' }] } }, coordinator.token);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.confirmCitizenAwards.round.winners).toEqual([
      { suggestionId: items.d2a, citation: '建议切实可行，群众广泛附议' },
      { suggestionId: items.i1, citation: '建议被全部采纳' },
    ]);
    // Confirming again with one changed citation notifies nobody twice.
    await t.gql(CONFIRM, { i: { quarter: '2026Q2', winners: [{ suggestionId: items.d2a, citation: '建议切实可行，群众广泛附议。' }, { suggestionId: items.i1, citation: '建议被全部采纳' }] } }, coordinator.token);
    const notices = await t.dataSource.getRepository(OutboxMessageEntity).findBy({ topic: 'awards.winner-notice' });
    expect(notices.map((n) => n.payload.suggestionId).sort()).toEqual([items.d2a, items.i1].sort());
    expect(JSON.stringify(notices.map((n) => n.payload))).not.toMatch(/王五|张三丰/);

    // The job tells the author, by template and tracking number only.
    const jobs = t.app.get(AwardsJobs);
    await jobs.winnerNotice(notices[0]!.payload as { roundId: number; suggestionId: number });
    await jobs.winnerNotice(notices[0]!.payload as { roundId: number; suggestionId: number }); // at least once: same message
    const inbox = await t.dataSource.getRepository(NotificationEntity).findBy({ template: 'resident.award-winner' });
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.params).toEqual({ trackingNumber: expect.stringMatching(/^JY2026\d{7}$/), quarterLabel: '2026年第2季度' });
  });

  it('publishes, then the round is frozen: every change answers CONFLICT and writes nothing', async () => {
    if (skip()) return;
    const pub = await t.gql(PUBLISH, { q: '2026Q2' }, coordinator.token);
    expect(pub.errors).toBeUndefined();
    expect(pub.data.publishAwardRound.round.status).toBe('PUBLISHED');
    const snapshot = async () => ({
      round: await t.dataSource.getRepository(AwardRoundEntity).findOneBy({ quarter: '2026Q2' }),
      events: await t.dataSource.getRepository(AwardRoundEventEntity).count(),
      units: await t.dataSource.getRepository(UnitScoreEntity).find({ order: { id: 'ASC' } }),
      citizens: await t.dataSource.getRepository(SuggestionScoreEntity).find({ order: { id: 'ASC' } }),
      winners: await t.dataSource.getRepository(AwardWinnerEntity).find({ order: { id: 'ASC' } }),
    });
    const before = await snapshot();
    const attempts = [
      await t.gql(COMPUTE, { q: '2026Q2' }, coordinator.token),
      await t.gql(SET_WEIGHTS, { i: { quarter: '2026Q2', weights: { ...DEFAULT_WEIGHTS, response: 0.11, evaluator: 0.2 } } }, coordinator.token),
      await t.gql(CONFIRM, { i: { quarter: '2026Q2', winners: [] } }, coordinator.token),
      await t.gql(PUBLISH, { q: '2026Q2' }, coordinator.token),
    ];
    for (const a of attempts) {
      expect(a.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(a.errors?.[0]?.message).toBe('2026Q2 评奖结果已发布，不能再修改');
    }
    expect(await snapshot()).toEqual(before);
    // The audit trail: who did what, in order.
    const trail = await t.dataSource.getRepository(AwardRoundEventEntity).find({ where: { roundId: before.round!.id }, order: { id: 'ASC' } });
    expect(trail.map((e) => [e.action, e.actorKind, e.actorId])).toEqual([
      ['set-weights', 'STAFF', coordinator.id],
      ['compute', 'STAFF', coordinator.id],
      ['compute', 'STAFF', coordinator.id],
      ['confirm-winners', 'STAFF', coordinator.id],
      ['confirm-winners', 'STAFF', coordinator.id],
      ['publish', 'STAFF', coordinator.id],
    ]);
  });

  it('shows everyone the leaderboard, residents masked', async () => {
    if (skip()) return;
    const res = await t.gql(LEADERBOARD, {});
    expect(res.errors).toBeUndefined();
    const board = res.data.leaderboard;
    expect(board.quarter).toBe('2026Q2');
    expect(board.departments.map((u: Record<string, unknown>) => [u.unitName, u.standing, u.rank, u.composite])).toEqual([
      ['D2单位', 'RANKED', 1, 100],
      ['D1单位', 'RANKED', 2, 63.53],
      ['D3单位', 'BELOW_MINIMUM', null, 77.78],
      ['D4单位', 'NOTHING_DUE', null, null],
    ]);
    expect(board.countiesAndDistricts.map((u: Record<string, unknown>) => u.rank)).toEqual([1, 2, 2]);
    expect(board.citizenWinners.map((w: Record<string, unknown>) => [w.suggestionId, w.authorDisplay, w.rank, w.composite])).toEqual([
      [items.d2a, '王*', 1, 100],
      [items.i1, '张**', 2, 80],
    ]);
    for (const name of ['张三丰', '李四', '王五', '赵六', '钱七']) expect(res.body).not.toContain(name);
    // Published rounds are public, but the shortlist stays with the office.
    const pub = await t.gql(AWARD_ROUND, { q: '2026Q2' });
    expect(pub.data.awardRound.status).toBe('PUBLISHED');
    expect(pub.data.awardRound.citizenShortlist).toEqual([]);
    expect((await t.gql(EXPLAIN, { q: '2026Q2', u: ids.D1 })).data.explainUnitScore.score.composite).toBe(63.53);
    const list = await t.gql(graphql(`query AwardsAwardRounds { awardRounds(first: 10) { totalCount edges { node { quarter status } } } }`));
    expect(list.data.awardRounds).toEqual({ totalCount: 1, edges: [{ node: { quarter: '2026Q2', status: 'PUBLISHED' } }] });
  });

  it('exports a round as CSV and XLSX to the office only', async () => {
    if (skip()) return;
    const get = (qs: string, token?: string) => fetch(`${t.baseUrl}/exports/awards?${qs}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const csv = await get('quarter=2026Q2&format=csv&part=units', coordinator.token);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = (await csv.text()).replace(/^\uFEFF/, '');
    const lines = text.trim().split('\n');
    expect(lines[0]).toMatch(/^组别,名次,状态,单位代码,单位名称,综合得分,响应率/);
    expect(lines.find((l) => l.includes('D1单位'))).toMatch(/市直部门,2,参与排名,AW\d+,D1单位,63.53,75,50,60,66.67,75/);
    const citizens = await (await get('quarter=2026Q2&format=csv&part=citizens', coordinator.token)).text();
    expect(citizens).toContain('（未公开）');
    expect(citizens).not.toContain('王五');

    const xlsx = await get('quarter=2026Q2&format=xlsx', coordinator.token);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(['最佳服务之星', '最佳民众建言奖', '评选设置']);
    expect(book.getWorksheet('最佳服务之星')!.rowCount).toBe(8);

    expect((await get('quarter=2026Q2&format=csv')).status).toBe(401);
    const resident = await given(t).resident();
    expect((await get('quarter=2026Q2&format=csv', resident.token)).status).toBe(403);
    const missing = await get('quarter=2025Q1&format=csv', coordinator.token);
    expect(missing.status).toBe(404);
    const bad = await get('quarter=2026Q9&format=csv', coordinator.token);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'quarter' } });
  });

  it('refuses bad input with a coded error and writes nothing', async () => {
    if (skip()) return;
    const rounds = () => t.dataSource.getRepository(AwardRoundEntity).count();
    const before = await rounds();
    const cases: [AnyDocument, Record<string, unknown>, string, string][] = [
      [COMPUTE, { q: '2026Q5' }, 'BAD_USER_INPUT', 'quarter'],
      [COMPUTE, { q: 'Q3-2026' }, 'BAD_USER_INPUT', 'quarter'],
      [COMPUTE, { q: '2026Q3' }, 'BAD_USER_INPUT', 'quarter'], // not ended yet
      [SET_WEIGHTS, { i: { quarter: '2026Q1', weights: { ...DEFAULT_WEIGHTS, response: 0.31 } } }, 'BAD_USER_INPUT', 'weights'],
      [SET_WEIGHTS, { i: { quarter: '2026Q1', weights: { ...DEFAULT_WEIGHTS, response: 1.5 } } }, 'BAD_USER_INPUT', 'weights.response'],
      [SET_WEIGHTS, { i: { quarter: '2026Q1', weights: DEFAULT_WEIGHTS, citizenWeights: { adoption: 0.5, evaluator: 0.5, support: 0.5 } } }, 'BAD_USER_INPUT', 'citizenWeights'],
      [SET_WEIGHTS, { i: { quarter: '2026Q1', weights: DEFAULT_WEIGHTS, citizenNominees: 51 } }, 'BAD_USER_INPUT', 'citizenNominees'],
      [PUBLISH, { q: '2025Q4' }, 'NOT_FOUND', ''],
    ];
    for (const [query, vars, code, field] of cases) {
      // Assorted documents in one table: sent untyped.
      const res = await t.gql(query.toString(), vars, coordinator.token);
      expect(res.errors?.[0]?.extensions).toMatchObject(field ? { code, field } : { code });
    }
    expect(await rounds()).toBe(before);
    // Only coordinators run rounds.
    const unitAdmin = await given(t).staff(['UNIT_ADMIN'], ids.D1);
    expect((await t.gql(COMPUTE, { q: '2026Q1' }, unitAdmin.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(COMPUTE, { q: '2026Q1' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('the quarter-end job computes the round once, and leaves a computed round alone', async () => {
    if (skip()) return;
    const hook = t.app.get(AwardsService);
    await hook.onQuarterEnd('2026Q1');
    const round = await t.dataSource.getRepository(AwardRoundEntity).findOneByOrFail({ quarter: '2026Q1' });
    expect(round).toMatchObject({ status: 'COMPUTED', computedById: null });
    // Settings carry over from the latest round (2026Q2's minimum of 2 and 3 nominees).
    expect(round.settings).toMatchObject({ minItemsToRank: 2, citizenNominees: 3 });
    // 2026Q1 holds the one boundary item of D1: signed never, replied late, rated unsatisfied.
    const d1 = await t.dataSource.getRepository(UnitScoreEntity).findOneByOrFail({ roundId: round.id, unitId: ids.D1 });
    expect(d1).toMatchObject({ assignedCount: 2, signedOnTimeCount: 1, repliesDueCount: 1, repliedOnTimeCount: 0, ratedCount: 1, satisfaction: 0 });
    const events = await t.dataSource.getRepository(AwardRoundEventEntity).findBy({ roundId: round.id });
    expect(events.map((e) => [e.action, e.actorKind])).toEqual([['compute', 'SYSTEM']]);
    await hook.onQuarterEnd('2026Q1'); // redelivered
    expect(await t.dataSource.getRepository(AwardRoundEventEntity).countBy({ roundId: round.id })).toBe(1);
    await expect(hook.onQuarterEnd('2026Q3')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
