import type { PacedSummary, ThroughputSummary } from '../scenarios/http-scenarios.js';
import type { RemindersSummary } from '../scenarios/reminders.js';
import type { ScoringSummary } from '../scenarios/scoring.js';
import type { PublicFeedCachedSummary } from '../scenarios/public-cache.js';
import type { StatementPlan } from '../lib/explain.js';

/** The JSON of `--json FILE`: exactly the keys issue 7 names; null where a scenario did not run. */
export interface BenchJson {
  submit: ThroughputSummary | null;
  feed: ThroughputSummary | null;
  inbox: ThroughputSummary | null;
  /** The anonymous feed from the public-read cache (two instances on Redis) against the raw, uncached feed. */
  public_feed_cached: PublicFeedCachedSummary | null;
  paced: { submit: PacedSummary | null; feed: PacedSummary | null };
  scoring: ScoringSummary | null;
  reminders: RemindersSummary | null;
  rss_mb: number | null;
  sql_per_request: { feed_20: number | null; feed_100: number | null; inbox_20: number | null; inbox_100: number | null };
  /** The machine's ceiling: a plain Fastify server answering POST /hello, same load generator and connections, same run. */
  ceiling: { rps: number; p99_ms: number; /** One more round after the HTTP scenarios (the load moves). */ rps_after?: number } | null;
  /**
   * MariaDB's plan of each SELECT the hot requests issue (submit, feed_20, inbox_20), as the api
   * sent it, keyed by its name in bench/raw/statements.ts (`feed.page`, `submit.countToday` …).
   */
  plans: Record<string, StatementPlan>;
  /** Seconds waited before each scenario's rounds for the worker to drain (outbox relayed, no job waiting or running). */
  drain_s: Record<string, number>;
}

export function emptyResults(): BenchJson {
  return {
    submit: null,
    feed: null,
    inbox: null,
    public_feed_cached: null,
    paced: { submit: null, feed: null },
    scoring: null,
    reminders: null,
    rss_mb: null,
    sql_per_request: { feed_20: null, feed_100: null, inbox_20: null, inbox_100: null },
    ceiling: null,
    plans: {},
    drain_s: {},
  };
}

export interface TargetCheck {
  name: string;
  target: string;
  measured: string;
  met: boolean | null;
}

const fmt = (n: number | null | undefined, digits = 2) => (n === null || n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));

/** The targets against this run; `met: null` where the scenario did not run. */
export function checkTargets(r: BenchJson): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const ratio = (name: string, s: ThroughputSummary | null, min: number) =>
    checks.push({ name: `${name} ratio`, target: `≥ ${min}`, measured: fmt(s?.ratio), met: s ? s.ratio >= min : null });
  ratio('submit', r.submit, 0.6);
  ratio('feed', r.feed, 0.6);
  ratio('inbox', r.inbox, 0.5);
  const cached = r.public_feed_cached;
  checks.push({ name: 'cached feed ratio', target: '≥ 1.5', measured: fmt(cached?.ratio), met: cached ? cached.ratio >= 1.5 : null });
  checks.push({
    name: 'cached feed staleness',
    target: 'p99 ≤ 1000 ms',
    measured: cached ? `${fmt(cached.staleness_p99_ms, 1)} ms` : '—',
    met: cached ? cached.staleness_p99_ms <= 1000 : null,
  });
  for (const name of ['submit', 'feed'] as const) {
    const p = r.paced[name];
    checks.push({
      name: `paced ${name} p99`,
      target: '≤ 2 × raw p99',
      measured: p ? `${fmt(p.p99_ms, 1)} ms vs raw ${fmt(p.raw_p99_ms, 1)} ms (×${fmt(p.p99_ms / p.raw_p99_ms)})` : '—',
      met: p ? p.p99_ms <= 2 * p.raw_p99_ms : null,
    });
  }
  checks.push({ name: 'scoring ratio', target: '≤ 1.5', measured: fmt(r.scoring?.ratio), met: r.scoring ? r.scoring.ratio <= 1.5 : null });
  checks.push({
    name: 'scoring peak RSS',
    target: '≤ 300 MB',
    measured: r.scoring ? `${fmt(r.scoring.peak_rss_mb, 0)} MB` : '—',
    met: r.scoring ? r.scoring.peak_rss_mb <= 300 : null,
  });
  checks.push({ name: 'reminders ratio', target: '≥ 0.5', measured: fmt(r.reminders?.ratio), met: r.reminders ? r.reminders.ratio >= 0.5 : null });
  checks.push({ name: 'api RSS after load', target: '≤ 250 MB', measured: r.rss_mb === null ? '—' : `${fmt(r.rss_mb, 0)} MB`, met: r.rss_mb === null ? null : r.rss_mb <= 250 });
  const q = r.sql_per_request;
  for (const name of ['feed', 'inbox'] as const) {
    const a = q[`${name}_20`];
    const b = q[`${name}_100`];
    checks.push({
      name: `${name} SQL per request`,
      target: 'same at 20 and 100',
      measured: a === null || b === null ? '—' : `${a} / ${b}`,
      met: a === null || b === null ? null : a === b,
    });
  }
  return checks;
}
