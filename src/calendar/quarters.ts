import { ValidationError } from '../common/errors.js';
import { shanghaiDate, startOfShanghaiDate } from './shanghai-time.js';
import { msg } from '../common/i18n/message.js';

// Quarters (awards, the quarter-end job) are calendar quarters in Asia/Shanghai, written '2026Q3'. A quarter is the
// half-open window [start, end): 2026Q3 runs from 2026-07-01 00:00 to 2026-10-01 00:00 Shanghai time.

export interface Quarter {
  key: string;
  year: number;
  quarter: 1 | 2 | 3 | 4;
  start: Date;
  end: Date;
}

const PATTERN = /^(\d{4})Q([1-4])$/;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

/** Parses '2026Q3'; anything else is BAD_USER_INPUT on `field`. */
export function parseQuarter(value: string, field = 'quarter'): Quarter {
  const m = PATTERN.exec(value.trim());
  const year = m ? Number(m[1]) : NaN;
  if (!m || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new ValidationError(msg('format.quarter', { field, first: FIRST_YEAR, last: LAST_YEAR }), field);
  }
  const quarter = Number(m[2]) as 1 | 2 | 3 | 4;
  return { key: `${year}Q${quarter}`, year, quarter, start: quarterStart(year, quarter), end: quarterStart(quarter === 4 ? year + 1 : year, quarter === 4 ? 1 : quarter + 1) };
}

function quarterStart(year: number, quarter: number): Date {
  const month = String((quarter - 1) * 3 + 1).padStart(2, '0');
  return startOfShanghaiDate(`${year}-${month}-01`);
}

/** The quarter an instant falls in, in Shanghai time. */
export function quarterOf(instant: Date): string {
  const [year, month] = shanghaiDate(instant).split('-').map(Number) as [number, number];
  return `${year}Q${Math.floor((month - 1) / 3) + 1}`;
}

/** The last quarter that has fully ended at `instant` (what the quarter-end job computes). */
export function previousQuarter(instant: Date): string {
  const current = parseQuarter(quarterOf(instant));
  return current.quarter === 1 ? `${current.year - 1}Q4` : `${current.year}Q${current.quarter - 1}`;
}

/** The instant a quarter ends: 00:00 Shanghai on the first day of the next quarter. */
export function quarterEnd(quarter: string): Date {
  return parseQuarter(quarter).end;
}
