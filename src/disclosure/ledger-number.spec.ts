import fc from 'fast-check';
import { normalizeContactPhone } from './contact-phone.js';
import { formatLedgerNumber, parseLedgerNumber } from './ledger-number.js';

describe('ledger numbers', () => {
  it('formats YSQ + year + a four-digit sequence', () => {
    expect(formatLedgerNumber(2026, 1)).toBe('YSQ2026-0001');
    expect(formatLedgerNumber(2020, 45)).toBe('YSQ2020-0045');
    expect(formatLedgerNumber(2026, 12345)).toBe('YSQ2026-12345');
  });
  it('round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 10_000_000 }), (year, sequence) => {
        expect(parseLedgerNumber(formatLedgerNumber(year, sequence))).toEqual({ year, sequence });
      }),
    );
  });
  it('refuses what is not a ledger number', () => {
    for (const bad of ['YSQ2026-1', 'YSQ2026-0000', 'JY20260001234', 'YSQ26-0001', '']) expect(parseLedgerNumber(bad)).toBeNull();
    expect(parseLedgerNumber(' ysq2026-0007 ')).toEqual({ year: 2026, sequence: 7 });
  });
});

describe('contact numbers', () => {
  it('accepts mobiles and landlines with an area code', () => {
    expect(normalizeContactPhone('+86 138 1234 1234')).toBe('13812341234');
    expect(normalizeContactPhone('0795-3273397')).toBe('0795-3273397');
    expect(normalizeContactPhone('(010) 12345678')).toBe('010-12345678');
    expect(normalizeContactPhone('07953273397')).toBe('07953273397');
    expect(normalizeContactPhone('(0795)3273397')).toBe('0795-3273397');
  });
  it('refuses the rest', () => {
    for (const bad of ['12345', '3273397', '23812341234', 'phone']) expect(normalizeContactPhone(bad)).toBeNull();
  });
});
