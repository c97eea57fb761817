import { RATING_LEVELS, type RatingLevel } from './rating.entity.js';

/**
 * Satisfaction points per rating (满意 100, 基本满意 80, 不满意 0): the one table behind the
 * quarterly satisfaction score and the statistics' satisfaction rate, in TypeScript and in SQL.
 */
export const SATISFACTION_POINTS: Readonly<Record<RatingLevel, number>> = { SATISFIED: 100, BASICALLY_SATISFIED: 80, UNSATISFIED: 0 };

/** The same table as a SQL expression over a rating-level column (both dialects). */
export function satisfactionPointsSql(levelColumn: string): string {
  const arms = RATING_LEVELS.map((level) => `WHEN '${level}' THEN ${SATISFACTION_POINTS[level]}`).join(' ');
  return `CASE ${levelColumn} ${arms} ELSE 0 END`;
}
