import { startOfShanghaiDate } from '../calendar/shanghai-time.js';
import { ValidationError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';

/** A statistics period: Shanghai calendar dates, both inclusive, as UTC instants [start, end). */
export interface Period {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Month groups stay readable and bounded: at most ten years per report. */
export const MAX_PERIOD_DAYS = 3660;

function checkDate(value: string, field: string): void {
  const d = new Date(`${value}T00:00:00Z`);
  // Date rolls 2020-02-30 over to March, and refuses month 13 outright.
  const valid = DATE.test(value) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
  if (!valid) throw new ValidationError(msg('input.dateFormat', { field }), field);
}

export function parsePeriod(from: string, to: string): Period {
  checkDate(from, 'from');
  checkDate(to, 'to');
  if (to < from) throw new ValidationError(msg('period.toBeforeFrom'), 'to');
  const start = startOfShanghaiDate(from);
  const end = startOfShanghaiDate(nextDate(to));
  if ((end.getTime() - start.getTime()) / 86400_000 > MAX_PERIOD_DAYS) {
    throw new ValidationError(msg('period.tooLong', { maxDays: MAX_PERIOD_DAYS }), 'to');
  }
  return { from, to, start, end };
}

export function yearPeriod(year: number): Period {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ValidationError(msg('input.between', { field: 'year', min: 2000, max: 2100 }), 'year');
  return parsePeriod(`${year}-01-01`, `${year}-12-31`);
}

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Every month (YYYY-MM) the period touches, in order. */
export function monthsOf(period: Pick<Period, 'from' | 'to'>): string[] {
  const months: string[] = [];
  let [y, m] = period.from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = period.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

export function monthLabel(key: string): string {
  const [y, m] = key.split('-');
  return `${y}年${Number(m)}月`;
}
