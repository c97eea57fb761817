import type { BenchOptions } from '../lib/options.js';
import { paced, sendChecked, settle, throughput, type PacedResult, type ThroughputResult } from '../lib/load.js';
import { captureStatements, compareShapes, requestStatements, threadsOfProcess } from '../lib/sql-capture.js';
import { median, ratioSpread } from '../lib/stats.js';
import type { Target } from '../lib/targets.js';
import type { Workload } from './workloads.js';

export interface ThroughputSummary {
  ours_rps: number;
  raw_rps: number;
  ratio: number;
  p99_ms: number;
  raw_p99_ms: number;
  /** ours / raw of each alternating round, in order; `ratio_min`/`ratio_max` their range, `spread` max − min. */
  round_ratios: number[];
  ratio_min: number;
  ratio_max: number;
  spread: number;
}

export interface PacedSummary {
  p50_ms: number;
  p99_ms: number;
  raw_p50_ms: number;
  raw_p99_ms: number;
}

export interface Rounds<T> {
  ours: T[];
  raw: T[];
}

export type Log = (line: string) => void;

/** Fewer responses per connection than this in a round and its throughput is mostly ramp-up and tail. */
const MIN_REQUESTS_PER_CONNECTION = 5;

/** Round r runs ours then raw when r is even, raw then ours when odd (ABBA), so drift cancels. */
function order(round: number): ('api' | 'raw')[] {
  return round % 2 === 0 ? ['api', 'raw'] : ['raw', 'api'];
}

function errorNote(name: string, side: string, r: { errors: number }, total: number): string | null {
  return r.errors > 0 ? `${name} ${side}: ${r.errors} of ${total} responses were errors` : null;
}

/** Closed-loop throughput, `rounds` times each side, alternating; medians. */
export async function alternatingThroughput(
  workload: Workload,
  api: Target,
  raw: Target,
  options: Pick<BenchOptions, 'rounds' | 'durationS' | 'warmupS' | 'connections'>,
  log: Log,
  notes: string[],
): Promise<{ summary: ThroughputSummary; rounds: Rounds<ThroughputResult> }> {
  const targets = { api, raw };
  for (const side of ['api', 'raw'] as const) {
    await sendChecked(targets[side].baseUrl, workload, side, 3);
    await throughput(targets[side].baseUrl, workload, side, options.connections, options.warmupS);
    await settle(targets[side].baseUrl);
  }
  const rounds: Rounds<ThroughputResult> = { ours: [], raw: [] };
  for (let r = 0; r < options.rounds; r++) {
    for (const side of order(r)) {
      const result = await throughput(targets[side].baseUrl, workload, side, options.connections, options.durationS);
      await settle(targets[side].baseUrl);
      (side === 'api' ? rounds.ours : rounds.raw).push(result);
      log(`    ${workload.name} round ${r + 1} ${side === 'api' ? 'ours' : 'raw '}: ${result.rps.toFixed(0)} req/s, p99 ${result.p99Ms} ms${result.errors ? `, ${result.errors} errors` : ''}`);
      const note = errorNote(workload.name, side, result, result.requests);
      if (note) notes.push(note);
      // A closed-loop round must hold many requests per connection, or it measures its own start and end.
      if (result.requests < options.connections * MIN_REQUESTS_PER_CONNECTION) {
        notes.push(
          `${workload.name} round ${r + 1} ${side === 'api' ? 'ours' : 'raw'}: ${result.requests} responses in ${options.durationS} s for ${options.connections} connections (fewer than ${MIN_REQUESTS_PER_CONNECTION} each): too short for its latency, that round's figure is noise`,
        );
      }
    }
  }
  const oursRps = median(rounds.ours.map((x) => x.rps));
  const rawRps = median(rounds.raw.map((x) => x.rps));
  const spread = ratioSpread(
    rounds.ours.map((x) => x.rps),
    rounds.raw.map((x) => x.rps),
  );
  return {
    summary: {
      ours_rps: round1(oursRps),
      raw_rps: round1(rawRps),
      ratio: round3(oursRps / rawRps),
      p99_ms: round1(median(rounds.ours.map((x) => x.p99Ms))),
      raw_p99_ms: round1(median(rounds.raw.map((x) => x.p99Ms))),
      ...spread,
    },
    rounds,
  };
}

/** Open-loop steady rate, alternating; medians of each round's p50 and p99. */
export async function alternatingPaced(
  workload: Workload,
  api: Target,
  raw: Target,
  options: Pick<BenchOptions, 'rounds' | 'pacedRate' | 'pacedDurationS' | 'pacedTimeoutMs'>,
  log: Log,
  notes: string[],
): Promise<{ summary: PacedSummary; rounds: Rounds<PacedResult> }> {
  const targets = { api, raw };
  const rounds: Rounds<PacedResult> = { ours: [], raw: [] };
  let overloaded = false;
  for (let r = 0; r < options.rounds && !overloaded; r++) {
    for (const side of order(r)) {
      const result = await paced(targets[side].baseUrl, workload, side, options.pacedRate, options.pacedDurationS, options.pacedTimeoutMs);
      await settle(targets[side].baseUrl);
      (side === 'api' ? rounds.ours : rounds.raw).push(result);
      log(`    ${workload.name} @${options.pacedRate}/s round ${r + 1} ${side === 'api' ? 'ours' : 'raw '}: p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms${result.errors ? `, ${result.errors} errors` : ''}`);
      const note = errorNote(`paced ${workload.name}`, side, result, result.sent);
      if (note) notes.push(note);
      // Past capacity an open-loop run only measures its own timeout; more rounds would just
      // leave a backlog of thousands of requests in the servers for the next scenario.
      if (result.errors > result.sent / 2) overloaded = true;
    }
  }
  if (overloaded) {
    notes.push(
      `paced ${workload.name}: ${options.pacedRate} req/s is beyond what this machine serves for this request (more than half the requests timed out); the latencies are the timeout, and further rounds were skipped`,
    );
  }
  return {
    summary: {
      p50_ms: round1(median(rounds.ours.map((x) => x.p50Ms))),
      p99_ms: round1(median(rounds.ours.map((x) => x.p99Ms))),
      raw_p50_ms: round1(median(rounds.raw.map((x) => x.p50Ms))),
      raw_p99_ms: round1(median(rounds.raw.map((x) => x.p99Ms))),
    },
    rounds,
  };
}

export interface StatementCheck {
  workload: string;
  /** Statements the api issued per request, background work left out. */
  perRequest: number;
  rawPerRequest: number;
  /** Differences between the api's statement shapes and the raw baseline's; empty when identical. */
  differences: string[];
  /** One request's statements exactly as the api sent them (literals included): the record, and what EXPLAIN runs on. */
  sample: string[];
}

/**
 * Captures `count` sequential requests on each side from the general log, counts the
 * statements per request and checks the raw baseline issues the same ones.
 */
export async function checkStatements(workload: Workload, api: Target, raw: Target, count = 4): Promise<StatementCheck> {
  await sendChecked(api.baseUrl, workload, 'api', 2);
  await sendChecked(raw.baseUrl, workload, 'raw', 2);
  const ours = requestStatements(await captureStatements(() => sendChecked(api.baseUrl, workload, 'api', count), (a) => threadsOfProcess(a, api.child.pid)));
  const mine = requestStatements(await captureStatements(() => sendChecked(raw.baseUrl, workload, 'raw', count), (a) => threadsOfProcess(a, raw.child.pid)));
  const perRequest = ours.length / count;
  return {
    workload: workload.name,
    perRequest,
    rawPerRequest: mine.length / count,
    differences: compareShapes(
      ours.map((s) => s.sql),
      mine.map((s) => s.sql),
    ),
    sample: ours.slice(0, Math.round(perRequest)).map((s) => s.sql),
  };
}

export const round1 = (n: number) => Math.round(n * 10) / 10;
export const round3 = (n: number) => Math.round(n * 1000) / 1000;
