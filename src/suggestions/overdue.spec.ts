import { workingDaysOverdue } from './overdue.js';
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
