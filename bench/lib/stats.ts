export function median(values: readonly number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const r3 = (n: number) => Math.round(n * 1000) / 1000;

export interface RatioSpread {
  /** ours / raw of each alternating round, in round order. */
  round_ratios: number[];
  ratio_min: number;
  ratio_max: number;
  /** ratio_max − ratio_min. */
  spread: number;
}

/** Per-round ours / raw (round i of ours against round i of raw) and how far apart they are. */
export function ratioSpread(ours: readonly number[], raw: readonly number[]): RatioSpread {
  if (ours.length !== raw.length) throw new Error(`ratioSpread: ${ours.length} rounds of ours against ${raw.length} of raw`);
  const ratios = ours.map((x, i) => r3(x / raw[i]!)).filter((x) => Number.isFinite(x));
  if (!ratios.length) return { round_ratios: [], ratio_min: NaN, ratio_max: NaN, spread: NaN };
  const min = Math.min(...ratios);
  const max = Math.max(...ratios);
  return { round_ratios: ratios, ratio_min: min, ratio_max: max, spread: r3(max - min) };
}

export interface RatioComparison {
  before: number;
  now: number;
  difference: number;
  within: boolean;
}

/** The ratios two runs share, and whether each pair agrees within ±tolerance. */
export function compareRatios(before: Record<string, unknown>, now: Record<string, unknown>, keys: readonly string[], tolerance = 0.1): Record<string, RatioComparison> {
  const ratioOf = (r: Record<string, unknown>, key: string) => {
    const v = r[key];
    const ratio = v !== null && typeof v === 'object' ? (v as { ratio?: unknown }).ratio : undefined;
    return typeof ratio === 'number' && Number.isFinite(ratio) ? ratio : null;
  };
  const out: Record<string, RatioComparison> = {};
  for (const key of keys) {
    const a = ratioOf(before, key);
    const b = ratioOf(now, key);
    if (a === null || b === null) continue;
    const difference = r3(b - a);
    out[key] = { before: a, now: b, difference, within: Math.abs(difference) <= tolerance + 1e-9 };
  }
  return out;
}
