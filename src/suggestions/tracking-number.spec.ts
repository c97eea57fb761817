import fc from 'fast-check';
import { formatLegacyTrackingNumber, newTrackingNumber, parseTrackingNumber, trackingNumberOf } from './tracking-number.js';

describe('tracking numbers', () => {
  it('formats legacy numbers as JY + Shanghai year + padded id', () => {
    expect(formatLegacyTrackingNumber(1234, new Date('2026-03-01T00:00:00Z'))).toBe('JY20260001234');
    // 2025-12-31 20:00 UTC is already 2026 in Shanghai.
    expect(formatLegacyTrackingNumber(5, new Date('2025-12-31T20:00:00Z'))).toBe('JY20260000005');
  });

  it('still reads every legacy number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), fc.date({ min: new Date('2020-01-01'), max: new Date('2099-01-01'), noInvalidDate: true }), (id, at) => {
        expect(parseTrackingNumber(formatLegacyTrackingNumber(id, at))).toEqual({ kind: 'legacy', year: expect.any(Number), id });
      }),
    );
  });

  it('gives new items random numbers that carry nothing of the id and never read as legacy ones', () => {
    const at = new Date('2026-06-01T00:00:00Z');
    const numbers = Array.from({ length: 2000 }, () => newTrackingNumber(at));
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) {
      expect(n).toMatch(/^JY2026[A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z]{9}$/);
      expect(parseTrackingNumber(n)).toEqual({ kind: 'random', year: 2026, value: n });
    }
    // Neighbouring items share no prefix beyond the year: nothing to count on.
    const shared = numbers.slice(1).filter((n, i) => n.slice(0, 8) === numbers[i]!.slice(0, 8)).length;
    expect(shared).toBeLessThan(numbers.length / 100);
  });

  it('prefers the stored number and falls back to the legacy one', () => {
    const at = new Date('2026-06-01T00:00:00Z');
    expect(trackingNumberOf({ id: 7, submittedAt: at, trackingNumber: 'JY2026K7M3Q9X2HF' })).toBe('JY2026K7M3Q9X2HF');
    expect(trackingNumberOf({ id: 7, submittedAt: at, trackingNumber: null })).toBe('JY20260000007');
  });

  it('reads numbers typed loosely', () => {
    expect(parseTrackingNumber(' jy2026-k7m3-q9x2hf ')).toEqual({ kind: 'random', year: 2026, value: 'JY2026K7M3Q9X2HF' });
    expect(parseTrackingNumber('JY2026K7M3Q9X2HO')).toEqual({ kind: 'random', year: 2026, value: 'JY2026K7M3Q9X2H0' });
  });

  it('refuses what is not a tracking number', () => {
    expect(parseTrackingNumber('JY2026')).toBeNull();
    expect(parseTrackingNumber('AB20260001234')).toBeNull();
    expect(parseTrackingNumber('JY20260000000')).toBeNull();
    expect(parseTrackingNumber('JY2026K7M3')).toBeNull();
  });
});
