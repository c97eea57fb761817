import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { Connection } from 'mysql2/promise';

// Bulk loading through `LOAD DATA LOCAL INFILE`, fed from memory (mysql2's infileStreamFactory),
// one connection per table so MariaDB ingests several tables at once.

export type Cell = string | number | boolean | Date | null;

/** A TSV field as LOAD DATA reads it: \N for NULL, booleans as 0/1, instants as UTC DATETIME(3). */
export function cell(v: Cell): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof Date) return sqlDateTime(v.getTime());
  return /[\t\n\\]/.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n') : v;
}

const DAY_MS = 86_400_000;
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const dayPrefix = new Map<number, string>();

/**
 * Epoch milliseconds as a DATETIME(3) literal in UTC (the platform stores UTC; TypeORM
 * timezone 'Z'). Millions of these are written, so the date part is cached per day.
 */
export function sqlDateTime(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) {
    prefix = `${new Date(day * DAY_MS).toISOString().slice(0, 10)} `;
    dayPrefix.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${prefix}${PAD2[h]}:${PAD2[m]}:${PAD2[s]}.${PAD3[rest - s * 1000]}`;
}

export class TableLoader {
  readonly stream = new PassThrough({ highWaterMark: 4 * 1024 * 1024 });
  rows = 0;
  private buffer: string[] = [];
  private readonly done: Promise<unknown>;

  constructor(
    readonly table: string,
    readonly columns: readonly string[],
    connection: Connection,
  ) {
    const cols = columns.map((c) => `\`${c}\``).join(', ');
    this.done = connection.query({
      sql: `LOAD DATA LOCAL INFILE '${table}.tsv' INTO TABLE \`${table}\` CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${cols})`,
      infileStreamFactory: () => this.stream,
    });
    // Surface a refused load at once rather than when the stream ends.
    this.done.catch((err) => this.stream.destroy(err as Error));
  }

  add(values: readonly Cell[]): void {
    let line = cell(values[0]!);
    for (let i = 1; i < values.length; i++) line += '\t' + cell(values[i]!);
    this.buffer.push(line);
    this.rows++;
  }

  /** Hands the buffered rows to MariaDB; waits while it is behind. */
  async flush(): Promise<void> {
    if (!this.buffer.length) return;
    const chunk = this.buffer.join('\n') + '\n';
    this.buffer = [];
    if (!this.stream.write(chunk)) await Promise.race([once(this.stream, 'drain'), this.done]);
  }

  async finish(): Promise<void> {
    await this.flush();
    this.stream.end();
    await this.done;
  }
}

export interface IndexDefinition {
  name: string;
  unique: boolean;
  fulltext: boolean;
  columns: string[];
}

/** The secondary indexes of a table as the migrations created them. */
export async function secondaryIndexes(connection: Connection, table: string): Promise<IndexDefinition[]> {
  const [rows] = await connection.query(
    `SELECT INDEX_NAME AS name, NON_UNIQUE AS nonUnique, INDEX_TYPE AS type, COLUMN_NAME AS columnName, SUB_PART AS subPart
       FROM information_schema.STATISTICS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND INDEX_NAME <> 'PRIMARY'
      ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
    [table],
  );
  const byName = new Map<string, IndexDefinition>();
  for (const r of rows as { name: string; nonUnique: number; type: string; columnName: string; subPart: number | null }[]) {
    let def = byName.get(r.name);
    if (!def) byName.set(r.name, (def = { name: r.name, unique: Number(r.nonUnique) === 0, fulltext: r.type === 'FULLTEXT', columns: [] }));
    def.columns.push(r.subPart ? `\`${r.columnName}\`(${r.subPart})` : `\`${r.columnName}\``);
  }
  return [...byName.values()];
}

/**
 * Loading rows in primary-key order into a table with only its primary key, then building
 * every secondary index in one sorted pass, is several times faster than maintaining
 * them row by row. The definitions are read from the database, so they stay the migrations'.
 */
export async function dropSecondaryIndexes(connection: Connection, table: string): Promise<IndexDefinition[]> {
  const indexes = await secondaryIndexes(connection, table);
  if (indexes.length) await connection.query(`ALTER TABLE \`${table}\` ${indexes.map((i) => `DROP INDEX \`${i.name}\``).join(', ')}`);
  return indexes;
}

export async function restoreIndexes(connection: Connection, table: string, indexes: readonly IndexDefinition[]): Promise<void> {
  if (!indexes.length) return;
  const kind = (i: IndexDefinition) => (i.fulltext ? 'FULLTEXT INDEX' : i.unique ? 'UNIQUE INDEX' : 'INDEX');
  await connection.query(`ALTER TABLE \`${table}\` ${indexes.map((i) => `ADD ${kind(i)} \`${i.name}\` (${i.columns.join(', ')})`).join(', ')}`);
  const after = await secondaryIndexes(connection, table);
  const signature = (list: readonly IndexDefinition[]) => JSON.stringify([...list].sort((a, b) => a.name.localeCompare(b.name)));
  if (signature(after) !== signature(indexes)) throw new Error(`indexes of ${table} differ after the bulk load`);
}
