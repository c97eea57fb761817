import fc from 'fast-check';
import { formatTrackingNumber, parseTrackingNumber } from './tracking-number.js';

describe('tracking numbers', () => {
  it('formats JY + Shanghai year + padded id', () => {
    expect(formatTrackingNumber(1234, new Date('2026-03-01T00:00:00Z'))).toBe('JY20260001234');
    // 2025-12-31 20:00 UTC is already 2026 in Shanghai.
    expect(formatTrackingNumber(5, new Date('2025-12-31T20:00:00Z'))).toBe('JY20260000005');
  });
  it('round-trips any id and year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), fc.date({ min: new Date('2020-01-01'), max: new Date('2099-01-01'), noInvalidDate: true }), (id, at) => {
        const parsed = parseTrackingNumber(formatTrackingNumber(id, at));
        expect(parsed?.id).toBe(id);
      }),
    );
  });
  it('refuses what is not a tracking number', () => {
    expect(parseTrackingNumber('JY2026')).toBeNull();
    expect(parseTrackingNumber('AB20260001234')).toBeNull();
    expect(parseTrackingNumber('JY20260000000')).toBeNull();
  });
});
