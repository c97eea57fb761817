// A small seeded generator (sfc32), so every run loads the same data set and every table pass
// agrees on the facts of one suggestion.

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class Rng {
  // sfc32: 128 bits of state, so the streams of a million seeds do not overlap (mulberry32's
  // 32-bit state made neighbouring suggestions replay each other's draws).
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = seed >>> 0;
    this.b = seedOf(seed, 0x3c6ef372 ^ stream);
    this.c = seedOf(seed, 0x1b873593);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Index drawn from cumulative weights (ascending, last = total). */
  weighted(cumulative: readonly number[]): number {
    const x = this.next() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Hours drawn from a log-normal around `medianHours` (delays people take to act). */
  logNormalHours(medianHours: number, sigma: number): number {
    const u1 = this.next() || 1e-12;
    const u2 = this.next();
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return medianHours * Math.exp(sigma * z);
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) {
      const word = (this.next() * 4294967296) >>> 0;
      out += HEX_BYTE[word & 255]! + HEX_BYTE[(word >>> 8) & 255]! + HEX_BYTE[(word >>> 16) & 255]! + HEX_BYTE[word >>> 24]!;
    }
    return out.length === length ? out : out.slice(0, length);
  }
}

/** Cumulative Zipf-like weights for n items: a few busy units, a long quiet tail. */
export function zipfCumulative(n: number, exponent = 0.8): number[] {
  const out: number[] = [];
  let total = 0;
  for (let i = 1; i <= n; i++) {
    total += 1 / i ** exponent;
    out.push(total);
  }
  return out;
}

/** A seed for one entity: the suggestion id mixed so neighbouring ids are unrelated. */
export function seedOf(id: number, salt: number): number {
  let h = Math.imul(id ^ 0x45d9f3b, 0x45d9f3b) ^ salt;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) >>> 0;
}
