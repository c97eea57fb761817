import { render } from '../common/i18n/message.js';
import fc from 'fast-check';
import { ConflictError } from '../common/errors.js';
import { assertConsistent, buildAnnualReport, buildSectionFour, buildSectionThree, checkConsistency, REPORT_COLUMNS, SECTION_THREE_ROWS, type LedgerAggregates } from './annual-report.js';
import { APPLICANT_TYPE_CODES, OUTCOME_CODES } from './disclosure-codes.js';

const zero = { received: 0, carriedOver: 0, carriedForward: 0 };
// The source report's 2020 ledger: 44 natural persons + 1 other organisation; 9 disclosed,
// 35 + 1 not held by the agency; nothing carried either way.
const ledger2020: LedgerAggregates = {
  byApplicant: { NATURAL_PERSON: { ...zero, received: 44 }, OTHER_ORG: { ...zero, received: 1 } },
  outcomes: [
    { applicantType: 'NATURAL_PERSON', outcome: 'DISCLOSED', count: 9 },
    { applicantType: 'NATURAL_PERSON', outcome: 'UNAVAILABLE_NOT_HELD', count: 35 },
    { applicantType: 'OTHER_ORG', outcome: 'UNAVAILABLE_NOT_HELD', count: 1 },
  ],
};
const cells = (table: ReturnType<typeof buildSectionThree>, key: string) => {
  const row = table.rows.find((r) => r.key === key)!;
  return [...row.values, row.total];
};

describe('annual report, section 三', () => {
  it('lays out every row of the national format, in order', () => {
    const table = buildSectionThree(ledger2020);
    expect(table.rows.map((r) => r.path.at(-1))).toEqual(SECTION_THREE_ROWS.map((r) => r.path.at(-1)));
    expect(table.rows).toHaveLength(23);
    expect(table.rows[0]!.path).toEqual(['一、本年新收政府信息公开申请数量']);
    expect(table.rows.find((r) => r.key === 'WITHHELD_SECURITY_STABILITY')!.path).toEqual(['三、本年度办理结果', '（三）不予公开', '3.危及“三安全一稳定”']);
    expect(table.rows.at(-2)!.path).toEqual(['三、本年度办理结果', '（七）总计']);
    expect(table.rows.at(-1)!.path).toEqual(['四、结转下年度继续办理']);
    expect(REPORT_COLUMNS.map((c) => c.label)).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
  });

  it('reproduces the 2020 figures and the rule holds', () => {
    const table = buildSectionThree(ledger2020);
    expect(cells(table, 'RECEIVED')).toEqual([44, 0, 0, 0, 0, 1, 45]);
    expect(cells(table, 'CARRIED_OVER')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(cells(table, 'DISCLOSED')).toEqual([9, 0, 0, 0, 0, 0, 9]);
    expect(cells(table, 'UNAVAILABLE_NOT_HELD')).toEqual([35, 0, 0, 0, 0, 1, 36]);
    expect(cells(table, 'DECIDED_TOTAL')).toEqual([44, 0, 0, 0, 0, 1, 45]);
    expect(cells(table, 'CARRIED_FORWARD')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    const others = table.rows.filter((r) => !['RECEIVED', 'DISCLOSED', 'UNAVAILABLE_NOT_HELD', 'DECIDED_TOTAL'].includes(r.key));
    for (const r of others) expect([...r.values, r.total]).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(checkConsistency(table)).toEqual([]);
  });

  it('names the column that breaks 一 + 二 = 三(七) + 四, and the 总计 with it', () => {
    const broken: LedgerAggregates = {
      byApplicant: { ...ledger2020.byApplicant, COMMERCIAL_ENTERPRISE: { received: 2, carriedOver: 1, carriedForward: 0 } },
      // One reply of the enterprise carries a code that is not in the national table.
      outcomes: [...ledger2020.outcomes, { applicantType: 'COMMERCIAL_ENTERPRISE', outcome: 'DISCLOSED', count: 2 }, { applicantType: 'COMMERCIAL_ENTERPRISE', outcome: 'LEGACY_CODE', count: 1 }],
    };
    const errors = checkConsistency(buildSectionThree(broken));
    expect(errors.map((e) => e.column)).toEqual(['COMMERCIAL_ENTERPRISE', 'TOTAL']);
    expect(errors[0]).toEqual(
      expect.objectContaining({ columnLabel: '法人或其他组织·商业企业', received: 2, carriedOver: 1, decided: 2, carriedForward: 0 }),
    );
    expect(errors[0]!.message).toContain('商业企业');
    expect(errors[0]!.message).toContain('2+1=3');
    expect(errors[1]).toEqual(expect.objectContaining({ columnLabel: '总计', received: 47, carriedOver: 1, decided: 47, carriedForward: 0 }));
  });

  it('refuses to export an inconsistent report, with the columns', () => {
    const ok = buildAnnualReport(2020, ledger2020, [], { sent: 45, onTime: 45 });
    expect(() => assertConsistent(ok)).not.toThrow();
    const bad = buildAnnualReport(2020, { ...ledger2020, byApplicant: { ...ledger2020.byApplicant, RESEARCH_INSTITUTION: { ...zero, carriedForward: 1 } } }, [], { sent: 45, onTime: 45 });
    let thrown: unknown;
    try {
      assertConsistent(bad);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ConflictError);
    expect((thrown as ConflictError).details).toEqual({ reason: 'REPORT_INCONSISTENT', columns: ['RESEARCH_INSTITUTION', 'TOTAL'] });
    expect(render((thrown as ConflictError).text, 'zh-CN')).toContain('科研机构');
  });

  it('holds for any ledger whose replies carry codes of the table (property)', () => {
    // A request is counted by its dates exactly as the SQL does; the rule must then hold.
    const request = fc.record({
      type: fc.constantFrom(...APPLICANT_TYPE_CODES),
      received: fc.integer({ min: 0, max: 29 }),
      repliedAfter: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
      outcome: fc.constantFrom(...OUTCOME_CODES),
    });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 60 }), fc.integer({ min: 5, max: 25 }), (requests, length) => {
        const start = 10;
        const end = start + length;
        const byApplicant: Record<string, { received: number; carriedOver: number; carriedForward: number }> = {};
        const outcomes: { applicantType: string; outcome: string; count: number }[] = [];
        for (const r of requests) {
          const replied = r.repliedAfter === null ? null : r.received + r.repliedAfter;
          const inScope = r.received < end && (r.received >= start || replied === null || replied >= start);
          if (inScope) {
            const c = (byApplicant[r.type] ??= { received: 0, carriedOver: 0, carriedForward: 0 });
            if (r.received >= start) c.received++;
            else c.carriedOver++;
            if (replied === null || replied >= end) c.carriedForward++;
          }
          if (replied !== null && replied >= start && replied < end) outcomes.push({ applicantType: r.type, outcome: r.outcome, count: 1 });
        }
        expect(checkConsistency(buildSectionThree({ byApplicant, outcomes }))).toEqual([]);
      }),
    );
  });
});

describe('annual report, section 四', () => {
  it('counts reviews and lawsuits by result, with totals', () => {
    const four = buildSectionFour([
      { kind: 'ADMINISTRATIVE_REVIEW', result: 'UPHELD', count: 2 },
      { kind: 'ADMINISTRATIVE_REVIEW', result: 'PENDING', count: 1 },
      { kind: 'LAWSUIT_DIRECT', result: 'CORRECTED', count: 1 },
      { kind: 'LAWSUIT_AFTER_REVIEW', result: 'OTHER', count: 3 },
      { kind: 'LAWSUIT_AFTER_REVIEW', result: 'OTHER', count: 1 },
    ]);
    expect(four.ADMINISTRATIVE_REVIEW).toEqual({ upheld: 2, corrected: 0, other: 0, pending: 1, total: 3 });
    expect(four.LAWSUIT_DIRECT).toEqual({ upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 });
    expect(four.LAWSUIT_AFTER_REVIEW).toEqual({ upheld: 0, corrected: 0, other: 4, pending: 0, total: 4 });
  });
});
