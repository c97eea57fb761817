import { given } from '../factories/given.js';
import { ledger, M } from '../factories/disclosure.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { graphql } from '../gql/index.js';
import type { RecordAdministrativeCaseInput } from '../gql/graphql.js';

// The office-wide list of administrative reviews and lawsuits (filters, cursor, the request's
// ledger number) and the staff names in a ledger entry's history.

const CASES = graphql(`query DisclosureCasesCases($first: Int!, $after: String, $year: Int, $kind: AdministrativeCaseKind, $result: AdministrativeCaseResult) {
  disclosureAdministrativeCases(first: $first, after: $after, year: $year, kind: $kind, result: $result) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id requestId ledgerNumber kind result filedAt caseNumber } } } }`);
const HISTORY = graphql(`query DisclosureCasesHistory($id: Int) { disclosureRequest(id: $id) { history { action actorId actorName } } }`);

describe(describeDb('disclosure: administrative cases across the ledger, names in the history'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('disclosure_cases'))!;
  }, 60_000);
  afterAll(async () => t?.close());

  it('lists cases by year, kind and result, newest first, paged with the cursor, each with its ledger number', async () => {
    if (!t) return;
    const g = given(t);
    const coordinator = await g.staff(['COORDINATOR']);
    const auditor = await g.staff(['AUDITOR']);
    const handler = await g.staff(['UNIT_HANDLER'], (await g.unit()).id);
    t.clock.set('2024-03-04T02:00:00Z');
    const steps = ledger(t, coordinator.token);
    const r1 = await steps.register();
    const r2 = await steps.register({ subject: '申请公开学校扩建的规划许可' });
    const record = async (input: RecordAdministrativeCaseInput) => {
      const res = await t.gql(M.recordCase, { input }, coordinator.token);
      expect(res.errors).toBeUndefined();
      return res.data.recordAdministrativeCase.administrativeCase.id as number;
    };
    t.clock.set('2024-06-03T02:00:00Z');
    const a = await record({ requestId: r1.id, kind: 'ADMINISTRATIVE_REVIEW', filedAt: '2024-05-06T02:00:00Z', result: 'UPHELD', concludedAt: '2024-06-01T02:00:00Z', caseNumber: '赣复〔2024〕1号' });
    const b = await record({ requestId: r2.id, kind: 'ADMINISTRATIVE_REVIEW', filedAt: '2024-05-20T02:00:00Z', result: 'PENDING' });
    const c = await record({ requestId: r1.id, kind: 'LAWSUIT_AFTER_REVIEW', filedAt: '2024-06-01T02:00:00Z', result: 'PENDING' });
    const d = await record({ kind: 'LAWSUIT_DIRECT', filedAt: '2023-12-29T02:00:00Z', result: 'CORRECTED', concludedAt: '2024-02-01T02:00:00Z' });

    const list = async (vars: Record<string, unknown>, token = coordinator.token) => {
      const res = await t.gql(CASES, { first: 10, ...vars }, token);
      expect(res.errors).toBeUndefined();
      return res.data.disclosureAdministrativeCases;
    };
    const ids = async (vars: Record<string, unknown>) => (await list(vars)).edges.map((e: { node: { id: number } }) => e.node.id);
    expect(await ids({})).toEqual([d, c, b, a]);
    expect(await ids({ year: 2024 })).toEqual([c, b, a]);
    expect(await ids({ year: 2023 })).toEqual([d]);
    expect(await ids({ kind: 'ADMINISTRATIVE_REVIEW' })).toEqual([b, a]);
    expect(await ids({ result: 'PENDING' })).toEqual([c, b]);
    expect(await ids({ kind: 'ADMINISTRATIVE_REVIEW', result: 'PENDING', year: 2024 })).toEqual([b]);
    expect(await ids({ kind: 'LAWSUIT_DIRECT', year: 2024 })).toEqual([]);

    const first = await list({ first: 2, year: 2024 });
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({ id: c, requestId: r1.id, ledgerNumber: r1.ledgerNumber, kind: 'LAWSUIT_AFTER_REVIEW', result: 'PENDING' }),
      expect.objectContaining({ id: b, ledgerNumber: r2.ledgerNumber }),
    ]);
    const second = await list({ first: 2, year: 2024, after: first.pageInfo.endCursor });
    expect(second.edges.map((e: any) => e.node)).toEqual([expect.objectContaining({ id: a, ledgerNumber: r1.ledgerNumber, caseNumber: '赣复〔2024〕1号' })]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect((await list({ kind: 'LAWSUIT_DIRECT' })).edges[0].node).toMatchObject({ id: d, requestId: null, ledgerNumber: null });

    // Ledger readers only; a value outside the enum is bad input.
    expect((await list({}, auditor.token)).totalCount).toBe(4);
    expect((await t.gql(CASES, { first: 10 }, handler.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // A value the schema refuses: sent untyped on purpose.
    expect((await t.gql(CASES.toString(), { first: 10, result: 'WON' }, coordinator.token)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('names the staff member of each history step, null for the system', async () => {
    if (!t) return;
    const g = given(t);
    const coordinator = await g.staff(['COORDINATOR']);
    const other = await g.staff(['COORDINATOR']);
    t.clock.set('2024-09-02T02:00:00Z');
    const r = await ledger(t, coordinator.token).register();
    await ledger(t, other.token).review(r.id);
    const res = await t.gql(HISTORY, { id: r.id }, coordinator.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.disclosureRequest.history.filter((h: { actorId: number | null }) => h.actorId !== null)).toEqual([
      expect.objectContaining({ actorId: coordinator.id, actorName: coordinator.displayName }),
      expect.objectContaining({ actorId: other.id, actorName: other.displayName }),
    ]);
    for (const h of res.data.disclosureRequest.history) if (h.actorId === null) expect(h.actorName).toBeNull();
  });
});
