import { benchConnection, type BenchEnvironment } from './environment.js';
import { normalizeSql } from './sql-capture.js';

// The plan of each hot statement, from MariaDB's EXPLAIN of the statement exactly as the api
// sent it (literals included), with ANALYZE's count of the rows really read: a baseline that copies the platform's SQL would hide an
// inefficient statement, the plan does not.

export interface StatementPlan {
  /** The statement's shape, shortened: `SELECT … FROM suggestions … WHERE …`. */
  statement: string;
  /** One line per table the plan touches: `rows` is the optimizer's estimate (LIMIT not applied), `rowsRead` what ANALYZE counted. */
  tables: { table: string; access: string; index: string | null; rows: number; rowsRead: number | null; extra: string }[];
  /** Rows the statement read, as MariaDB's ANALYZE counted them (estimate × loops where ANALYZE gave none). */
  rowsExamined: number;
  filesort: boolean;
  temporary: boolean;
}

/** EXPLAIN for every distinct SELECT among `statements`; writes are left out (their plan is the primary key). */
export async function explainStatements(env: BenchEnvironment, statements: readonly string[]): Promise<StatementPlan[]> {
  const seen = new Set<string>();
  const plans: StatementPlan[] = [];
  const db = await benchConnection(env);
  try {
    for (const sql of statements) {
      const shape = normalizeSql(sql);
      if (!/^SELECT\b/i.test(shape) || seen.has(shape)) continue;
      seen.add(shape);
      // ANALYZE runs the statement (reads only: SELECTs, in autocommit) and adds what it really read.
      const [rows] = (await db.query(`ANALYZE ${sql}`)) as unknown as [
        { table: string | null; type: string | null; key: string | null; rows: number | string | null; r_rows: number | string | null; Extra: string | null }[],
      ];
      const tables = rows.map((r) => ({
        table: r.table ?? '',
        access: r.type ?? '',
        index: r.key,
        rows: Number(r.rows ?? 0),
        rowsRead: r.r_rows === null || r.r_rows === undefined ? null : Number(r.r_rows),
        extra: r.Extra ?? '',
      }));
      plans.push({
        statement: shortShape(shape),
        tables,
        rowsExamined: Math.round(tables.reduce((n, t) => n + (t.rowsRead ?? t.rows), 0)),
        filesort: tables.some((t) => /filesort/i.test(t.extra)),
        temporary: tables.some((t) => /temporary/i.test(t.extra)),
      });
    }
  } finally {
    await db.end();
  }
  return plans;
}

/** `SELECT <n columns> FROM … WHERE …`: the select list folded, the rest kept (short enough for a table cell). */
function shortShape(shape: string): string {
  const m = /^SELECT (.*?) FROM (.*)$/i.exec(shape);
  if (!m) return shape.slice(0, 200);
  const columns = m[1]!.split(/,\s*(?![^()]*\))/).length;
  const head = /COUNT\(/i.test(m[1]!) ? m[1]! : `${columns} columns`;
  const rest = m[2]!.replace(/`/g, '');
  return `SELECT ${head} FROM ${rest.length > 220 ? `${rest.slice(0, 220)}…` : rest}`;
}
