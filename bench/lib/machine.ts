import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { Redis } from 'ioredis';
import { mysqlAdmin } from './environment.js';

/** What the numbers were measured on, for the docs: hardware, versions, server settings, load. */
export async function describeMachine(redisUrl: string): Promise<string[]> {
  const os = /PRETTY_NAME="([^"]+)"/.exec(safe(() => readFileSync('/etc/os-release', 'utf8')) ?? '')?.[1] ?? process.platform;
  const lines = [`${os}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`];
  const admin = await mysqlAdmin();
  try {
    const [rows] = await admin.query(
      'SELECT VERSION() AS version, @@innodb_buffer_pool_size AS pool, @@innodb_flush_log_at_trx_commit AS flush, @@innodb_flush_method AS method, @@innodb_log_file_size AS log',
    );
    const v = (rows as Record<string, string | number>[])[0]!;
    lines.push(
      `MariaDB ${v.version} on loopback (innodb_buffer_pool_size ${Math.round(Number(v.pool) / 2 ** 20)} MiB, flush_log_at_trx_commit ${v.flush}, ${v.method}, log file ${Math.round(Number(v.log) / 2 ** 20)} MiB; server defaults, not tuned for the run)`,
    );
  } finally {
    await admin.end();
  }
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const info = await redis.info('server');
    lines.push(`Redis ${/redis_version:(\S+)/.exec(info)?.[1] ?? '?'} on loopback (benchmark database ${new URL(redisUrl).pathname.slice(1)})`);
  } finally {
    redis.disconnect();
  }
  const commit = safe(() => execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim());
  const dirty = safe(() => execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).length);
  if (commit) lines.push(`commit ${commit}${dirty ? ` with ${dirty} uncommitted changes in the working tree` : ''}`);
  return lines;
}

export function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
