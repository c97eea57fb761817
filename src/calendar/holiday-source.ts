import { createRequire } from 'node:module';
import type { DayKind } from './working-days.js';

// State Council holiday and make-up-day schedules, from the maintained `chinese-days`
// package (compiled from the official 国务院办公厅 notices each year). Its data covers the
// years whose notice has been published; later years are added by upgrading the package
// or by admins through setCalendarDay.
const require = createRequire(import.meta.url);
const data = require('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
const version = (require('chinese-days/package.json') as { version: string }).version;

export const HOLIDAY_SOURCE = `chinese-days@${version}`;

/**
 * The first year whose official schedule the calendar holds. Deadlines counted from an earlier
 * date would treat that year's festivals as working days, so nothing may start before it.
 */
export const OFFICIAL_CALENDAR_FROM_YEAR = Math.min(...Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));

/** Official exceptions from `fromYear` on: date → kind and the festival's name. */
export function officialExceptions(fromYear = OFFICIAL_CALENDAR_FROM_YEAR): { date: string; kind: DayKind; name: string | null }[] {
  const rows: { date: string; kind: DayKind; name: string | null }[] = [];
  const nameOf = (v: string) => v.split(',')[1] ?? v.split(',')[0] ?? null;
  for (const [date, v] of Object.entries(data.holidays)) if (Number(date.slice(0, 4)) >= fromYear) rows.push({ date, kind: 'HOLIDAY', name: nameOf(v) });
  for (const [date, v] of Object.entries(data.workdays)) if (Number(date.slice(0, 4)) >= fromYear) rows.push({ date, kind: 'WORKDAY', name: nameOf(v) });
  return rows.sort((a, b) => a.date.localeCompare(b.date));
}
