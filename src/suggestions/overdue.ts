import { owesReply, owesSignature } from './reply-owed.js';
import type { SuggestionStatus } from './suggestion-workflow.js';

// 督办: an item is overdue while it owes a reply (reply-owed.ts) past the reply deadline.

type Calendar = { workingDaysLeft(deadline: Date, now: Date): number };
type Deadlines = { status: SuggestionStatus; signDueAt?: Date | null; replyDueAt: Date | null };

/**
 * Working days left on an item's running deadlines (see WorkingDayCalendar.workingDaysLeft: 0 = due
 * today, negative = overdue); null for a deadline that is not set or no longer runs in this status.
 */
export function deadlinesLeft(s: Deadlines, now: Date, calendar: Calendar): { sign: number | null; reply: number | null } {
  return {
    sign: owesSignature(s.status) && s.signDueAt ? calendar.workingDaysLeft(s.signDueAt, now) : null,
    reply: owesReply(s.status) && s.replyDueAt ? calendar.workingDaysLeft(s.replyDueAt, now) : null,
  };
}

/**
 * Working days an item is past its reply deadline, or null when it is not overdue. A deadline
 * missed hours ago (or over a weekend) counts as 1: it is overdue, and "0 days" would read as on time.
 */
export function workingDaysOverdue(s: { status: SuggestionStatus; replyDueAt: Date | null }, now: Date, calendar: Calendar): number | null {
  const { reply } = deadlinesLeft(s, now, calendar);
  return reply !== null && reply < 0 ? -reply : null;
}
