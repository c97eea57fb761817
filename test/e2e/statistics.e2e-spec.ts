import ExcelJS from 'exceljs';
import { given } from '../factories/given.js';
import { closedLoop } from '../factories/closed-loop.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { graphql } from '../gql/index.js';
import type { StatisticsGroupBy } from '../gql/graphql.js';

// A hand-built 2020 with known answers (worked out in the comments), including events on
// both sides of the Shanghai year and month boundaries (UTC+8).
const STATS = graphql(`query StatisticsStats($from: String!, $to: String!, $groupBy: StatisticsGroupBy!) {
  statistics(from: $from, to: $to, groupBy: $groupBy) {
    from to groupBy
    total { ...F }
    groups { key label figures { ...F } }
  }
}
fragment F on StatisticsFigures {
  campaignsPublished received accepted rejected returned transferred replied adopted partlyAdopted adoptionRate
  repliesPublished repliesOnTime onTimeReplyRate signsDue signedOnTime onTimeSignRate
  rated satisfied basicallySatisfied unsatisfied satisfaction reopened reopenRate evaluatorOpinionsHandled
}`);

const ZERO = {
  received: 0, accepted: 0, rejected: 0, returned: 0, transferred: 0, replied: 0, adopted: 0, partlyAdopted: 0, adoptionRate: null,
  repliesPublished: 0, repliesOnTime: 0, onTimeReplyRate: null, signsDue: 0, signedOnTime: 0, onTimeSignRate: null,
  rated: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0, satisfaction: null, reopened: 0, reopenRate: null, evaluatorOpinionsHandled: 0,
};

describe(describeDb('statistics, year summary and exports'), () => {
  let t: TestApp;
  let units: { a: { id: number; name: string }; b: { id: number; name: string } };
  let campaigns: Record<string, number> = {};
  let office: { token: string };

  beforeAll(async () => {
    t = (await startTestApp('statistics'))!;
    if (!t) return;
    t.clock.set('2021-03-01T00:00:00Z'); // every 2020 sign deadline has passed
    const g = given(t);
    const c = closedLoop(t);
    units = { a: await g.unit({ name: '市交通运输局' }), b: await g.unit({ name: '市城管局' }) };
    const A = units.a.id;
    const B = units.b.id;
    office = await g.staff(['AUDITOR']);
    const campaign = async (year: number, number: number, opensAt: string, status: 'OPEN' | 'DRAFT' = 'OPEN') =>
      (await g.campaign({ year, number, title: `主题${year}-${number}`, opensAt: new Date(opensAt), status })).id;
    campaigns = {
      c1: await campaign(2020, 1, '2019-12-31T16:30:00Z'), // Shanghai 2020-01-01 00:30: January 2020
      c2: await campaign(2020, 2, '2020-03-31T17:00:00Z'), // Shanghai 04-01: April
      c3: await campaign(2020, 3, '2020-06-01T02:00:00Z'),
      draft: await campaign(2020, 4, '2020-07-01T02:00:00Z', 'DRAFT'), // never counted
      c2021: await campaign(2021, 1, '2020-12-31T17:00:00Z'), // Shanghai 2021-01-01: not 2020
    };
    const { c1, c2, c3, c2021 } = campaigns as Record<string, number>;
    const s = (o: Parameters<typeof c.suggestion>[0]) => c.suggestion(o);

    // s1: A signs and replies on time, adopted, rated satisfied. A co-organiser row for B is not counted.
    const s1 = await s({ campaignId: c1!, category: '交通出行', submittedAt: '2020-01-10T02:00:00Z', leadUnitId: A, adoption: 'ADOPTED' });
    await c.assignment({ suggestionId: s1.id, unitId: A, assignedAt: '2020-01-11T02:00:00Z', signDueAt: '2020-01-12T10:00:00Z', signedAt: '2020-01-11T03:00:00Z' });
    await c.assignment({ suggestionId: s1.id, unitId: B, role: 'CO', assignedAt: '2020-01-11T02:00:00Z', signDueAt: '2020-01-12T10:00:00Z' });
    const r1 = await c.reply({ suggestionId: s1.id, unitId: A, adoption: 'ADOPTED', onTime: true, publishedAt: '2020-01-20T02:00:00Z' });
    await c.rating({ suggestionId: s1.id, replyId: r1.id, unitId: A, level: 'SATISFIED', createdAt: '2020-01-22T02:00:00Z' });

    // s2: B signs late; replies late (not adopted), rated unsatisfied, reopened (重办), replies again on time, partly adopted.
    const s2 = await s({ campaignId: c1!, category: '城市建设', submittedAt: '2020-01-15T02:00:00Z', leadUnitId: B, adoption: 'PARTIALLY_ADOPTED' });
    await c.assignment({ suggestionId: s2.id, unitId: B, assignedAt: '2020-01-16T02:00:00Z', signDueAt: '2020-01-17T10:00:00Z', signedAt: '2020-01-18T02:00:00Z' });
    const r2a = await c.reply({ suggestionId: s2.id, unitId: B, adoption: 'NOT_ADOPTED', onTime: false, publishedAt: '2020-02-10T02:00:00Z' });
    await c.rating({ suggestionId: s2.id, replyId: r2a.id, unitId: B, level: 'UNSATISFIED', createdAt: '2020-02-12T02:00:00Z' });
    await c.event({ suggestionId: s2.id, action: 'rateUnsatisfied', fromStatus: 'REPLIED', toStatus: 'IN_PROGRESS', at: '2020-02-12T02:00:00Z' });
    const r2b = await c.reply({ suggestionId: s2.id, unitId: B, adoption: 'PARTIALLY_ADOPTED', onTime: true, publishedAt: '2020-02-20T02:00:00Z' });
    await c.rating({ suggestionId: s2.id, replyId: r2b.id, unitId: B, level: 'BASICALLY_SATISFIED', createdAt: '2020-02-25T02:00:00Z' });

    // s3: rejected in screening.
    const s3 = await s({ campaignId: c2!, category: '交通出行', submittedAt: '2020-04-05T02:00:00Z', status: 'REJECTED' });
    await c.event({ suggestionId: s3.id, action: 'reject', fromStatus: 'SUBMITTED', toStatus: 'REJECTED', at: '2020-04-06T02:00:00Z' });

    // s4: A never signs but is transferred before the sign deadline (not due); B signs on time;
    // B's reply is published on Shanghai 2021-01-01, so it counts for 2021.
    const s4 = await s({ campaignId: c2!, category: '交通出行', submittedAt: '2020-04-10T02:00:00Z', leadUnitId: B, adoption: 'FOR_REFERENCE' });
    await c.assignment({ suggestionId: s4.id, unitId: A, assignedAt: '2020-04-11T02:00:00Z', signDueAt: '2020-04-12T10:00:00Z', endedAt: '2020-04-11T10:00:00Z', endReason: 'TRANSFERRED' });
    await c.assignment({ suggestionId: s4.id, unitId: B, assignedAt: '2020-04-11T10:00:00Z', signDueAt: '2020-04-13T10:00:00Z', signedAt: '2020-04-12T02:00:00Z' });
    await c.reply({ suggestionId: s4.id, unitId: B, adoption: 'FOR_REFERENCE', onTime: true, publishedAt: '2020-12-31T17:00:00Z' });

    // s5: A misses the sign deadline and returns it; B signs exactly at the deadline (on time);
    // a reply sent back in review is not counted; the published one is ALREADY_DONE.
    const s5 = await s({ campaignId: c3!, category: '城市建设', submittedAt: '2020-06-05T02:00:00Z', leadUnitId: B, adoption: 'ALREADY_DONE' });
    await c.assignment({ suggestionId: s5.id, unitId: A, assignedAt: '2020-06-06T02:00:00Z', signDueAt: '2020-06-07T10:00:00Z', endedAt: '2020-06-08T02:00:00Z', endReason: 'RETURNED' });
    await c.assignment({ suggestionId: s5.id, unitId: B, assignedAt: '2020-06-09T02:00:00Z', signDueAt: '2020-06-10T10:00:00Z', signedAt: '2020-06-10T10:00:00Z' });
    await c.reply({ suggestionId: s5.id, unitId: B, adoption: 'ADOPTED', onTime: true, publishedAt: null, status: 'SENT_BACK' });
    await c.reply({ suggestionId: s5.id, unitId: B, adoption: 'ALREADY_DONE', onTime: true, publishedAt: '2020-06-20T02:00:00Z' });

    // s6: submitted at Shanghai 2020-01-01 00:30 (UTC still 2019): received in January 2020.
    await s({ campaignId: c1!, category: '交通出行', submittedAt: '2019-12-31T16:30:00Z' });
    // s7: submitted at Shanghai 2021-01-01 01:00: not 2020.
    await s({ campaignId: c2021!, category: '交通出行', submittedAt: '2020-12-31T17:00:00Z' });

    // s8: A replies late, published at Shanghai 2020-04-01 01:00 (UTC still March): April.
    // Evaluator opinions: one answered in April 2020, one still open, one answered in 2021.
    const s8 = await s({ campaignId: c1!, category: '交通出行', submittedAt: '2020-01-20T02:00:00Z', leadUnitId: A, adoption: 'ADOPTED' });
    await c.assignment({ suggestionId: s8.id, unitId: A, assignedAt: '2020-01-21T02:00:00Z', signDueAt: '2020-01-22T10:00:00Z', signedAt: '2020-01-21T05:00:00Z' });
    const r8 = await c.reply({ suggestionId: s8.id, unitId: A, adoption: 'ADOPTED', onTime: false, publishedAt: '2020-03-31T17:00:00Z' });
    await c.evaluatorOpinion({ suggestionId: s8.id, replyId: r8.id, unitId: A, createdAt: '2020-04-02T02:00:00Z', answeredAt: '2020-04-05T02:00:00Z' });
    await c.evaluatorOpinion({ suggestionId: s8.id, replyId: r8.id, unitId: A, createdAt: '2020-04-03T02:00:00Z' });
    await c.evaluatorOpinion({ suggestionId: s8.id, replyId: r8.id, unitId: A, createdAt: '2020-12-20T02:00:00Z', answeredAt: '2021-01-05T02:00:00Z' });
  });
  afterAll(async () => t?.close());

  const report = async (groupBy: StatisticsGroupBy, from = '2020-01-01', to = '2020-12-31') => {
    const res = await t.gql(STATS, { from, to, groupBy }, office.token);
    expect(res.errors).toBeUndefined();
    return res.data.statistics;
  };

  it('totals for 2020', async () => {
    if (!t) return;
    const { total } = await report('MONTH');
    expect(total).toEqual({
      campaignsPublished: 3, // c1 (Shanghai 01-01), c2, c3; not the draft, not c2021
      received: 7, // s1 s2 s3 s4 s5 s6 s8
      accepted: 5, // s1 s2 s4 s5 s8, each once despite transfers and returns
      rejected: 1,
      returned: 1,
      transferred: 1,
      replied: 4, // s1 s2 s5 s8 (s4's reply is 2021)
      adopted: 3, // s1 s2(partly) s8
      partlyAdopted: 1,
      adoptionRate: 75,
      repliesPublished: 5, // s2 twice
      repliesOnTime: 3,
      onTimeReplyRate: 60,
      signsDue: 6, // not A's transferred-before-due row, not the co-organiser
      signedOnTime: 4,
      onTimeSignRate: 66.7,
      rated: 3,
      satisfied: 1,
      basicallySatisfied: 1,
      unsatisfied: 1,
      satisfaction: 60, // (100 + 80 + 0) / 3
      reopened: 1,
      reopenRate: 20,
      evaluatorOpinionsHandled: 1,
    });
  });

  it('by Shanghai month, every month listed', async () => {
    if (!t) return;
    const r = await report('MONTH');
    expect(r.groups.map((g: { key: string }) => g.key)).toEqual(Array.from({ length: 12 }, (_, i) => `2020-${String(i + 1).padStart(2, '0')}`));
    const byKey = Object.fromEntries(r.groups.map((g: { key: string; label: string; figures: unknown }) => [g.key, g]));
    expect(byKey['2020-01'].label).toBe('2020年1月');
    expect(byKey['2020-01'].figures).toEqual({
      ...ZERO, campaignsPublished: 1, received: 4, accepted: 3, replied: 1, adopted: 1, adoptionRate: 100, repliesPublished: 1, repliesOnTime: 1,
      onTimeReplyRate: 100, signsDue: 3, signedOnTime: 2, onTimeSignRate: 66.7, rated: 1, satisfied: 1, satisfaction: 100, reopenRate: 0,
    });
    expect(byKey['2020-02'].figures).toEqual({
      ...ZERO, campaignsPublished: 0, replied: 1, adopted: 1, partlyAdopted: 1, adoptionRate: 100, repliesPublished: 2, repliesOnTime: 1,
      onTimeReplyRate: 50, rated: 2, basicallySatisfied: 1, unsatisfied: 1, satisfaction: 40, reopened: 1, reopenRate: 50,
    });
    expect(byKey['2020-03'].figures).toEqual({ ...ZERO, campaignsPublished: 0 });
    expect(byKey['2020-04'].figures).toEqual({
      ...ZERO, campaignsPublished: 1, received: 2, rejected: 1, accepted: 1, transferred: 1, signsDue: 1, signedOnTime: 1, onTimeSignRate: 100,
      replied: 1, adopted: 1, adoptionRate: 100, repliesPublished: 1, repliesOnTime: 0, onTimeReplyRate: 0, reopenRate: 0, evaluatorOpinionsHandled: 1,
    });
    expect(byKey['2020-06'].figures).toEqual({
      ...ZERO, campaignsPublished: 1, received: 1, accepted: 1, returned: 1, signsDue: 2, signedOnTime: 1, onTimeSignRate: 50,
      replied: 1, adoptionRate: 0, repliesPublished: 1, repliesOnTime: 1, onTimeReplyRate: 100, reopenRate: 0,
    });
  });

  it('by unit', async () => {
    if (!t) return;
    const r = await report('UNIT');
    const NA = { campaignsPublished: null, received: null, rejected: null };
    expect(r.groups).toEqual([
      {
        key: String(units.b.id),
        label: '市城管局',
        figures: {
          ...ZERO, ...NA, accepted: 3, signsDue: 3, signedOnTime: 2, onTimeSignRate: 66.7, replied: 2, adopted: 1, partlyAdopted: 1, adoptionRate: 50,
          repliesPublished: 3, repliesOnTime: 2, onTimeReplyRate: 66.7, rated: 2, basicallySatisfied: 1, unsatisfied: 1, satisfaction: 40,
          reopened: 1, reopenRate: 33.3,
        },
      },
      {
        key: String(units.a.id),
        label: '市交通运输局',
        figures: {
          // s1 s4 s5 s8: A held each for a while, even the transferred and the returned one
          ...ZERO, ...NA, accepted: 4, returned: 1, transferred: 1, signsDue: 3, signedOnTime: 2, onTimeSignRate: 66.7, replied: 2, adopted: 2,
          adoptionRate: 100, repliesPublished: 2, repliesOnTime: 1, onTimeReplyRate: 50, rated: 1, satisfied: 1, satisfaction: 100,
          reopenRate: 0, evaluatorOpinionsHandled: 1,
        },
      },
    ]);
  });

  it('by category and by campaign', async () => {
    if (!t) return;
    const byCategory = Object.fromEntries((await report('CATEGORY')).groups.map((g: { key: string; figures: unknown }) => [g.key, g.figures]));
    expect(byCategory['交通出行']).toEqual({
      ...ZERO, campaignsPublished: null, received: 5, rejected: 1, accepted: 3, transferred: 1, signsDue: 3, signedOnTime: 3, onTimeSignRate: 100,
      replied: 2, adopted: 2, adoptionRate: 100, repliesPublished: 2, repliesOnTime: 1, onTimeReplyRate: 50, rated: 1, satisfied: 1,
      satisfaction: 100, reopenRate: 0, evaluatorOpinionsHandled: 1,
    });
    expect(byCategory['城市建设']).toEqual({
      ...ZERO, campaignsPublished: null, received: 2, accepted: 2, returned: 1, signsDue: 3, signedOnTime: 1, onTimeSignRate: 33.3,
      replied: 2, adopted: 1, partlyAdopted: 1, adoptionRate: 50, repliesPublished: 3, repliesOnTime: 2, onTimeReplyRate: 66.7, rated: 2,
      basicallySatisfied: 1, unsatisfied: 1, satisfaction: 40, reopened: 1, reopenRate: 33.3,
    });

    const byCampaign = (await report('CAMPAIGN')).groups;
    expect(byCampaign.map((g: { label: string }) => g.label)).toEqual(['2020年第1期 主题2020-1', '2020年第2期 主题2020-2', '2020年第3期 主题2020-3']);
    expect(byCampaign[0].figures).toEqual(expect.objectContaining({ campaignsPublished: 1, received: 4, accepted: 3, replied: 3, adopted: 3, repliesPublished: 4, rated: 3, satisfaction: 60 }));
    expect(byCampaign[1].figures).toEqual(expect.objectContaining({ campaignsPublished: 1, received: 2, rejected: 1, accepted: 1, transferred: 1, replied: 0 }));
  });

  it('generates the report’s headline sentence for any year', async () => {
    if (!t) return;
    const q = graphql(`query StatisticsQ($y: Int!) { yearSummary(year: $y) { year campaignsPublished handledAndReplied adopted sentence reportSentence } }`);
    const y2020 = await t.gql(q, { y: 2020 }); // public
    expect(y2020.errors).toBeUndefined();
    expect(y2020.data.yearSummary).toEqual({
      year: 2020,
      campaignsPublished: 3,
      handledAndReplied: 4,
      adopted: 3,
      sentence: '2020年，“你建言，我来办”活动共发布3期，已办理、回复相关诉求4件、采纳建议3条。',
      reportSentence: '2020年，“你建言，我来办”活动共发布3期，已办理、回复相关诉求4件、采纳建议3条。',
    });
    const y2021 = await t.gql(q, { y: 2021 });
    expect(y2021.data.yearSummary).toEqual(expect.objectContaining({ campaignsPublished: 1, handledAndReplied: 1, adopted: 0 }));
  });

  it('is for the office only, and checks its input', async () => {
    if (!t) return;
    const vars = { from: '2020-01-01', to: '2020-12-31', groupBy: 'MONTH' as const };
    expect((await t.gql(STATS, vars)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const resident = await given(t).resident();
    expect((await t.gql(STATS, vars, resident.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const handler = await given(t).staff(['UNIT_HANDLER'], units.a.id);
    expect((await t.gql(STATS, vars, handler.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const coordinator = await given(t).staff(['COORDINATOR']);
    expect((await t.gql(STATS, vars, coordinator.token)).errors).toBeUndefined();
    const bad = await t.gql(STATS, { ...vars, from: '2020-02-30' }, coordinator.token);
    expect(bad.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'from' }));
    const backwards = await t.gql(STATS, { ...vars, from: '2021-01-01' }, coordinator.token);
    expect(backwards.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'to' }));
  });

  describe('export over HTTP', () => {
    const url = (q: string) => `${t.baseUrl}/exports/statistics?${q}`;
    const get = (q: string, token?: string) => fetch(url(q), { headers: token ? { authorization: `Bearer ${token}` } : {} });

    it('refuses callers without the right role', async () => {
      if (!t) return;
      expect((await get('from=2020-01-01&to=2020-12-31')).status).toBe(401);
      expect((await get('from=2020-01-01&to=2020-12-31', 'not-a-token')).status).toBe(401);
      const resident = await given(t).resident();
      expect((await get('from=2020-01-01&to=2020-12-31', resident.token)).status).toBe(403);
    });

    it('answers bad input with 400 naming the field', async () => {
      if (!t) return;
      const res = await get('from=2020-13-01&to=2020-12-31&format=csv', office.token);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'from' }) });
      expect((await get('from=2020-01-01&to=2020-12-31&format=pdf', office.token)).status).toBe(400);
    });

    it('exports CSV with a BOM, a row per group and the total', async () => {
      if (!t) return;
      const res = await get('from=2020-01-01&to=2020-12-31&groupBy=UNIT&format=csv', office.token);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="statistics_2020-01-01_2020-12-31_unit.csv"');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).trim().split(/\r?\n/);
      expect(lines[0]).toMatch(/^分组代码,责任单位,发布期数,收到建议,受理交办,/);
      expect(lines).toHaveLength(4);
      expect(lines[1]).toMatch(new RegExp(`^${units.b.id},市城管局,,,3,`));
      expect(lines[3]).toMatch(/^,合计（2020-01-01 至 2020-12-31）,3,7,5,1,1,1,4,3,1,75,5,3,60,6,4,66.7,3,1,1,1,60,1,20,1$/);
    });

    it('exports XLSX that reads back with the same figures', async () => {
      if (!t) return;
      const res = await get('from=2020-01-01&to=2020-12-31&groupBy=MONTH&format=xlsx', office.token);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const sheet = wb.getWorksheet('统计')!;
      expect(sheet.rowCount).toBe(14); // header, 12 months, total
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const cell = (row: number, name: string) => sheet.getRow(row).getCell(header.indexOf(name) + 1).value;
      expect(cell(2, '月份')).toBe('2020年1月');
      expect(cell(2, '收到建议')).toBe(4);
      expect(cell(14, '按时签收率(%)')).toBe(66.7);
      expect(cell(14, '已办理回复')).toBe(4);
      expect(cell(4, '满意度')).toBeNull(); // March: nobody rated
    });
  });
});
