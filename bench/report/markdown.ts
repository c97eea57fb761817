import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { BenchJson, TargetCheck } from './results.js';

export interface RunInfo {
  startedAt: string;
  durationS: number;
  command: string;
  machine: string[];
  data: string;
  notes: string[];
  statementChecks: string[];
}

const f = (n: number | null | undefined, d = 1) => (n === null || n === undefined || Number.isNaN(n) ? '—' : n.toFixed(d));

/** The results table, targets and run facts, as the block docs/benchmarks.md carries. */
export function resultsMarkdown(r: BenchJson, checks: TargetCheck[], info: RunInfo, chartFile: string): string {
  const lines: string[] = [];
  lines.push(`Run of ${info.startedAt} (\`${info.command}\`, ${Math.round(info.durationS / 60)} min): ${info.data}.`, '');
  lines.push(`![ours against raw per scenario](${chartFile})`, '');
  lines.push('| scenario | ours | raw | ours / raw | ours p99 | raw p99 |', '|---|---:|---:|---:|---:|---:|');
  for (const [name, s] of [
    ['submit (50 connections)', r.submit],
    ['feed, first 20 (50 connections)', r.feed],
    ['inbox, first 20 (50 connections)', r.inbox],
  ] as const) {
    lines.push(
      s
        ? `| ${name} | ${f(s.ours_rps, 0)} req/s | ${f(s.raw_rps, 0)} req/s | ${f(s.ratio, 2)} (rounds ${s.round_ratios.map((x) => f(x, 2)).join(', ')}; min ${f(s.ratio_min, 2)}, max ${f(s.ratio_max, 2)}, spread ${f(s.spread, 2)}) | ${f(s.p99_ms)} ms | ${f(s.raw_p99_ms)} ms |`
        : `| ${name} | not measured | | | | |`,
    );
  }
  lines.push(
    r.ceiling
      ? `| ceiling: a plain Fastify hello server, POST /hello (50 connections) | | ${f(r.ceiling.rps, 0)} req/s${r.ceiling.rps_after === undefined ? '' : ` (${f(r.ceiling.rps_after, 0)} after the HTTP scenarios)`} | | | ${f(r.ceiling.p99_ms)} ms |`
      : '| ceiling: plain Fastify hello server | not measured | | | | |',
  );
  const c = r.public_feed_cached;
  lines.push(
    c
      ? `| feed, first 20, anonymous from the public-read cache (two instances on Redis) | ${f(c.ours_rps, 0)} req/s | ${f(c.raw_rps, 0)} req/s (uncached) | ${f(c.ratio, 2)}${c.round_ratios ? ` (rounds ${c.round_ratios.map((x) => f(x, 2)).join(', ')}; min ${f(c.ratio_min, 2)}, max ${f(c.ratio_max, 2)}, spread ${f(c.spread, 2)})` : ''} | staleness p99 ${f(c.staleness_p99_ms)} ms | |`
      : '| feed from the public-read cache | not measured | | | | |',
  );
  for (const name of ['submit', 'feed'] as const) {
    const p = r.paced[name];
    lines.push(
      p
        ? `| ${name} at a steady 300 req/s (open loop) | p50 ${f(p.p50_ms)} ms | p50 ${f(p.raw_p50_ms)} ms | p99 ×${f(p.p99_ms / p.raw_p99_ms, 2)} | ${f(p.p99_ms)} ms | ${f(p.raw_p99_ms)} ms |`
        : `| ${name} at a steady 300 req/s | not measured | | | | |`,
    );
  }
  lines.push(
    r.scoring
      ? `| scoring one quarter (time; lower is better) | ${f(r.scoring.ours_ms, 0)} ms | ${f(r.scoring.raw_ms, 0)} ms | ${f(r.scoring.ratio, 2)} | peak RSS ${f(r.scoring.peak_rss_mb, 0)} MB | |`
      : '| scoring one quarter | not measured | | | | |',
  );
  lines.push(
    r.reminders
      ? `| reminders: outbox → relay → BullMQ | ${f(r.reminders.ours_jobs_per_s, 0)} jobs/s | ${f(r.reminders.raw_jobs_per_s, 0)} jobs/s | ${f(r.reminders.ratio, 2)} | | |`
      : '| reminders | not measured | | | | |',
  );
  lines.push('');
  const q = r.sql_per_request;
  lines.push(
    `api RSS after the load runs: **${f(r.rss_mb, 0)} MB**. SQL statements per request (general log): feed ${f(q.feed_20, 0)} at first 20, ${f(q.feed_100, 0)} at first 100; inbox ${f(q.inbox_20, 0)} / ${f(q.inbox_100, 0)}.`,
    '',
  );
  const planKeys = Object.keys(r.plans);
  if (planKeys.length) {
    lines.push(
      '**Plans of the hot statements** (MariaDB `ANALYZE FORMAT=JSON` of each SELECT as the api sent it on the loaded database, `EXPLAIN FORMAT=JSON` for locking reads; the raw baseline sends the same statements): index used, rows examined (read, or estimated where only EXPLAIN ran), filesort, temporary table',
      '',
    );
    lines.push('| statement | request | index (key) | rows examined | filesort | temporary | access per table |', '|---|---|---|---:|---|---|---|');
    for (const name of planKeys) {
      const p = r.plans[name]!;
      const access = p.tables.map((t) => `${t.table}: ${t.access}, ~${t.rows} estimated`).join('; ');
      const cell = (text: string) => text.replace(/\|/g, '\\|');
      lines.push(
        `| ${cell(name)} | ${p.request} | ${p.key ?? '**none**'} | ${p.rows}${p.analyzed ? '' : ' (estimate)'} | ${p.filesort ? '**yes**' : 'no'} | ${p.temporary ? '**yes**' : 'no'} | ${cell(access)} |`,
      );
    }
    lines.push('');
  }
  lines.push('| target | wanted | measured | met |', '|---|---|---|---|');
  for (const c of checks) lines.push(`| ${c.name} | ${c.target} | ${c.measured} | ${c.met === null ? 'not run' : c.met ? 'yes' : '**no**'} |`);
  lines.push('', '**Machine**', '');
  for (const m of info.machine) lines.push(`- ${m}`);
  if (info.statementChecks.length) {
    lines.push('', '**Raw baselines against the captured platform SQL**', '');
    for (const s of info.statementChecks) lines.push(`- ${s}`);
  }
  if (info.notes.length) {
    lines.push('', '**Notes from this run**', '');
    for (const n of info.notes) lines.push(`- ${n}`);
  }
  return lines.join('\n');
}

export const RESULTS_START = '<!-- bench:results:start (written by npm run bench) -->';
export const RESULTS_END = '<!-- bench:results:end -->';

/** Replaces the generated block of docs/benchmarks.md, leaving the hand-written text around it. */
export function writeResultsIntoDocs(file: string, block: string): void {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : `# Benchmarks\n\n${RESULTS_START}\n${RESULTS_END}\n`;
  const start = current.indexOf(RESULTS_START);
  const end = current.indexOf(RESULTS_END);
  if (start < 0 || end < start) throw new Error(`${file} lacks the ${RESULTS_START} … ${RESULTS_END} markers`);
  writeFileSync(file, `${current.slice(0, start + RESULTS_START.length)}\n${block}\n${current.slice(end)}`);
}
