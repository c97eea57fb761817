import { ACCESS_TABLE } from './access-table.js';
import { runAuthzMatrix, type AuthzReport } from './lib/authz.js';
import { startSecurityApp, type SecurityApp } from './lib/security-app.js';

// Issue 8 §1: every query and mutation × every caller, against the declared table.
describe('authorization matrix (generated from the live schema)', () => {
  let t: SecurityApp;
  let report: AuthzReport;
  beforeAll(async () => {
    t = (await startSecurityApp('authz'))!;
    const lines: string[] = [];
    report = await runAuthzMatrix(t, ACCESS_TABLE, { log: (l) => lines.push(l) });
    if (process.env.AUTHZ_VERBOSE) console.log(lines.join('\n'));
  }, 300_000);
  afterAll(async () => t?.close());

  it('has a rule for every operation and an operation for every rule', () => {
    console.log(`authz: cells=${report.figures.cells} wrong_allows=${report.figures.wrong_allows} operations_without_rule=${report.figures.operations_without_rule}`);
    expect(report.operationsWithoutRule).toEqual([]);
    expect(report.rulesWithoutOperation).toEqual([]);
  });

  it('sends a well-formed operation in every cell', () => {
    expect(report.invalid).toEqual([]);
  });

  it('allows no caller the table denies', () => {
    expect(report.wrongAllows).toEqual([]);
  });

  it('refuses no caller the table allows', () => {
    if (report.allowedWithErrors.length) {
      console.log('allowed cells that ended in another error:\n' + report.allowedWithErrors.map((c) => `  ${c.op} ${c.actor}: ${c.detail}`).join('\n'));
    }
    expect(report.wrongDenies).toEqual([]);
  });

  it('shows an outsider nothing of a private item through any query or nested relation', () => {
    expect(report.nested.checks).toBeGreaterThan(0);
    expect(report.nested.leaks).toEqual([]);
  });

  it('leaks no phone number or one-time code in any response or log line', () => {
    t.scanLogs();
    expect(t.pii.findings).toEqual([]);
    expect(t.pii.hits).toBe(0);
  });
});
