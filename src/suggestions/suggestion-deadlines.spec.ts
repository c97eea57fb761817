import {
  assignmentDeadlines,
  callbackDueAt,
  DEFAULT_DEADLINES,
  deadlinesLeft,
  dueSoonHorizon,
  extendedReplyDueAt,
  firstEscalationAt,
  nextEscalationAt,
  ratingDueAt,
  reopenedReplyDueAt,
  replyDueSoonReminderAt,
  signReminderAt,
  workingDaysOverdue,
} from './suggestion-deadlines.js';
import { officialExceptions } from '../calendar/holiday-source.js';
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

// The 2025 National Day week: 10-01…10-08 off, Sunday 09-28 and Saturday 10-11 worked (调休).
describe('suggestion deadlines around the 2025 National Day week', () => {
  const calendar = new WorkingDayCalendar(new Map(officialExceptions(2025).map((d) => [d.date, d.kind])));
  const tuesday = new Date('2025-09-30T02:00:00Z'); // 10:00 Shanghai, the eve of the holiday

  it('defaults to 1 working day to sign, 10 to reply, 5 after a reopen and 7 calendar days to rate (ARCHITECTURE §3)', () => {
    expect(DEFAULT_DEADLINES).toEqual({ signDays: 1, replyDays: 10, reopenReplyDays: 5, ratingWindowDays: 7 });
  });

  it('starts both clocks at assignment, over the holiday and through the make-up Saturday', () => {
    const { signDueAt, replyDueAt } = assignmentDeadlines(calendar, tuesday, DEFAULT_DEADLINES);
    expect(signDueAt.toISOString()).toBe('2025-10-09T15:59:59.999Z'); // end of Thursday 10-09
    // 10-09 10 11(Sat, worked) 13 14 15 16 17 20 21
    expect(replyDueAt.toISOString()).toBe('2025-10-21T15:59:59.999Z');
  });

  it('gives a reopened item its own shorter period, moves an extended deadline by working days, and rates in calendar days', () => {
    expect(reopenedReplyDueAt(calendar, tuesday, DEFAULT_DEADLINES).toISOString()).toBe('2025-10-14T15:59:59.999Z'); // 10-09 10 11 13 14
    // Due Friday 09-26; three more working days: Sunday 09-28 (worked), 09-29, 09-30.
    expect(extendedReplyDueAt(calendar, new Date('2025-09-26T15:59:59.999Z'), 3).toISOString()).toBe('2025-09-30T15:59:59.999Z');
    expect(ratingDueAt(tuesday, DEFAULT_DEADLINES).toISOString()).toBe('2025-10-07T02:00:00.000Z'); // holidays count
    expect(callbackDueAt(calendar, tuesday).toISOString()).toBe('2025-10-11T15:59:59.999Z'); // 10-09 10 11
  });

  it('times reminders at 09:00 Shanghai on working days', () => {
    const { signDueAt, replyDueAt } = assignmentDeadlines(calendar, tuesday, DEFAULT_DEADLINES);
    expect(signReminderAt(calendar, signDueAt).toISOString()).toBe('2025-10-09T01:00:00.000Z'); // the sign-due day
    expect(replyDueSoonReminderAt(calendar, replyDueAt).toISOString()).toBe('2025-10-20T01:00:00.000Z'); // one working day before
    expect(firstEscalationAt(replyDueAt).toISOString()).toBe('2025-10-21T16:00:00.000Z'); // the moment it is overdue
    // Escalations step to the next working day: from Friday 09-26 to the worked Sunday, from 09-30 over the holiday.
    expect(nextEscalationAt(calendar, new Date('2025-09-26T01:00:00Z')).toISOString()).toBe('2025-09-28T01:00:00.000Z');
    expect(nextEscalationAt(calendar, new Date('2025-09-30T01:00:00Z')).toISOString()).toBe('2025-10-09T01:00:00.000Z');
  });

  it('counts a reply due within two working days as due soon in the unit inbox', () => {
    expect(dueSoonHorizon(calendar, tuesday).toISOString()).toBe('2025-10-10T15:59:59.999Z'); // 10-09 10
  });
});
