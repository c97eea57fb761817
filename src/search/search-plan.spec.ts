import fc from 'fast-check';
import { choosePlan, estimateTotal, INDEX_MICROS_PER_POSTING, MAX_SCAN_WINDOW, rarestToken, roundSignificant, SCAN_MICROS_PER_ROW, SCAN_WINDOW, scanWindowWorth } from './search-plan.js';

describe('search plan', () => {
  it('scans for a word in most rows: the page fills within a few dozen rows', () => {
    expect(choosePlan({ rows: 500, tokenHits: [500], allHits: 500 }, 21)).toEqual({ kind: 'scan' });
  });

  it('scans for a medium word (路灯, ~2 % of rows): about 1,000 rows walked', () => {
    expect(choosePlan({ rows: 500, tokenHits: [10], allHits: 10 }, 21)).toEqual({ kind: 'scan' });
  });

  it('uses the index for a rare word, driven by the rarest token', () => {
    expect(choosePlan({ rows: 500, tokenHits: [0], allHits: 0 }, 21)).toEqual({ kind: 'index', driving: [0] });
    expect(choosePlan({ rows: 500, tokenHits: [500, 3, 40], allHits: 1 }, 21)).toEqual({ kind: 'index', driving: [1] });
  });

  it('uses the index on an empty table', () => {
    expect(choosePlan({ rows: 0, tokenHits: [0], allHits: 0 }, 21)).toEqual({ kind: 'index', driving: [0] });
  });

  it('scans exactly when the expected walk (limit / match rate) fits the window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.nat(2000), fc.integer({ min: 1, max: 101 }), (rows, hits, limit) => {
        const allHits = Math.min(hits, rows);
        const plan = choosePlan({ rows, tokenHits: [allHits], allHits }, limit);
        const expected = allHits > 0 && (limit * rows) / allHits <= SCAN_WINDOW;
        expect(plan.kind).toBe(expected ? 'scan' : 'index');
      }),
    );
  });

  it('scans longer when even the rarest token is common (two common words, rare together): at most what the index would cost', () => {
    // 人民路 路灯 at 1,000,000 rows: 民路 in ~2 % of rows (20,000 postings ≈ 0.8 s through the index), both together in ~0.1 %.
    const sample = { rows: 500, tableRows: 1_000_000, tokenHits: [60, 10, 11], allHits: 0 };
    const plan = choosePlan(sample, 21);
    expect(plan).toEqual({ kind: 'scan', window: MAX_SCAN_WINDOW });
    // A rare driving token keeps the index: it lists few items.
    expect(choosePlan({ rows: 500, tableRows: 1_000_000, tokenHits: [60, 0, 11], allHits: 0 }, 21)).toEqual({ kind: 'index', driving: [1] });
    // Small tables: the index is cheap, nothing changes.
    expect(choosePlan({ rows: 500, tableRows: 800, tokenHits: [60, 10, 11], allHits: 0 }, 21)).toEqual({ kind: 'index', driving: [1] });
  });

  it('a longer scan never costs more than the index it replaces, nor walks past MAX_SCAN_WINDOW', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.nat(2000), fc.integer({ min: 0, max: 5_000_000 }), (rows, hits, tableRows) => {
        const tokenHits = [Math.min(hits, rows)];
        const window = scanWindowWorth({ rows, tableRows, tokenHits, allHits: 0 }, 0);
        const postings = (tokenHits[0]! / rows) * tableRows;
        expect(window).toBeLessThanOrEqual(MAX_SCAN_WINDOW);
        expect(window * SCAN_MICROS_PER_ROW).toBeLessThanOrEqual(postings * INDEX_MICROS_PER_POSTING + 1e-6);
        const plan = choosePlan({ rows, tableRows, tokenHits, allHits: 0 }, 21);
        expect(plan.kind === 'scan' ? plan.window : 0).toBe(window > SCAN_WINDOW ? window : 0);
      }),
    );
  });

  it('picks a token with the fewest hits', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(500), { minLength: 1, maxLength: 32 }), (hits) => {
        expect(hits[rarestToken(hits)]).toBe(Math.min(...hits));
      }),
    );
  });

  it('counts exactly when the window held every item', () => {
    expect(estimateTotal({ rows: 120, matches: 37, lowId: 1, highId: 999 })).toEqual({ count: 37, estimated: false });
  });

  it('scales a full window by the ids it stands for, to two significant digits', () => {
    // 5,000 items over ids 995,001..1,000,000, all matching: about a million.
    expect(estimateTotal({ rows: 5000, matches: 5000, lowId: 995_001, highId: 1_000_000 })).toEqual({ count: 1_000_000, estimated: true });
    // 2 % matching, items on every other id.
    expect(estimateTotal({ rows: 5000, matches: 100, lowId: 990_001, highId: 1_000_000 })).toEqual({ count: 10_000, estimated: true });
  });

  it('leaves a full window without a match to the index count', () => {
    expect(estimateTotal({ rows: 5000, matches: 0, lowId: 1, highId: 9000 })).toBeNull();
  });

  it('rounds to significant digits', () => {
    expect(roundSignificant(123_456, 2)).toBe(120_000);
    expect(roundSignificant(7.4, 2)).toBe(7);
    expect(roundSignificant(0, 2)).toBe(0);
  });
});
