// Issue 16, public reads beyond raw: the anonymous feed as visitors get it (from the public-read
// cache) against the raw feed baseline (uncached, same SQL as the GraphQL path), and how long a
// change takes to show on every api instance.
import type { BenchEnvironment } from '../lib/environment.js';
import { benchConnection } from '../lib/environment.js';
import type { BenchOptions } from '../lib/options.js';
import type { Callers } from '../lib/actors.js';
import { startApi, stopTargets, type Target } from '../lib/targets.js';
import { alternatingThroughput, type Log, type ThroughputSummary } from './http-scenarios.js';
import { FEED_DOCUMENT, feedWorkload } from './workloads.js';
import { trackingNumberOf } from '../../src/suggestions/tracking-number.js';

export interface PublicFeedCachedSummary {
  ours_rps: number;
  raw_rps: number;
  ratio: number;
  /** ours / raw of each alternating round, their range and max − min (as the other throughput scenarios). */
  round_ratios: number[];
  ratio_min: number;
  ratio_max: number;
  spread: number;
  /** From a reply's publication (the mutation answered) to the item on the public pages of every instance. */
  staleness_p99_ms: number;
}

const ITEM_PAGE = `query PublicSuggestion($trackingNumber: String!) {
  publicSuggestions(first: 1, trackingNumber: $trackingNumber) { edges { node { id status reply { body adoption } } } }
}`;
const REPLY = `mutation($input: ReplyToSuggestionInput!) { replyToSuggestion(input: $input) { reply { id status } } }`;

function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function post(baseUrl: string, body: unknown, token?: string): Promise<{ text: string; cache: string | null }> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { text: await res.text(), cache: res.headers.get('x-civicloop-cache') };
}

/**
 * Two api instances with the cache on (production mode: shared through Redis). Throughput: the
 * feed workload on instance A, alternating with the raw feed. Staleness: for each sample an item
 * in progress, its public page warmed (cached, empty) on both instances, a reply published through
 * A, then both pages polled until the item shows; the sample is the later of the two.
 */
export async function publicFeedCachedScenario(
  env: BenchEnvironment,
  raw: Target,
  callers: Callers,
  options: Pick<BenchOptions, 'rounds' | 'durationS' | 'warmupS' | 'connections'>,
  samples: number,
  log: Log,
  notes: string[],
): Promise<{ summary: PublicFeedCachedSummary; throughput: ThroughputSummary; staleness: number[] }> {
  const a = await startApi(env, { name: 'api-cached-a', env: { PUBLIC_CACHE: 'true' } });
  let b: Target | undefined;
  try {
    b = await startApi(env, { name: 'api-cached-b', env: { PUBLIC_CACHE: 'true' } });
    // An instance that could not reach its cache serves public reads uncached: measuring that as
    // "cached" would be a figure of something else. Wait until both answer the feed from the cache.
    await servedFromCache([a, b]);
    const throughput = (await alternatingThroughput(feedWorkload(20), a, raw, options, log, notes)).summary;
    const staleness = await measureStaleness(env, [a, b], callers, samples, log, notes);
    const p99 = staleness.length ? percentile(staleness, 99) : NaN;
    return {
      summary: {
        ours_rps: throughput.ours_rps,
        raw_rps: throughput.raw_rps,
        ratio: throughput.ratio,
        round_ratios: throughput.round_ratios,
        ratio_min: throughput.ratio_min,
        ratio_max: throughput.ratio_max,
        spread: throughput.spread,
        staleness_p99_ms: Math.round(p99 * 10) / 10,
      },
      throughput,
      staleness,
    };
  } finally {
    await stopTargets(b?.child, a.child);
  }
}

async function servedFromCache(apis: Target[], maxWaitMs = 30_000): Promise<void> {
  const feed = { query: FEED_DOCUMENT, variables: { first: 20 } };
  const deadline = Date.now() + maxWaitMs;
  for (const api of apis) {
    for (;;) {
      await post(api.baseUrl, feed);
      const again = await post(api.baseUrl, feed);
      if (again.cache === 'HIT') break;
      if (Date.now() > deadline) throw new Error(`the feed was not served from the public-read cache on ${api.baseUrl} within ${maxWaitMs / 1000} s (${again.cache})`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function measureStaleness(env: BenchEnvironment, apis: Target[], callers: Callers, samples: number, log: Log, notes: string[]): Promise<number[]> {
  const handlerOf = new Map(callers.handlers.map((h) => [h.unitId, h]));
  const db = await benchConnection(env);
  let rows: { id: number; trackingNumber: string | null; submittedAt: Date; leadUnitId: number }[];
  try {
    // Items in progress whose author consented: published by their reply.
    const [result] = await db.query(
      `SELECT s.id, s.trackingNumber, s.submittedAt, s.leadUnitId FROM suggestions s
        JOIN assignments a ON a.suggestionId = s.id AND a.unitId = s.leadUnitId AND a.role = 'LEAD' AND a.endedAt IS NULL
       WHERE s.status = 'IN_PROGRESS' AND s.consentToPublish = 1
       ORDER BY s.id DESC LIMIT ${samples * 4}`,
    );
    rows = (result as typeof rows).filter((r) => handlerOf.has(r.leadUnitId));
  } finally {
    await db.end();
  }
  const out: number[] = [];
  for (const item of rows) {
    if (out.length >= samples) break;
    const page = { query: ITEM_PAGE, variables: { trackingNumber: trackingNumberOf(item) } };
    // Warm both instances: the (empty) page is cached before the change.
    for (const api of apis) {
      await post(api.baseUrl, page);
      const again = await post(api.baseUrl, page);
      if (again.cache !== 'HIT') throw new Error(`the item page was not served from the cache on ${api.name} (${again.cache})`);
    }
    const replied = await post(apis[0]!.baseUrl, { query: REPLY, variables: { input: { suggestionId: item.id, body: '经研究，已安排办理。', adoption: 'ADOPTED' } } }, handlerOf.get(item.leadUnitId)!.token);
    const answeredAt = performance.now();
    if (replied.text.includes('"errors"')) {
      if (!notes.some((n) => n.startsWith('public_feed_cached: a reply failed'))) notes.push(`public_feed_cached: a reply failed (${replied.text.slice(0, 200)})`);
      continue; // not repliable by this handler: next item
    }
    const seen = await Promise.all(
      apis.map(async (api) => {
        for (;;) {
          const r = await post(api.baseUrl, page);
          if (r.text.includes(`"id":${item.id}`)) return performance.now() - answeredAt;
          if (performance.now() - answeredAt > 10_000) throw new Error(`the reply to item ${item.id} did not show on ${api.name} within 10 s`);
        }
      }),
    );
    out.push(Math.max(...seen));
  }
  if (out.length < samples) notes.push(`public_feed_cached: ${out.length} staleness samples of ${samples} wanted (items in progress with a handler)`);
  log(`    staleness over ${out.length} replies: p50 ${percentile(out, 50).toFixed(1)} ms, p99 ${percentile(out, 99).toFixed(1)} ms, max ${Math.max(...out).toFixed(1)} ms`);
  return out;
}
