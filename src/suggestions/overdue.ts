import type { SuggestionStatus } from './suggestion-workflow.js';

// 督办: an item is overdue while its lead unit still holds it (to sign or in progress) past the reply deadline.
export const OVERDUE_STATUSES: readonly SuggestionStatus[] = ['ASSIGNED', 'IN_PROGRESS'];

/**
 * Working days an item is past its reply deadline, or null when it is not overdue. A deadline
 * missed hours ago (or over a weekend) counts as 1: it is overdue, and "0 days" would read as on time.
 */
export function workingDaysOverdue(
  s: { status: SuggestionStatus; replyDueAt: Date | null },
  now: Date,
  calendar: { workingDaysBetween(from: Date, to: Date): number },
): number | null {
  if (!OVERDUE_STATUSES.includes(s.status) || !s.replyDueAt || s.replyDueAt >= now) return null;
  return Math.max(1, calendar.workingDaysBetween(s.replyDueAt, now));
}
