import fc from 'fast-check';
import { retryDelayMs } from './backoff.js';

describe('retry backoff', () => {
  it('doubles each attempt and stays within [half, full] of the exponential delay', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 12 }), fc.double({ min: 0, max: 1, noNaN: true }), (base, attempt, r) => {
        const full = base * 2 ** (attempt - 1);
        const d = retryDelayMs(base, attempt, () => r);
        expect(d).toBeGreaterThanOrEqual(Math.floor(full / 2));
        expect(d).toBeLessThanOrEqual(Math.ceil(full));
      }),
    );
    expect(retryDelayMs(10_000, 1, () => 1)).toBe(10_000);
    expect(retryDelayMs(10_000, 3, () => 0)).toBe(20_000);
  });
});
