// How a public search is answered, chosen per query from how often its terms occur (issue 12 §6).
// Pure: no Nest, no TypeORM; the SQL for each plan is in search-index.ts.
//
// A word found in most suggestions (建议) is cheapest to answer by walking the newest items and
// checking each one: the first page is full after about as many rows as it holds. A rare word is
// cheapest through the word index: it lists few items. InnoDB FULLTEXT costs about 40 µs for
// every item a token lists (measured: 建议 alone, 7.6 s at 200,000 rows), so the index is only
// asked about the rarest terms and only when they are rare.

/** The newest rows of the search table checked to estimate how often a query's terms occur. */
export const SAMPLE_ROWS = 500;
/** The most items a scan walks (after the caller's filters) before handing over to the index. */
export const SCAN_WINDOW = 5000;
/** The newest items a broad search's totalCount is counted over (then scaled: an estimate). */
export const COUNT_WINDOW = 2000;
/** A count is planned like a default page (20 and one more): broad queries are estimated. */
export const COUNT_PLAN_LIMIT = 21;
/** A public search's exact totalCount stops here ("10,000 or more"). */
export const PUBLIC_SEARCH_COUNT_CAP = 10_000;

/**
 * What each plan costs per unit of work, measured on MariaDB 10.11 at 1,000,000 rows
 * (docs/benchmarks.md, public search): the word index about 40 µs for every item its driving
 * token lists, a scan about 12 µs for every row it walks. Only their ratio matters.
 */
export const INDEX_MICROS_PER_POSTING = 40;
export const SCAN_MICROS_PER_ROW = 12;
/** The longest scan: one the index would cost more than, but bounded whatever the index costs. */
export const MAX_SCAN_WINDOW = 50_000;

/** Matches among the newest `rows` rows of the search table: per token, and of the whole query. */
export interface TermSample {
  rows: number;
  /** About how many rows the search table holds (its highest key); 0 when unknown. */
  tableRows?: number;
  /** Rows holding each query token, in the order of `ParsedQuery.tokens`. */
  tokenHits: number[];
  /** Rows matching the whole query (every token and phrase). */
  allHits: number;
}

export type SearchPlan =
  /** Walk the newest items (at most `window`, else SCAN_WINDOW), checking each; continue through the index if the page is not full. */
  | { kind: 'scan'; window?: number }
  /** Candidates from the word index for `driving` (indexes into the query tokens); the rest checked on each. */
  | { kind: 'index'; driving: number[] };

/**
 * The plan for a page of `limit` rows: a scan when the sample says the page fills within the scan
 * window (expected rows walked = limit / match rate); else the index driven by the rarest token,
 * unless even that token is common (two common words, rare together: 人民路 路灯). Then the index
 * would list tens of thousands of items, and a longer scan that costs at most what the index
 * would (`scanWindowWorth`) is tried first; the index answers only what it leaves unfilled.
 */
export function choosePlan(sample: TermSample, limit: number, window = SCAN_WINDOW): SearchPlan {
  if (sample.rows > 0 && sample.allHits > 0 && (limit * sample.rows) / sample.allHits <= window) return { kind: 'scan' };
  const driving = rarestToken(sample.tokenHits);
  const longer = scanWindowWorth(sample, driving);
  return longer > window ? { kind: 'scan', window: longer } : { kind: 'index', driving: [driving] };
}

/** The rows a scan may walk for the cost of the index driven by `driving` (estimated from the sample), at most MAX_SCAN_WINDOW; 0 when unknown. */
export function scanWindowWorth(sample: TermSample, driving: number): number {
  if (!sample.rows || !sample.tableRows) return 0;
  const postings = ((sample.tokenHits[driving] ?? 0) / sample.rows) * sample.tableRows;
  return Math.min(MAX_SCAN_WINDOW, Math.floor((postings * INDEX_MICROS_PER_POSTING) / SCAN_MICROS_PER_ROW));
}

/** The index of the token with fewest hits; ties go to the later token (a later bigram narrows as well, and word tokens come last). */
export function rarestToken(tokenHits: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < tokenHits.length; i++) if (tokenHits[i]! <= tokenHits[best]!) best = i;
  return best;
}

/** What counting over the newest COUNT_WINDOW items found. */
export interface WindowCount {
  /** Items (after the caller's filters) in the window. */
  rows: number;
  /** Of those, matching the query. */
  matches: number;
  /** Lowest and highest id in the window. */
  lowId: number;
  highId: number;
}

export interface TotalEstimate {
  count: number;
  /** True when scaled from the window; false when every item was counted. */
  estimated: boolean;
}

/**
 * totalCount of a broad search from its newest items: exact when the window held every item;
 * otherwise the window's match rate times the items it stands for (ids 1..highId at the window's
 * density), rounded to two significant digits. Null when the window found no match in a full
 * window: the caller counts through the index instead.
 */
export function estimateTotal(w: WindowCount, window = COUNT_WINDOW): TotalEstimate | null {
  if (w.rows < window) return { count: w.matches, estimated: false };
  if (w.matches === 0) return null;
  const span = Math.max(1, w.highId - w.lowId + 1);
  const items = (w.rows * Math.max(w.highId, 1)) / span;
  return { count: roundSignificant((w.matches / w.rows) * items, 2), estimated: true };
}

export function roundSignificant(n: number, digits: number): number {
  if (n <= 0) return 0;
  const scale = 10 ** Math.max(0, Math.floor(Math.log10(n)) + 1 - digits);
  return Math.round(n / scale) * scale;
}
