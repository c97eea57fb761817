import { OFFICIAL_CALENDAR_FROM_YEAR, officialExceptions } from '../calendar/holiday-source.js';
import { shanghaiDate } from '../calendar/shanghai-time.js';
import { WorkingDayCalendar } from '../calendar/working-days.js';
import { correctionNoticeDeadline, dueSoonReminderAt, isOnTime, pausedWorkingDays, replyDueAt } from './disclosure-deadlines.js';

const calendar = new WorkingDayCalendar(new Map(officialExceptions(2025).map((d) => [d.date, d.kind])));
// Friday 2025-09-19, 10:00 Shanghai. The 2025 National Day week: 10-01…10-08 off,
// Sunday 09-28 and Saturday 10-11 worked (调休).
const received = new Date('2025-09-19T02:00:00Z');
const at = (date: string, hour = 10) => new Date(`${date}T${String(hour - 8).padStart(2, '0')}:00:00Z`);

describe('disclosure deadlines around the 2025 National Day week', () => {
  it('gives 20 working days from the day after receipt, counting the make-up days and skipping the holiday', () => {
    // 22 23 24 25 26 | 28(Sun) 29 30 | 10-09 10 11(Sat) | 13 14 15 16 17 | 20 21 22 23
    const due = replyDueAt(calendar, { receivedAt: received, extensionWorkingDays: 0, pausedWorkingDays: 0 });
    expect(due.toISOString()).toBe('2025-10-23T15:59:59.999Z');
  });

  it('moves the due date by the working days a correction paused the clock', () => {
    // Asked Thursday 09-25, answered Friday 10-10: paused 09-26, 09-28, 09-29, 09-30, 10-09, 10-10.
    const paused = pausedWorkingDays(calendar, at('2025-09-25'), at('2025-10-10', 15));
    expect(paused).toBe(6);
    const due = replyDueAt(calendar, { receivedAt: received, extensionWorkingDays: 0, pausedWorkingDays: paused });
    expect(shanghaiDate(due)).toBe('2025-10-31'); // 10-23 + 24 27 28 29 30 31
  });

  it('counts only working days of a pause that spans the holiday', () => {
    expect(pausedWorkingDays(calendar, at('2025-09-30'), at('2025-10-09'))).toBe(1);
    expect(pausedWorkingDays(calendar, at('2025-09-30'), at('2025-10-08'))).toBe(0);
    expect(pausedWorkingDays(calendar, at('2025-09-25', 9), at('2025-09-25', 17))).toBe(0);
  });

  it('adds the extension on top of the paused days', () => {
    expect(shanghaiDate(replyDueAt(calendar, { receivedAt: received, extensionWorkingDays: 20, pausedWorkingDays: 0 }))).toBe('2025-11-20');
    expect(shanghaiDate(replyDueAt(calendar, { receivedAt: received, extensionWorkingDays: 20, pausedWorkingDays: 6 }))).toBe('2025-11-28');
    expect(shanghaiDate(replyDueAt(calendar, { receivedAt: received, extensionWorkingDays: 5, pausedWorkingDays: 0 }))).toBe('2025-10-30');
  });

  it('allows a correction request until the 7th working day after receipt', () => {
    expect(correctionNoticeDeadline(calendar, received).toISOString()).toBe('2025-09-29T15:59:59.999Z');
  });

  it('reminds at 09:00 three working days before the due day', () => {
    const due = replyDueAt(calendar, { receivedAt: received, extensionWorkingDays: 0, pausedWorkingDays: 0 });
    expect(dueSoonReminderAt(calendar, due).toISOString()).toBe('2025-10-20T01:00:00.000Z');
  });

  it('is on time through the end of the due day', () => {
    const due = new Date('2025-10-23T15:59:59.999Z');
    expect(isOnTime(new Date('2025-10-23T15:59:59.999Z'), due)).toBe(true);
    expect(isOnTime(new Date('2025-10-23T16:00:00.000Z'), due)).toBe(false);
  });
});

describe('a back-dated request counts in its own year', () => {
  // The whole official schedule, as CalendarService seeds it (every year chinese-days holds).
  const everyYear = new WorkingDayCalendar(new Map(officialExceptions().map((d) => [d.date, d.kind])));

  it('skips the 2019 National Day week and works its make-up days', () => {
    // Received Friday 2019-09-20: 23 24 25 26 27 | 29(Sun) 30 | 10-08 09 10 11 12(Sat) | 14 15 16 17 18 | 21 22 23
    const due = replyDueAt(everyYear, { receivedAt: new Date('2019-09-20T02:00:00Z'), extensionWorkingDays: 0, pausedWorkingDays: 0 });
    expect(shanghaiDate(due)).toBe('2019-10-23');
  });

  it('holds the schedule from OFFICIAL_CALENDAR_FROM_YEAR on, the earliest receipt a request may have', () => {
    const years = new Set(officialExceptions().map((d) => Number(d.date.slice(0, 4))));
    expect(Math.min(...years)).toBe(OFFICIAL_CALENDAR_FROM_YEAR);
    expect(OFFICIAL_CALENDAR_FROM_YEAR).toBeLessThanOrEqual(2020);
  });
});
