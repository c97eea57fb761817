import { ConflictError } from '../common/errors.js';
import {
  APPLICANT_TYPES,
  CASE_KINDS,
  CASE_RESULTS,
  OUTCOMES,
  OUTCOME_GROUPS,
  type ApplicantType,
  type CaseKind,
  type CaseResult,
} from './disclosure-codes.js';
import { msg } from '../common/i18n/message.js';

// The statutory annual report's tables (section 三 and 四), built from counts the database
// aggregated, and the rule printed above section 三 — 一 + 二 = 三(七) + 四 in every column.
// Pure: the service runs the SQL, these functions lay the numbers out and check them.

/** Counts of one applicant type for a year, from the ledger's dates. */
export interface ApplicantCounts {
  /** 一、本年新收: received in the year. */
  received: number;
  /** 二、上年结转: received before the year, not replied by its first day. */
  carriedOver: number;
  /** 四、结转下年度: received by the year's end, not replied by then. */
  carriedForward: number;
}

export interface LedgerAggregates {
  /** Keyed by the stored applicant type. */
  byApplicant: Readonly<Record<string, ApplicantCounts>>;
  /** Replies sent in the year, by applicant type and outcome code as stored. */
  outcomes: readonly { applicantType: string; outcome: string; count: number }[];
}

export type ColumnKey = ApplicantType | 'TOTAL';

export interface ReportColumn {
  key: ColumnKey;
  label: string;
  /** 法人或其他组织 for the five organisation columns. */
  group: string | null;
}

export const REPORT_COLUMNS: readonly ReportColumn[] = [
  ...APPLICANT_TYPES.map((t) => ({ key: t.code, label: t.label, group: t.group })),
  { key: 'TOTAL', label: '总计', group: null },
];

export const SECTION_THREE_TITLE = '三、收到和处理政府信息公开申请情况';
export const SECTION_THREE_RULE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const SECTION_FOUR_TITLE = '四、政府信息公开行政复议、行政诉讼情况';
const RESULTS_HEADING = '三、本年度办理结果';

export type RowKey = 'RECEIVED' | 'CARRIED_OVER' | (typeof OUTCOMES)[number]['code'] | 'DECIDED_TOTAL' | 'CARRIED_FORWARD';

export interface ReportRow {
  key: RowKey;
  /** The row's label cells, outermost first: 三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密. */
  path: readonly string[];
  /** One value per applicant type, in column order. */
  values: readonly number[];
  total: number;
}

export interface SectionThree {
  rows: readonly ReportRow[];
}

/** Row paths of section 三 in the national format's order; the layout every renderer follows. */
export const SECTION_THREE_ROWS: readonly { key: RowKey; path: readonly string[] }[] = [
  { key: 'RECEIVED', path: ['一、本年新收政府信息公开申请数量'] },
  { key: 'CARRIED_OVER', path: ['二、上年结转政府信息公开申请数量'] },
  ...OUTCOMES.map((o) => {
    const group = OUTCOME_GROUPS.find((g) => g.key === o.group)!.label;
    return { key: o.code as RowKey, path: o.item ? [RESULTS_HEADING, group, o.item] : [RESULTS_HEADING, group] };
  }),
  { key: 'DECIDED_TOTAL', path: [RESULTS_HEADING, '（七）总计'] },
  { key: 'CARRIED_FORWARD', path: ['四、结转下年度继续办理'] },
];

export function buildSectionThree(aggregates: LedgerAggregates): SectionThree {
  const types = APPLICANT_TYPES.map((t) => t.code);
  const valuesOf = (count: (type: ApplicantType) => number) => types.map(count);
  const outcomeCount = (type: string, outcome: string) =>
    aggregates.outcomes.filter((o) => o.applicantType === type && o.outcome === outcome).reduce((sum, o) => sum + o.count, 0);
  const byKey = new Map<RowKey, number[]>();
  byKey.set('RECEIVED', valuesOf((t) => aggregates.byApplicant[t]?.received ?? 0));
  byKey.set('CARRIED_OVER', valuesOf((t) => aggregates.byApplicant[t]?.carriedOver ?? 0));
  for (const o of OUTCOMES) byKey.set(o.code, valuesOf((t) => outcomeCount(t, o.code)));
  // （七）总计 adds up the rows above it: a reply whose code is not in the table counts nowhere,
  // and the rule then names its column.
  byKey.set('DECIDED_TOTAL', types.map((_, i) => OUTCOMES.reduce((sum, o) => sum + byKey.get(o.code)![i]!, 0)));
  byKey.set('CARRIED_FORWARD', valuesOf((t) => aggregates.byApplicant[t]?.carriedForward ?? 0));
  return {
    rows: SECTION_THREE_ROWS.map(({ key, path }) => {
      const values = byKey.get(key)!;
      return { key, path, values, total: values.reduce((a, b) => a + b, 0) };
    }),
  };
}

/** One column where 一 + 二 ≠ 三(七) + 四. */
export interface ConsistencyError {
  column: ColumnKey;
  columnLabel: string;
  received: number;
  carriedOver: number;
  decided: number;
  carriedForward: number;
  message: string;
}

/** Checks the rule in every column, 总计 included; an empty list means the table holds. */
export function checkConsistency(table: SectionThree): ConsistencyError[] {
  const row = (key: RowKey) => table.rows.find((r) => r.key === key)!;
  const cell = (r: ReportRow, i: number) => (i < r.values.length ? r.values[i]! : r.total);
  const errors: ConsistencyError[] = [];
  REPORT_COLUMNS.forEach((column, i) => {
    const received = cell(row('RECEIVED'), i);
    const carriedOver = cell(row('CARRIED_OVER'), i);
    const decided = cell(row('DECIDED_TOTAL'), i);
    const carriedForward = cell(row('CARRIED_FORWARD'), i);
    if (received + carriedOver === decided + carriedForward) return;
    const name = column.group ? `${column.group}·${column.label}` : column.label;
    errors.push({
      column: column.key,
      columnLabel: name,
      received,
      carriedOver,
      decided,
      carriedForward,
      message: `${name}：一+二=${received}+${carriedOver}=${received + carriedOver}，三(七)+四=${decided}+${carriedForward}=${decided + carriedForward}，勾稽关系不成立`,
    });
  });
  return errors;
}

/** Counts of section 四 by kind and result; cases still open at the year's end count as PENDING. */
export interface CaseCounts {
  upheld: number;
  corrected: number;
  other: number;
  pending: number;
  total: number;
}

export type SectionFour = Readonly<Record<CaseKind, CaseCounts>>;

export function buildSectionFour(counts: readonly { kind: string; result: string; count: number }[]): SectionFour {
  const field: Record<CaseResult, keyof Omit<CaseCounts, 'total'>> = { UPHELD: 'upheld', CORRECTED: 'corrected', OTHER: 'other', PENDING: 'pending' };
  const out = {} as Record<CaseKind, CaseCounts>;
  for (const kind of CASE_KINDS) {
    const c: CaseCounts = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
    for (const result of CASE_RESULTS) {
      c[field[result.code]] = counts.filter((x) => x.kind === kind.code && x.result === result.code).reduce((s, x) => s + x.count, 0);
    }
    c.total = c.upheld + c.corrected + c.other + c.pending;
    out[kind.code] = c;
  }
  return out;
}

export interface AnnualReport {
  year: number;
  sectionThree: SectionThree;
  sectionFour: SectionFour;
  consistencyErrors: readonly ConsistencyError[];
  /** Replies sent in the year, and how many by their due date (按时办结). */
  replies: { sent: number; onTime: number };
}

export function buildAnnualReport(
  year: number,
  ledger: LedgerAggregates,
  cases: readonly { kind: string; result: string; count: number }[],
  replies: { sent: number; onTime: number },
): AnnualReport {
  const sectionThree = buildSectionThree(ledger);
  return { year, sectionThree, sectionFour: buildSectionFour(cases), consistencyErrors: checkConsistency(sectionThree), replies };
}

/** A statutory report is published only when its table holds: exports refuse otherwise. */
export function assertConsistent(report: AnnualReport): void {
  if (report.consistencyErrors.length === 0) return;
  throw new ConflictError(
    msg('disclosure.reportInconsistent', { year: report.year, columns: report.consistencyErrors.map((e) => e.column), columnLabels: report.consistencyErrors.map((e) => e.columnLabel) }),
    { reason: 'REPORT_INCONSISTENT', columns: report.consistencyErrors.map((e) => e.column) },
  );
}
