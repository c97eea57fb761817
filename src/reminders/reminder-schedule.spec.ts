import { WorkingDayCalendar } from '../calendar/working-days.js';
import { officialExceptions } from '../calendar/holiday-source.js';
import { ESCALATION_MAX_LEVEL } from '../suggestions/suggestion-deadlines.js';
import { deadlineReminders, nextEscalation } from './reminder-schedule.js';

const calendar = new WorkingDayCalendar(new Map(officialExceptions(2025).map((d) => [d.date, d.kind])));

describe('reminder schedule', () => {
  const assigned = new Date('2025-09-30T02:00:00Z'); // Tuesday 10:00 Shanghai
  const s = { id: 7, signDueAt: calendar.deadlineAfter(assigned, 1), replyDueAt: calendar.deadlineAfter(assigned, 10) };

  it('reminds at 09:00 Shanghai on working days around the holiday', () => {
    const [sign, soon, overdue] = deadlineReminders(calendar, s, { includeSign: true });
    // Sign due on the first working day after National Day week: 2025-10-09.
    expect(sign!.availableAt!.toISOString()).toBe('2025-10-09T01:00:00.000Z');
    // Reply due 2025-10-21; one working day before is 10-20.
    expect(soon!.availableAt!.toISOString()).toBe('2025-10-20T01:00:00.000Z');
    expect(overdue!.availableAt!.toISOString()).toBe('2025-10-21T16:00:00.000Z');
    expect(overdue!.payload).toEqual({ suggestionId: 7, dueAt: s.replyDueAt.toISOString(), level: 1 });
  });

  it('keys reminders by deadline, so a new deadline schedules new ones', () => {
    const later = { ...s, replyDueAt: calendar.deadlineAfter(s.replyDueAt, 5) };
    const a = deadlineReminders(calendar, s, { includeSign: false }).map((e) => e.dedupeKey);
    const b = deadlineReminders(calendar, later, { includeSign: false }).map((e) => e.dedupeKey);
    expect(a.filter((k) => b.includes(k))).toEqual([]);
  });

  it('escalates each next working day up to the cap', () => {
    const firedFriday = new Date('2025-10-24T01:00:00Z');
    const next = nextEscalation(calendar, s, s.replyDueAt.toISOString(), 1, firedFriday);
    expect(next!.availableAt!.toISOString()).toBe('2025-10-27T01:00:00.000Z'); // Monday 09:00
    expect(nextEscalation(calendar, s, s.replyDueAt.toISOString(), ESCALATION_MAX_LEVEL, firedFriday)).toBeNull();
  });
});
