import { SHANGHAI_OFFSET_MS, shanghaiDate, startOfShanghaiDate } from './shanghai-time.js';

export type DayKind = 'HOLIDAY' | 'WORKDAY';

const DAY_MS = 86400_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function isWeekend(date: string): boolean {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

/**
 * Working days on China's calendar: Monday–Friday, except public holidays, plus the
 * weekend days made working days (调休). Pure; the exceptions come from the database.
 * Every deadline in the platform is computed here and nowhere else.
 */
export class WorkingDayCalendar {
  constructor(private readonly exceptions: ReadonlyMap<string, DayKind>) {}

  isWorkingDate(date: string): boolean {
    const kind = this.exceptions.get(date);
    if (kind === 'HOLIDAY') return false;
    if (kind === 'WORKDAY') return true;
    return !isWeekend(date);
  }

  /** The Nth working date strictly after `date` (N ≥ 1); N = 0 gives `date` itself. */
  nthWorkingDateAfter(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number ≥ 0');
    let d = date;
    for (let found = 0; found < n; ) {
      d = addDays(d, 1);
      if (this.isWorkingDate(d)) found++;
    }
    return d;
  }

  /** The Nth working date strictly before `date`. */
  nthWorkingDateBefore(date: string, n: number): string {
    let d = date;
    for (let found = 0; found < n; ) {
      d = addDays(d, -1);
      if (this.isWorkingDate(d)) found++;
    }
    return d;
  }

  /**
   * "Within N working days of X": the end (23:59:59.999 Shanghai) of the Nth working day
   * after the day of X. The day X happens on does not count, even if it is a working day.
   */
  deadlineAfter(from: Date, workingDays: number): Date {
    const dueDate = this.nthWorkingDateAfter(shanghaiDate(from), workingDays);
    return new Date(startOfShanghaiDate(addDays(dueDate, 1)).getTime() - 1);
  }

  /** A Shanghai wall-clock time on the Nth working day before a deadline's day (reminders). */
  workingDaysBefore(deadline: Date, n: number, hour = 9): Date {
    const date = this.nthWorkingDateBefore(shanghaiDate(deadline), n);
    return new Date(startOfShanghaiDate(date).getTime() + hour * 3600_000);
  }

  /**
   * Working days left until a deadline, signed: the working days after today through the deadline's
   * day (0 = due today), or, once it has passed, minus the working days since, at least -1 (a deadline
   * missed hours ago or over a weekend is overdue, and "0" would read as on time).
   */
  workingDaysLeft(deadline: Date, now: Date): number {
    if (deadline >= now) return this.workingDaysBetween(now, deadline);
    return -Math.max(1, this.workingDaysBetween(deadline, now));
  }

  /** Working days from the day after `from` through the day of `to` (0 if `to` is not later). */
  workingDaysBetween(from: Date, to: Date): number {
    const end = shanghaiDate(to);
    let d = shanghaiDate(from);
    let count = 0;
    while (d < end) {
      d = addDays(d, 1);
      if (this.isWorkingDate(d)) count++;
    }
    return count;
  }
}

export { SHANGHAI_OFFSET_MS };
