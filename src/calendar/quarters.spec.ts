import fc from 'fast-check';
import { quarterEnd, quarterOf } from './quarters.js';

describe('quarters', () => {
  it('reads the quarter on the Shanghai calendar', () => {
    expect(quarterOf(new Date('2026-09-30T15:59:59.999Z'))).toBe('2026Q3');
    expect(quarterOf(new Date('2026-09-30T16:00:00.000Z'))).toBe('2026Q4'); // 00:00 on 1 October in Shanghai
    expect(quarterOf(new Date('2025-12-31T16:00:00.000Z'))).toBe('2026Q1');
  });
  it('ends a quarter at 00:00 Shanghai on the next quarter’s first day', () => {
    expect(quarterEnd('2026Q3').toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(quarterEnd('2026Q4').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(() => quarterEnd('2026Q5')).toThrow(/a quarter like 2026Q3/);
  });
  it('every instant lies before the end of its quarter and at or after the end of the previous one', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (at) => {
        const q = quarterOf(at);
        expect(at.getTime()).toBeLessThan(quarterEnd(q).getTime());
        expect(quarterOf(new Date(quarterEnd(q).getTime() - 1))).toBe(q);
        expect(quarterOf(quarterEnd(q))).not.toBe(q);
      }),
    );
  });
});
