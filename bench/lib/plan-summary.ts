// Pure reading of MariaDB's `EXPLAIN FORMAT=JSON` / `ANALYZE FORMAT=JSON` output: which index
// each table is read by, how many rows the statement examined, and whether it sorts in a
// filesort or builds a temporary table. Kept apart from the database so it is unit-tested on
// real plan documents (bench/test/harness.int-spec.ts).

export interface PlanTable {
  table: string;
  /** `access_type`: const, eq_ref, ref, range, index, ALL … */
  access: string;
  /** The index the table is read by (`key`), null for none (a full scan). */
  index: string | null;
  /** The optimizer's estimate of rows per loop (LIMIT not applied). */
  rows: number;
  /** ANALYZE's count of rows read per loop (null under plain EXPLAIN). */
  rowsRead: number | null;
  /** ANALYZE's number of loops over the table (null under plain EXPLAIN). */
  loops: number | null;
}

export interface PlanSummary {
  /** The indexes used, in plan order, `,`-joined (`PRIMARY`, `idx_feed,PRIMARY`); null when no table uses one. */
  key: string | null;
  /** Rows examined: ANALYZE's rows read × loops summed over the tables (a const table: its one row); under EXPLAIN, the estimates summed. */
  rows: number;
  /** The optimizer's estimate, summed over the tables (before LIMIT). */
  rows_estimated: number;
  /** True when `rows` was counted by ANALYZE, false when it is EXPLAIN's estimate. */
  analyzed: boolean;
  filesort: boolean;
  temporary: boolean;
  tables: PlanTable[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const num = (v: Json | undefined): number | null => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : null);

/** Summary of one plan document (the JSON text MariaDB returns, or it parsed). */
export function summarizePlanJson(plan: string | object): PlanSummary {
  const root = (typeof plan === 'string' ? JSON.parse(plan) : plan) as Json;
  const tables: PlanTable[] = [];
  let filesort = false;
  let temporary = false;
  const walk = (node: Json): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      // `filesort` (ANALYZE, and EXPLAIN for ORDER BY … LIMIT), `read_sorted_file` (EXPLAIN).
      if (k === 'filesort' || k === 'read_sorted_file' || (k === 'using_filesort' && v === true)) filesort = true;
      if (k === 'temporary_table' || (k === 'using_temporary_table' && v === true)) temporary = true;
      if (k === 'table' && v !== null && typeof v === 'object' && !Array.isArray(v) && typeof v.table_name === 'string') {
        tables.push({
          table: v.table_name,
          access: typeof v.access_type === 'string' ? v.access_type : '',
          index: typeof v.key === 'string' ? v.key : null,
          rows: num(v.rows) ?? 0,
          rowsRead: num(v.r_rows),
          loops: num(v.r_loops),
        });
      }
      walk(v);
    }
  };
  walk(root);
  // ANALYZE's documents carry r_* counters (`r_loops` on the query block); a `const`/`system`
  // table is read while optimizing and has none, its estimate (one row) being exact.
  const analyzed = tables.some((t) => t.rowsRead !== null) || hasKey(root, 'r_loops');
  const keys = [...new Set(tables.map((t) => t.index).filter((k): k is string => k !== null))];
  const estimated = tables.reduce((n, t) => n + t.rows, 0);
  return {
    key: keys.length ? keys.join(',') : null,
    rows: analyzed ? Math.round(tables.reduce((n, t) => n + (t.rowsRead === null ? t.rows : t.rowsRead * (t.loops ?? 1)), 0)) : estimated,
    rows_estimated: estimated,
    analyzed,
    filesort,
    temporary,
    tables,
  };
}

function hasKey(node: Json, key: string): boolean {
  if (Array.isArray(node)) return node.some((n) => hasKey(n, key));
  if (node === null || typeof node !== 'object') return false;
  return Object.entries(node).some(([k, v]) => k === key || hasKey(v, key));
}

/**
 * Whether running the statement under ANALYZE is harmless: a plain SELECT (no locking read, no
 * INTO, no function with side effects we know of). Others get EXPLAIN, which does not run them.
 */
export function safeToAnalyze(sql: string): boolean {
  const s = sql.trim();
  if (!/^SELECT\b/i.test(s)) return false;
  return !/\bFOR\s+UPDATE\b|\bLOCK\s+IN\s+SHARE\s+MODE\b|\bINTO\s+(OUTFILE|DUMPFILE|@)|\bGET_LOCK\s*\(|\bSLEEP\s*\(/i.test(s);
}
