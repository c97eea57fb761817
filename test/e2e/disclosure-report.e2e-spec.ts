import ExcelJS from 'exceljs';
import { given } from '../factories/given.js';
import { halfWidth, ledger, M, REPORT_QUERY, seedRawRequest, sourceRows } from '../factories/disclosure.js';
import type { RecordAdministrativeCaseInput } from '../gql/graphql.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';

// The statutory annual report from the ledger: the source report's 2020 ledger replayed
// through the API reproduces its section 三 cell for cell; carry-over follows the dates
// across a year end; section 四; a ledger that breaks the rule names its column; exports.

describe(describeDb('disclosure annual report'), () => {
  let t: TestApp;
  let coordinator: { token: string; id: number };
  beforeAll(async () => {
    t = (await startTestApp('disclosure_report'))!;
    if (t) coordinator = await given(t).staff(['COORDINATOR']);
  }, 60_000);
  afterAll(async () => t?.close());
  const skip = () => !t;
  const report = async (year: number, token?: string) => {
    const res = await t.gql(REPORT_QUERY, { year }, token);
    expect(res.errors).toBeUndefined();
    return res.data.disclosureAnnualReport;
  };
  /** Downloads an export, reading the whole body so no connection is left open. */
  const exportFile = async (file: string, token?: string) => {
    const res = await fetch(`${t.baseUrl}/exports/disclosure-report/${file}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, body, text: () => body.toString('utf8'), json: () => JSON.parse(body.toString('utf8')) };
  };

  it('replays the 2020 ledger through the API and reproduces section 三 cell for cell', async () => {
    if (skip()) return;
    const steps = ledger(t, coordinator.token);
    // 44 natural persons and 1 other organisation, one a week from 6 January 2020; each
    // reviewed by the legal office after 5 days and answered the next: 9 disclosed, 35 + 1 not held.
    for (let i = 0; i < 45; i++) {
      const receivedAt = new Date(Date.UTC(2020, 0, 6 + 7 * i, 2));
      t.clock.set(receivedAt);
      const other = i === 44;
      const r = await steps.register({
        applicantType: other ? 'OTHER_ORG' : 'NATURAL_PERSON',
        applicantName: other ? '某村民委员会' : `申请人${i}`,
        contactPhone: `139${String(10_000_000 + i).slice(-8)}`,
        channel: i % 3 === 0 ? 'LETTER' : 'WEBSITE',
      });
      t.clock.set(new Date(receivedAt.getTime() + 5 * 86400_000));
      await steps.review(r.id);
      t.clock.set(new Date(receivedAt.getTime() + 6 * 86400_000));
      await steps.decide(r.id, i < 9 ? 'DISCLOSED' : 'UNAVAILABLE_NOT_HELD');
    }
    t.clock.set('2021-01-15T02:00:00Z');
    const r2020 = await report(2020); // public: no token
    const source = sourceRows();
    expect(r2020.sectionThree.rows).toHaveLength(source.length);
    r2020.sectionThree.rows.forEach((row: { labels: string[]; values: number[]; total: number }, i: number) => {
      expect([halfWidth(row.labels.at(-1)!), ...row.values, row.total]).toEqual([source[i]!.label, ...source[i]!.cells]);
    });
    expect(r2020.sectionThree.columns.map((c: { label: string }) => c.label)).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
    expect(r2020.sectionThree.rule).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(r2020.consistent).toBe(true);
    expect(r2020.consistencyErrors).toEqual([]);
    expect([r2020.repliesSent, r2020.repliesOnTime]).toEqual([45, 45]); // 按时办结率100%
    const zero = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
    expect(r2020.sectionFour).toEqual(expect.objectContaining({ administrativeReview: zero, lawsuitDirect: zero, lawsuitAfterReview: zero }));

    // The same table in the workbook a staff member downloads.
    const res = await exportFile('2020.xlsx', coordinator.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain('disclosure-report-2020.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('三、申请情况')!;
    source.forEach((row, i) => {
      const cells = [4, 5, 6, 7, 8, 9, 10].map((c) => sheet.getRow(6 + i).getCell(c).value);
      expect(cells).toEqual(row.cells);
    });
    const md = (await exportFile('2020.md', coordinator.token)).text();
    expect(md).toContain('| 一、本年新收政府信息公开申请数量 |  |  | 44 | 0 | 0 | 0 | 0 | 1 | 45 |');
    expect(md).toContain('| 1.本机关不掌握相关政府信息 | 35 | 0 | 0 | 0 | 0 | 1 | 36 |');
    const html = await exportFile('2020.html', coordinator.token);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = html.text();
    expect(page).toContain('<th colspan="3">一、本年新收政府信息公开申请数量</th><td>44</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td><td>45</td>');
    expect(page).not.toContain('申请人0'); // no applicant appears in a report
  }, 60_000);

  it('carries open requests over the year end, by their dates', async () => {
    if (skip()) return;
    const steps = ledger(t, coordinator.token);
    t.clock.set('2021-12-20T02:00:00Z');
    const open = await steps.register({ applicantType: 'SOCIAL_WELFARE_ORG', applicantName: '某公益基金会' });
    const closedInYear = await steps.register({ applicantType: 'SOCIAL_WELFARE_ORG', applicantName: '某公益基金会' });
    await steps.review(closedInYear.id);
    await steps.decide(closedInYear.id, 'NOT_PROCESSED_REPEATED');
    t.clock.set('2022-01-05T02:00:00Z');
    const r2021 = await report(2021);
    const row = (r: any, key: string) => r.sectionThree.rows.find((x: any) => x.key === key);
    const col = 3; // 社会公益组织
    expect(row(r2021, 'RECEIVED').values[col]).toBe(2);
    expect(row(r2021, 'NOT_PROCESSED_REPEATED').values[col]).toBe(1);
    expect(row(r2021, 'DECIDED_TOTAL').values[col]).toBe(1);
    expect(row(r2021, 'CARRIED_FORWARD').values[col]).toBe(1);
    expect(r2021.consistent).toBe(true);

    await steps.review(open.id);
    await steps.decide(open.id, 'PARTLY_DISCLOSED');
    t.clock.set('2023-02-01T02:00:00Z');
    const r2022 = await report(2022);
    expect(row(r2022, 'RECEIVED').total).toBe(0);
    expect(row(r2022, 'CARRIED_OVER').values[col]).toBe(1);
    expect(row(r2022, 'PARTLY_DISCLOSED').values[col]).toBe(1);
    expect(row(r2022, 'CARRIED_FORWARD').total).toBe(0);
    expect(r2022.consistent).toBe(true);
    // Deciding in 2022 does not rewrite 2021: it was still open at that year's end.
    expect(row(await report(2021), 'CARRIED_FORWARD').values[col]).toBe(1);
  });

  it('counts reviews and lawsuits in the year filed, pending if still open at its end', async () => {
    if (skip()) return;
    t.clock.set('2023-06-01T02:00:00Z');
    const steps = ledger(t, coordinator.token);
    const r = await steps.register();
    await steps.review(r.id);
    await steps.decide(r.id, 'WITHHELD_PROCESS_INFORMATION');
    const record = async (input: RecordAdministrativeCaseInput) => {
      const res = await t.gql(M.recordCase, { input }, coordinator.token);
      expect(res.errors).toBeUndefined();
      return res.data.recordAdministrativeCase.administrativeCase;
    };
    t.clock.set('2023-09-01T02:00:00Z');
    const review = await record({ requestId: r.id, kind: 'ADMINISTRATIVE_REVIEW', filedAt: '2023-07-01T02:00:00Z', result: 'PENDING' });
    await record({ requestId: r.id, kind: 'LAWSUIT_DIRECT', filedAt: '2023-07-10T02:00:00Z', result: 'CORRECTED', concludedAt: '2023-08-30T02:00:00Z' });
    await record({ kind: 'LAWSUIT_AFTER_REVIEW', filedAt: '2023-08-15T02:00:00Z', result: 'OTHER', concludedAt: '2023-08-31T02:00:00Z' });
    t.clock.set('2024-02-01T02:00:00Z');
    await record({ caseId: review.id, result: 'UPHELD' }); // concluded after the year's end
    const r2023 = await report(2023);
    expect(r2023.sectionFour.administrativeReview).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
    expect(r2023.sectionFour.lawsuitDirect).toEqual({ upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 });
    expect(r2023.sectionFour.lawsuitAfterReview).toEqual({ upheld: 0, corrected: 0, other: 1, pending: 0, total: 1 });
    const r2024 = await report(2024);
    expect(r2024.sectionFour.administrativeReview.total).toBe(0);
    const md = (await exportFile('2023.md', coordinator.token)).text();
    expect(md).toContain('| 0 | 0 | 0 | 1 | 1 | 0 | 1 | 0 | 0 | 1 | 0 | 0 | 1 | 0 | 1 |');
  });

  it('names the column when an imported ledger breaks 一 + 二 = 三(七) + 四, and refuses to export it', async () => {
    if (skip()) return;
    // An old spreadsheet brought in: a reply under a code the national table does not have,
    // and a reply dated before its receipt, across the year end.
    await seedRawRequest(t, { applicantType: 'COMMERCIAL_ENTERPRISE', receivedAt: new Date('2019-03-01T02:00:00Z'), repliedAt: new Date('2019-03-20T02:00:00Z'), outcome: '已答复' });
    await seedRawRequest(t, { applicantType: 'LEGAL_SERVICE_ORG', receivedAt: new Date('2019-01-05T02:00:00Z'), repliedAt: new Date('2018-12-28T02:00:00Z'), outcome: 'DISCLOSED' });
    await seedRawRequest(t, { applicantType: 'NATURAL_PERSON', receivedAt: new Date('2019-06-10T02:00:00Z'), repliedAt: new Date('2019-06-20T02:00:00Z'), outcome: 'DISCLOSED' });
    t.clock.set('2020-01-10T02:00:00Z');
    const r2019 = await report(2019);
    expect(r2019.consistent).toBe(false);
    expect(r2019.consistencyErrors.map((e: any) => e.column)).toEqual(['COMMERCIAL_ENTERPRISE', 'LEGAL_SERVICE_ORG', 'TOTAL']);
    expect(r2019.consistencyErrors[0]).toEqual(
      expect.objectContaining({ columnLabel: '法人或其他组织·商业企业', received: 1, carriedOver: 0, decided: 0, carriedForward: 0 }),
    );
    expect(r2019.consistencyErrors[1]).toEqual(expect.objectContaining({ columnLabel: '法人或其他组织·法律服务机构', received: 1, decided: 0 }));
    expect(r2019.consistencyErrors[0].message).toMatch(/商业企业.*勾稽关系不成立/);

    t.clock.set('2026-01-10T02:00:00Z');
    for (const file of ['2019.xlsx', '2019.md', '2019.html']) {
      const res = await exportFile(file, coordinator.token);
      expect(res.status).toBe(409);
      const body = res.json();
      expect(body.error).toEqual(expect.objectContaining({ code: 'CONFLICT', reason: 'REPORT_INCONSISTENT', columns: ['COMMERCIAL_ENTERPRISE', 'LEGAL_SERVICE_ORG', 'TOTAL'] }));
      expect(body.error.message).toContain('商业企业');
    }
  });

  it('lets staff download exports, answers 401/403/400 otherwise, and refuses future years', async () => {
    if (skip()) return;
    t.clock.set('2026-01-10T02:00:00Z');
    const auditor = await given(t).staff(['AUDITOR']);
    const unit = await given(t).unit();
    const handler = await given(t).staff(['UNIT_HANDLER'], unit.id);
    const resident = await given(t).resident();
    expect((await exportFile('2020.xlsx', auditor.token)).status).toBe(200);
    expect((await exportFile('2020.html', handler.token)).status).toBe(200);
    expect((await exportFile('2020.xlsx')).status).toBe(401);
    expect((await exportFile('2020.xlsx', 'not-a-token')).status).toBe(401);
    expect((await exportFile('2020.xlsx', resident.token)).status).toBe(403);
    const bad = await exportFile('2020.pdf', coordinator.token);
    expect(bad.status).toBe(400);
    expect(bad.json().error).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'file' }));
    expect((await exportFile('2099.md', coordinator.token)).status).toBe(400);
    const future = await t.gql(REPORT_QUERY, { year: 2027 });
    expect(future.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'year' }));
    expect((await t.gql(REPORT_QUERY, { year: 1999 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Public HTTP routes never read the token.
    const metrics = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: 'Bearer not-a-token' } });
    await metrics.arrayBuffer();
    expect(metrics.status).toBe(200);
  });
});
