import fc from 'fast-check';
import { officialExceptions } from './holiday-source.js';
import { WorkingDayCalendar } from './working-days.js';
import { shanghaiDate } from './shanghai-time.js';

const calendar = new WorkingDayCalendar(new Map(officialExceptions(2025).map((d) => [d.date, d.kind])));

describe('working-day calendar (State Council schedule)', () => {
  it('knows the 2025 make-up days and holidays', () => {
    expect(calendar.isWorkingDate('2025-01-26')).toBe(true); // Sunday, 春节调休
    expect(calendar.isWorkingDate('2025-09-28')).toBe(true); // Sunday, 国庆调休
    for (const d of ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08']) {
      expect(calendar.isWorkingDate(d)).toBe(false);
    }
    expect(calendar.isWorkingDate('2025-10-09')).toBe(true);
    expect(calendar.isWorkingDate('2025-10-11')).toBe(true); // Saturday, 国庆调休
    expect(calendar.isWorkingDate('2025-10-12')).toBe(false); // ordinary Sunday
  });

  it('knows 2026 Spring Festival', () => {
    expect(calendar.isWorkingDate('2026-02-16')).toBe(false);
    expect(calendar.isWorkingDate('2026-02-14')).toBe(true); // Saturday, 调休
    expect(calendar.isWorkingDate('2026-02-24')).toBe(true);
  });

  it('counts deadlines from the day after, to the end of the Nth working day in Shanghai', () => {
    // Assigned Friday 2025-09-26 10:00 Shanghai; sign within 1 working day → Sunday 09-28 is a make-up day.
    const assigned = new Date('2025-09-26T02:00:00Z');
    expect(calendar.deadlineAfter(assigned, 1).toISOString()).toBe('2025-09-28T15:59:59.999Z');
    // 10 working days from 2025-09-30 skip the National Day week: 09-30 → Oct 9,10,11(Sat),13,14,15,16,17,20,21.
    expect(shanghaiDate(calendar.deadlineAfter(new Date('2025-09-30T02:00:00Z'), 10))).toBe('2025-10-21');
    // Late evening UTC is already the next day in Shanghai.
    expect(shanghaiDate(calendar.deadlineAfter(new Date('2025-01-23T17:00:00Z'), 1))).toBe('2025-01-26');
  });

  it('reminds at 09:00 Shanghai one working day before the due day', () => {
    const due = calendar.deadlineAfter(new Date('2025-09-30T02:00:00Z'), 10); // 2025-10-21
    expect(calendar.workingDaysBefore(due, 1).toISOString()).toBe('2025-10-20T01:00:00.000Z');
  });

  it('always lands deadlines on working days (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2026-11-30T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 20 }),
        (from, n) => {
          const due = calendar.deadlineAfter(from, n);
          expect(calendar.isWorkingDate(shanghaiDate(due))).toBe(true);
          expect(calendar.workingDaysBetween(from, due)).toBe(n);
          expect(due.getTime()).toBeGreaterThan(from.getTime());
        },
      ),
    );
  });

  it('lets admin exceptions override weekdays and weekends', () => {
    const custom = new WorkingDayCalendar(new Map([['2027-01-04', 'HOLIDAY'], ['2027-01-09', 'WORKDAY']]));
    expect(custom.isWorkingDate('2027-01-04')).toBe(false);
    expect(custom.isWorkingDate('2027-01-09')).toBe(true);
  });
});
