import { benchConnection, type BenchEnvironment } from './environment.js';
import { normalizeSql } from './sql-capture.js';
import { safeToAnalyze, summarizePlanJson, type PlanSummary } from './plan-summary.js';
import { ACCOUNT_SQL, FEED_SQL, INBOX_SQL, SUBMIT_SQL } from '../raw/statements.js';

// The plan of each hot statement, from MariaDB's `ANALYZE FORMAT=JSON` of the statement exactly
// as the api sent it (literals included; `EXPLAIN FORMAT=JSON` for locking reads, which ANALYZE
// would run): a baseline that copies the platform's SQL would hide an inefficient statement,
// the plan does not.

export interface StatementPlan extends PlanSummary {
  /** The request it was captured from (submit, feed_20, inbox_20). */
  request: string;
  /** The statement's shape, shortened: `SELECT 27 columns FROM suggestions … WHERE …`. */
  statement: string;
}

/** bench/raw/statements.ts by name (`feed.page`, `submit.countToday` …), as normalized shapes. */
export function statementCatalogue(): Map<string, string> {
  const catalogue = new Map<string, string>();
  for (const [group, statements] of Object.entries({ account: ACCOUNT_SQL, submit: SUBMIT_SQL, inbox: INBOX_SQL, feed: FEED_SQL })) {
    for (const [name, sql] of Object.entries(statements)) catalogue.set(normalizeSql(sql), `${group}.${name}`);
  }
  return catalogue;
}

/**
 * EXPLAIN of every distinct SELECT among `statements` (writes are left out: their plan is the
 * primary key), keyed by its name in bench/raw/statements.ts or, failing that, its short shape.
 * A statement already in `into` (from another request) is not explained again.
 */
export async function explainStatements(env: BenchEnvironment, request: string, statements: readonly string[], into: Record<string, StatementPlan>): Promise<StatementPlan[]> {
  const catalogue = statementCatalogue();
  const added: StatementPlan[] = [];
  const db = await benchConnection(env);
  try {
    for (const sql of statements) {
      const shape = normalizeSql(sql);
      if (!/^SELECT\b/i.test(shape)) continue;
      const name = catalogue.get(shape) ?? `${request}: ${shortShape(shape)}`;
      if (name in into) continue;
      // ANALYZE runs the statement (plain reads only, in autocommit) and adds what it really read.
      const [rows] = (await db.query(`${safeToAnalyze(sql) ? 'ANALYZE' : 'EXPLAIN'} FORMAT=JSON ${sql}`)) as unknown as [Record<string, string>[]];
      const document = Object.values(rows[0] ?? {})[0];
      if (typeof document !== 'string') throw new Error(`no plan document for ${name}`);
      const plan: StatementPlan = { request, statement: shortShape(shape), ...summarizePlanJson(document) };
      into[name] = plan;
      added.push(plan);
    }
  } finally {
    await db.end();
  }
  return added;
}

/** `SELECT <n columns> FROM … WHERE …`: the select list folded, the rest kept (short enough for a table cell). */
export function shortShape(shape: string): string {
  const m = /^SELECT (.*?) FROM (.*)$/i.exec(shape);
  if (!m) return shape.slice(0, 200);
  const columns = m[1]!.split(/,\s*(?![^()]*\))/).length;
  const head = /COUNT\(/i.test(m[1]!) ? m[1]! : `${columns} columns`;
  const rest = m[2]!.replace(/`/g, '');
  return `SELECT ${head} FROM ${rest.length > 220 ? `${rest.slice(0, 220)}…` : rest}`;
}
