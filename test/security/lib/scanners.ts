// Scanners for what must never leave the server: personal data (phone numbers, one-time codes)
// and internals (stack frames, SQL, file paths). Plain TypeScript, no jest: the fault runner
// (npm run test:faults) uses them too.

/**
 * A mainland mobile number standing alone: not inside a longer run of digits or letters, and not
 * the fraction of a decimal (a log's `"responseTime":277.18284699996`).
 */
const PHONE = /(?<![0-9A-Za-z.])1[3-9]\d{9}(?![0-9A-Za-z])/g;
/**
 * A standalone 6-digit number (a one-time code when it is one of the codes sent): as for phones,
 * not inside a run of digits or letters (a request id's `…-607900e8fd65`) nor a decimal's fraction.
 */
const SIX_DIGITS = /(?<![0-9A-Za-z.])\d{6}(?![0-9A-Za-z])/g;

const LEAK_PATTERNS: [kind: string, pattern: RegExp][] = [
  ['stack frame', /\bat\s+(?:async\s+)?(?:[\w$.<>[\]]+\s+)?\(?(?:file:\/\/)?\/[^\s():]+\.(?:js|ts|mjs|cjs):\d+/],
  ['stack frame', /\n\s+at\s+\S/],
  // Upper case, as TypeORM and the drivers write statements; prose ("select a unit from …") is not SQL.
  ['SQL', /\b(?:SELECT\s+[\w*`"., ]+\s+FROM|INSERT\s+INTO|UPDATE\s+[`"\w]+\s+SET|DELETE\s+FROM)\b/],
  ['SQL', /\b(?:SQLITE_[A-Z_]+|ER_[A-Z_]{4,}|sqlMessage|sqlState|QueryFailedError|SqliteError|EntityNotFoundError)\b/],
  ['file path', /(?:^|[\s"'(=])\/(?:work|home|usr|srv|opt|var|tmp|root|app)\/[\w.@-]+\//],
  ['file path', /node_modules\/|[\w-]+\.(?:ts|js):\d+:\d+/],
];

export interface Finding {
  kind: string;
  source: string;
  match: string;
  excerpt: string;
}

function excerpt(text: string, index: number, length: number): string {
  return text.slice(Math.max(0, index - 60), Math.min(text.length, index + length + 60)).replace(/\s+/g, ' ');
}

/**
 * Counts personal-data hits; keeps the first few findings to print. Phone numbers count at
 * once; standalone 6-digit numbers are kept until `settleCodes` learns which codes were sent
 * (a code may be sent after the text that shows it was scanned).
 */
export class PiiScanner {
  private phoneHits = 0;
  private codeHits = 0;
  readonly findings: Finding[] = [];
  private readonly sixDigits = new Map<string, { count: number; finding: Finding }>();
  private readonly settled = new Set<string>();

  get hits(): number {
    return this.phoneHits + this.codeHits;
  }

  /**
   * `echo`: the request that produced this text; a value the caller sent is not a leak when it
   * comes back to that caller (graphql-js quotes bad input in its error messages).
   */
  scan(text: string, source: string, echo = ''): number {
    let found = 0;
    for (const m of text.matchAll(PHONE)) {
      if (echo.includes(m[0])) continue;
      found++;
      this.record({ kind: 'phone number', source, match: m[0], excerpt: excerpt(text, m.index!, m[0].length) });
    }
    this.phoneHits += found;
    for (const m of text.matchAll(SIX_DIGITS)) {
      if (echo.includes(m[0])) continue;
      const seen = this.sixDigits.get(m[0]);
      if (seen) seen.count++;
      else this.sixDigits.set(m[0], { count: 1, finding: { kind: 'one-time code', source, match: m[0], excerpt: excerpt(text, m.index!, m[0].length) } });
      if (this.settled.has(m[0])) this.countCode(m[0], 1);
    }
    return found;
  }

  /** Codes that were sent (SMS file or webhook sink): every standalone sighting of one is a hit. */
  settleCodes(codes: Iterable<string>): number {
    let found = 0;
    for (const code of codes) {
      if (this.settled.has(code)) continue;
      this.settled.add(code);
      const seen = this.sixDigits.get(code);
      if (seen) {
        found += seen.count;
        this.countCode(code, seen.count);
      }
    }
    return found;
  }

  /** Adds another scanner's hits and findings (a run made of several apps). */
  merge(other: PiiScanner): void {
    this.phoneHits += other.phoneHits;
    this.codeHits += other.codeHits;
    for (const f of other.findings) this.record(f);
  }

  private countCode(code: string, count: number): void {
    this.codeHits += count;
    const seen = this.sixDigits.get(code);
    if (seen) this.record(seen.finding);
  }

  private record(f: Finding): void {
    if (this.findings.length < 20) this.findings.push(f);
  }
}

/** Counts responses that show internals. */
export class LeakScanner {
  leaks = 0;
  readonly findings: Finding[] = [];

  /** Returns true when the response leaks; text the request itself sent does not count. */
  scan(text: string, source: string, echo = ''): boolean {
    for (const [kind, pattern] of LEAK_PATTERNS) {
      const m = pattern.exec(text);
      if (!m || echo.includes(m[0].trim())) continue;
      this.leaks++;
      if (this.findings.length < 20) this.findings.push({ kind, source, match: m[0], excerpt: excerpt(text, m.index, m[0].length) });
      return true;
    }
    return false;
  }
}
