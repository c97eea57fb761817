import { deadlinesLeft, workingDaysOverdue } from './overdue.js';
import { WorkingDayCalendar, type DayKind } from '../calendar/working-days.js';

describe('workingDaysOverdue', () => {
  const calendar = new WorkingDayCalendar(new Map());
  // Friday 2026-11-06 23:59:59.999 Shanghai.
  const due = new Date('2026-11-06T15:59:59.999Z');

  it('is null before the deadline and for items the unit no longer holds', () => {
    expect(workingDaysOverdue({ status: 'IN_PROGRESS', replyDueAt: due }, new Date('2026-11-06T10:00:00Z'), calendar)).toBeNull();
    expect(workingDaysOverdue({ status: 'REPLY_REVIEW', replyDueAt: due }, new Date('2026-11-20T02:00:00Z'), calendar)).toBeNull();
    expect(workingDaysOverdue({ status: 'CLOSED', replyDueAt: due }, new Date('2026-11-20T02:00:00Z'), calendar)).toBeNull();
    expect(workingDaysOverdue({ status: 'SUBMITTED', replyDueAt: null }, new Date('2026-11-20T02:00:00Z'), calendar)).toBeNull();
  });

  it('counts working days after the deadline, at least 1 once it has passed', () => {
    // Saturday: past the deadline, no working day yet.
    expect(workingDaysOverdue({ status: 'IN_PROGRESS', replyDueAt: due }, new Date('2026-11-07T02:00:00Z'), calendar)).toBe(1);
    // Monday and Tuesday.
    expect(workingDaysOverdue({ status: 'ASSIGNED', replyDueAt: due }, new Date('2026-11-10T02:00:00Z'), calendar)).toBe(2);
    // Two weeks later: ten working days.
    expect(workingDaysOverdue({ status: 'IN_PROGRESS', replyDueAt: due }, new Date('2026-11-20T10:00:00Z'), calendar)).toBe(10);
  });

  it('skips holidays from the calendar', () => {
    const withHoliday = new WorkingDayCalendar(new Map<string, DayKind>([['2026-11-09', 'HOLIDAY']]));
    expect(workingDaysOverdue({ status: 'IN_PROGRESS', replyDueAt: due }, new Date('2026-11-10T02:00:00Z'), withHoliday)).toBe(1);
  });
});

describe('deadlinesLeft', () => {
  const calendar = new WorkingDayCalendar(new Map<string, DayKind>([['2026-11-09', 'HOLIDAY'], ['2026-11-14', 'WORKDAY']]));
  const signDueAt = new Date('2026-11-04T15:59:59.999Z'); // Wednesday
  const replyDueAt = new Date('2026-11-16T15:59:59.999Z'); // Monday

  it('counts working days to each running deadline, skipping holidays and counting make-up days', () => {
    // Tuesday 3rd: sign Wednesday (1); reply: 4, 5, 6, 10, 11, 12, 13, 14 (Sat, make-up), 16 = 9.
    expect(deadlinesLeft({ status: 'ASSIGNED', signDueAt, replyDueAt }, new Date('2026-11-03T02:00:00Z'), calendar)).toEqual({ sign: 1, reply: 9 });
    // Due today is 0, passed is negative and at least -1.
    expect(deadlinesLeft({ status: 'ASSIGNED', signDueAt, replyDueAt }, new Date('2026-11-04T02:00:00Z'), calendar).sign).toBe(0);
    expect(deadlinesLeft({ status: 'ASSIGNED', signDueAt, replyDueAt }, new Date('2026-11-04T16:30:00Z'), calendar).sign).toBe(-1);
    expect(deadlinesLeft({ status: 'ASSIGNED', signDueAt, replyDueAt }, new Date('2026-11-10T02:00:00Z'), calendar).sign).toBe(-3);
  });

  it('is null for deadlines that do not run in the status', () => {
    const now = new Date('2026-11-03T02:00:00Z');
    expect(deadlinesLeft({ status: 'IN_PROGRESS', signDueAt, replyDueAt }, now, calendar)).toEqual({ sign: null, reply: 9 });
    for (const status of ['SUBMITTED', 'REPLY_REVIEW', 'REPLIED', 'CLOSED'] as const) {
      expect(deadlinesLeft({ status, signDueAt, replyDueAt }, now, calendar)).toEqual({ sign: null, reply: null });
    }
    expect(deadlinesLeft({ status: 'ASSIGNED', signDueAt: null, replyDueAt: null }, now, calendar)).toEqual({ sign: null, reply: null });
  });
});
