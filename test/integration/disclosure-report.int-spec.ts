import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { shanghaiDate } from '../../src/calendar/shanghai-time.js';
import { Clock } from '../../src/common/clock.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { buildAnnualReport, type ApplicantCounts } from '../../src/disclosure/annual-report.js';
import { APPLICANT_TYPE_CODES, CASE_KIND_CODES, CASE_RESULT_CODES, OUTCOME_CODES } from '../../src/disclosure/disclosure-codes.js';
import { DisclosureCaseEntity } from '../../src/disclosure/disclosure-case.entity.js';
import { DisclosureReportService } from '../../src/disclosure/disclosure-report.service.js';
import { DisclosureRequestEntity } from '../../src/disclosure/disclosure-request.entity.js';
import { testDatabase } from '../helpers/test-db.js';

// The report's SQL aggregation against a plain reading of the same ledger in memory, on a
// random ledger spanning four years, with rows on the Shanghai year boundaries: the same
// numbers on SQLite and MariaDB, and the rule holds every year.

type Row = { applicantType: string; receivedAt: Date; repliedAt: Date | null; dueAt: Date; outcome: string | null };
type CaseRow = { kind: string; result: string; filedAt: Date; concludedAt: Date | null };

/** A small deterministic generator, so a failure replays. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const DAY = 86400_000;
const START = Date.parse('2019-01-01T00:00:00Z');

function ledger(seed: number): { rows: Row[]; cases: CaseRow[] } {
  const r = random(seed);
  const rows: Row[] = [];
  for (let i = 0; i < 400; i++) {
    const receivedAt = new Date(START + r.int(4 * 365) * DAY + r.int(DAY));
    const replied = r.next() < 0.85 ? new Date(receivedAt.getTime() + r.int(60) * DAY + r.int(DAY)) : null;
    rows.push({ applicantType: r.pick(APPLICANT_TYPE_CODES), receivedAt, repliedAt: replied, dueAt: new Date(receivedAt.getTime() + 28 * DAY), outcome: replied ? r.pick(OUTCOME_CODES) : null });
  }
  // The year boundary in Shanghai is 16:00 UTC on 31 December.
  rows.push(
    { applicantType: 'NATURAL_PERSON', receivedAt: new Date('2020-12-31T15:59:59.999Z'), repliedAt: new Date('2020-12-31T16:00:00.000Z'), dueAt: new Date('2021-02-01T00:00:00Z'), outcome: 'DISCLOSED' },
    { applicantType: 'OTHER_ORG', receivedAt: new Date('2020-12-31T16:00:00.000Z'), repliedAt: null, dueAt: new Date('2021-02-01T00:00:00Z'), outcome: null },
  );
  const cases: CaseRow[] = [];
  for (let i = 0; i < 40; i++) {
    const filedAt = new Date(START + r.int(4 * 365) * DAY);
    const result = r.pick(CASE_RESULT_CODES);
    cases.push({ kind: r.pick(CASE_KIND_CODES), result, filedAt, concludedAt: result === 'PENDING' ? null : new Date(filedAt.getTime() + r.int(200) * DAY) });
  }
  return { rows, cases };
}

/** The report read straight off the rows, year by Shanghai year. */
function expected(year: number, rows: Row[], cases: CaseRow[]) {
  const y = (d: Date) => Number(shanghaiDate(d).slice(0, 4));
  const byApplicant: Record<string, ApplicantCounts> = {};
  const outcomes: { applicantType: string; outcome: string; count: number }[] = [];
  let onTime = 0;
  for (const row of rows) {
    const openAtStart = row.repliedAt === null || y(row.repliedAt) >= year;
    const openAtEnd = row.repliedAt === null || y(row.repliedAt) > year;
    const c = (byApplicant[row.applicantType] ??= { received: 0, carriedOver: 0, carriedForward: 0 });
    if (y(row.receivedAt) === year) c.received++;
    if (y(row.receivedAt) < year && openAtStart) c.carriedOver++;
    if (y(row.receivedAt) <= year && openAtEnd) c.carriedForward++;
    if (row.repliedAt && y(row.repliedAt) === year) {
      outcomes.push({ applicantType: row.applicantType, outcome: row.outcome!, count: 1 });
      if (row.repliedAt <= row.dueAt) onTime++;
    }
  }
  const caseCounts = cases
    .filter((c) => y(c.filedAt) === year)
    .map((c) => ({ kind: c.kind, result: c.concludedAt === null || y(c.concludedAt) > year ? 'PENDING' : c.result, count: 1 }));
  return buildAnnualReport(year, { byApplicant, outcomes }, caseCounts, { sent: outcomes.length, onTime });
}

describe(`disclosure report aggregation (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  it('matches the ledger read in memory, every year, and the rule holds', async () => {
    const db = await testDatabase('disc_report');
    if (!db) return;
    const ds = new DataSource({ ...dataSourceOptions(db), migrationsTransactionMode: 'each' });
    await ds.initialize();
    try {
      await ds.runMigrations();
      const { rows, cases } = ledger(20200101);
      await ds.getRepository(DisclosureRequestEntity).insert(
        rows.map((row, i) => ({
          ...row,
          ledgerYear: Number(shanghaiDate(row.receivedAt).slice(0, 4)),
          ledgerSequence: i + 1,
          applicantType: row.applicantType as never,
          applicantName: '测试',
          contactPhoneCiphertext: 'v1.x.y.z',
          contactPhoneHash: 'h',
          channel: 'WEBSITE' as const,
          subject: '测试',
          content: '测试',
          status: row.repliedAt ? ('DECIDED' as const) : ('IN_PROGRESS' as const),
          version: 1,
          extensionWorkingDays: 0,
          pausedWorkingDays: 0,
          registeredById: 1,
          createdAt: row.receivedAt,
          updatedAt: row.receivedAt,
        })),
      );
      await ds.getRepository(DisclosureCaseEntity).insert(
        cases.map((c) => ({ ...c, kind: c.kind as never, result: c.result as never, recordedById: 1, version: 1, createdAt: c.filedAt, updatedAt: c.filedAt })),
      );
      const clock = new Clock();
      clock.set('2023-06-01T00:00:00Z');
      const service = new DisclosureReportService(ds, clock);
      for (const year of [2019, 2020, 2021, 2022, 2023]) {
        const report = await service.annualReport(year);
        expect(report).toEqual(expected(year, rows, cases));
        expect(report.consistencyErrors).toEqual([]);
      }
      // The boundary rows: received at 23:59:59.999 on 31 December (2020), replied a millisecond later (2021).
      const r2020 = await service.annualReport(2020);
      const r2021 = await service.annualReport(2021);
      expect(r2020.sectionThree.rows.find((r) => r.key === 'CARRIED_FORWARD')!.values[0]).toBeGreaterThanOrEqual(1);
      expect(r2021.sectionThree.rows.find((r) => r.key === 'CARRIED_OVER')!.values[0]).toBe(
        r2020.sectionThree.rows.find((r) => r.key === 'CARRIED_FORWARD')!.values[0],
      );
    } finally {
      await ds.destroy();
      await db.cleanup();
    }
  }, 60_000);
});
