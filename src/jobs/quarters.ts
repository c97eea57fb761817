import { shanghaiDate, startOfShanghaiDate } from '../calendar/shanghai-time.js';

/** The quarter an instant falls in, on the Shanghai calendar: '2026Q3'. */
export function quarterOf(instant: Date): string {
  const [y, m] = shanghaiDate(instant).split('-').map(Number) as [number, number];
  return `${y}Q${Math.floor((m - 1) / 3) + 1}`;
}

/** The instant a quarter ends: 00:00 Shanghai on the first day of the next quarter. */
export function quarterEnd(quarter: string): Date {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!m) throw new RangeError(`not a quarter: ${quarter}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  const next = q === 4 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  return startOfShanghaiDate(next);
}
