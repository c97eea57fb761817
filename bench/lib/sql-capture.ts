import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { Connection } from 'mysql2/promise';
import { mysqlAdmin } from './environment.js';

// The SQL a process really sends, read from MariaDB's general log during a short window.
// The raw baselines are checked against it every run (same statements, literals aside), and
// statements per request are counted from it. Only the benchmark's own connections are kept:
// the general log is server-wide and other work on the server is left out by thread id.

export interface CapturedStatement {
  threadId: number;
  sql: string;
}

/** MariaDB thread ids of the connections a local process holds to port 3306 (via /proc). */
export async function threadsOfProcess(admin: Connection, pid: number): Promise<number[]> {
  // Every connection of the process, whatever database it uses: matched by its client port.
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // closed meanwhile
    }
  }
  const localPorts = new Set<number>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const [, local, remote] = cols;
      const inode = cols[9]!;
      if (!inodes.has(inode)) continue;
      if (parseInt(remote!.split(':')[1]!, 16) !== 3306) continue;
      localPorts.add(parseInt(local!.split(':')[1]!, 16));
    }
  }
  const [rows] = await admin.query('SELECT ID AS id, HOST AS host FROM information_schema.PROCESSLIST');
  return (rows as { id: number; host: string }[])
    .filter((r) => localPorts.has(Number(r.host.split(':').pop())))
    .map((r) => Number(r.id));
}

/**
 * Turns the general log on (to a table) for the duration of `work`, then returns the
 * statements of the threads `threadsAfter()` names, in order. The previous settings are
 * restored whatever happens.
 */
export async function captureStatements(work: () => Promise<void>, threadsAfter: (admin: Connection) => Promise<number[]>): Promise<CapturedStatement[]> {
  const admin = await mysqlAdmin();
  try {
    const [[before]] = (await admin.query('SELECT @@global.general_log AS enabled, @@global.log_output AS output, NOW(6) AS startedAt')) as unknown as [
      { enabled: number; output: string; startedAt: Date }[],
    ];
    const output = before!.output.split(',').includes('TABLE') ? before!.output : `${before!.output},TABLE`;
    await admin.query(`SET GLOBAL log_output = ?`, [output]);
    await admin.query('SET GLOBAL general_log = 1');
    let threads: number[];
    try {
      await work();
      threads = await threadsAfter(admin);
    } finally {
      await admin.query('SET GLOBAL general_log = ?', [before!.enabled]);
      await admin.query('SET GLOBAL log_output = ?', [before!.output]);
    }
    if (!threads.length) return [];
    const [rows] = await admin.query(
      `SELECT thread_id AS threadId, argument FROM mysql.general_log WHERE event_time >= ? AND command_type = 'Query' AND thread_id IN (?)`,
      [before!.startedAt, threads],
    );
    const statements = (rows as { threadId: number; argument: Buffer | string }[]).map((r) => ({
      threadId: Number(r.threadId),
      sql: Buffer.isBuffer(r.argument) ? r.argument.toString('utf8') : r.argument,
    }));
    // The table only grows while logging is on; leave it as empty as it was if we turned it on.
    if (!before!.enabled) await admin.query('TRUNCATE TABLE mysql.general_log');
    return statements;
  } finally {
    await admin.end();
  }
}

/**
 * Background work of the api and worker rather than of a request: health probes, and anything
 * that reads or updates the outbox (the relay's claim, dispatch marks, healing). Requests only
 * ever insert into the outbox.
 */
function isBackground(sql: string): boolean {
  return /^SELECT 1$/i.test(sql) || /FOR UPDATE SKIP LOCKED/i.test(sql) || (/`?outbox_messages`?/.test(sql) && !/^INSERT\b/i.test(sql));
}

/**
 * Drops the background work of the api and worker (outbox relay passes, health probes) so
 * what remains is what the requests issued. A relay pass is a transaction whose claim query
 * locks outbox rows; the whole transaction goes.
 */
export function requestStatements(statements: readonly CapturedStatement[]): CapturedStatement[] {
  const out: CapturedStatement[] = [];
  const open = new Map<number, CapturedStatement[]>();
  for (const st of statements) {
    const sql = st.sql.trim();
    const block = open.get(st.threadId);
    if (/^(START TRANSACTION|BEGIN)\b/i.test(sql)) {
      open.set(st.threadId, [st]);
      continue;
    }
    if (block) {
      block.push(st);
      if (/^(COMMIT|ROLLBACK)\b/i.test(sql)) {
        open.delete(st.threadId);
        if (!block.some((b) => isBackground(b.sql.trim()))) out.push(...block);
      }
      continue;
    }
    // A COMMIT or ROLLBACK whose transaction began before the capture window: nothing to count.
    if (/^(COMMIT|ROLLBACK)\b/i.test(sql)) continue;
    if (!isBackground(sql)) out.push(st);
  }
  // Transactions the capture window cut off: kept unless they are background work or not yet begun.
  for (const block of open.values()) if (block.length > 1 && !block.some((b) => isBackground(b.sql.trim()))) out.push(...block);
  return out;
}

/** A statement's shape: literals, NULLs and value lists folded, whitespace collapsed. */
export function normalizeSql(sql: string): string {
  return sql
    .replace(/'(?:[^'\\]|\\.|'')*'/g, '?')
    .replace(/\b(?:NULL|DEFAULT|true|false)\b/gi, '?')
    .replace(/(?<![\w`.])-?\d+(?:\.\d+)?(?![\w`])/g, '?')
    .replace(/\(\s*\?(?:\s*,\s*\?)*\s*\)/g, '(?+)')
    .replace(/\(\?\+\)(?:\s*,\s*\(\?\+\))+/g, '(?+)')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Differences between the statement shapes of two captures of the same requests, as short
 * readable lines; empty when they match. Compared as multisets: DataLoader batches resolve
 * in whichever order the field resolvers ran, which is not part of the work.
 */
export function compareShapes(ours: readonly string[], raw: readonly string[]): string[] {
  const count = (list: readonly string[]) => {
    const m = new Map<string, number>();
    for (const sql of list) m.set(normalizeSql(sql), (m.get(normalizeSql(sql)) ?? 0) + 1);
    return m;
  };
  const a = count(ours);
  const b = count(raw);
  const diffs: string[] = [];
  for (const shape of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(shape) ?? 0;
    const y = b.get(shape) ?? 0;
    if (x !== y) diffs.push(`ours ${x}×, raw ${y}×: ${shape.length > 300 ? `${shape.slice(0, 300)}…` : shape}`);
    if (diffs.length >= 5) break;
  }
  return diffs;
}
