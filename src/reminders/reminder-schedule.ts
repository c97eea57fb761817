import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { ESCALATION_MAX_LEVEL, firstEscalationAt, nextEscalationAt, replyDueSoonReminderAt, signReminderAt } from '../suggestions/suggestion-deadlines.js';
import { outboxEntry, type OutboxEntry } from '../jobs/job-types.js';

// When the platform chases a unit, in one place: the workflow writes these rows when it
// sets a deadline, and the reconciler rebuilds them from the database with the same function.
// Dedupe keys carry the deadline, so a new deadline (extension, reopen) schedules anew and
// the old rows find a different deadline when they fire and do nothing. The times themselves
// (lead times, escalation steps) are computed in src/suggestions/suggestion-deadlines.ts.

/** 09:00 Shanghai on the sign-due day; 09:00 one working day before the reply is due; overdue right after. */
export function deadlineReminders(
  calendar: WorkingDayCalendar,
  s: { id: number; signDueAt: Date | null; replyDueAt: Date | null },
  options: { includeSign: boolean },
): OutboxEntry[] {
  const entries: OutboxEntry[] = [];
  if (options.includeSign && s.signDueAt) {
    const dueAt = s.signDueAt.toISOString();
    entries.push(outboxEntry('reminder.sign-due', { suggestionId: s.id, dueAt }, `sign-due:${s.id}:${dueAt}`, signReminderAt(calendar, s.signDueAt)));
  }
  if (s.replyDueAt) {
    const dueAt = s.replyDueAt.toISOString();
    entries.push(
      outboxEntry('reminder.reply-due-soon', { suggestionId: s.id, dueAt }, `reply-due-soon:${s.id}:${dueAt}`, replyDueSoonReminderAt(calendar, s.replyDueAt)),
      outboxEntry('escalation.overdue', { suggestionId: s.id, dueAt, level: 1 }, `overdue:${s.id}:${dueAt}:1`, firstEscalationAt(s.replyDueAt)),
    );
  }
  return entries;
}

/** The next overdue escalation (督办), or null once the last level has fired. */
export function nextEscalation(calendar: WorkingDayCalendar, s: { id: number }, dueAt: string, level: number, firedAt: Date): OutboxEntry | null {
  if (level >= ESCALATION_MAX_LEVEL) return null;
  const next = nextEscalationAt(calendar, firedAt);
  return outboxEntry('escalation.overdue', { suggestionId: s.id, dueAt, level: level + 1 }, `overdue:${s.id}:${dueAt}:${level + 1}`, next);
}

/** After a reply is published: ask for a rating, close when the window lapses, and give the office a call task. */
export function replyFollowUps(s: { id: number; ratingDueAt: Date }, replyId: number, now: Date): OutboxEntry[] {
  const ratingDueAt = s.ratingDueAt.toISOString();
  return [
    outboxEntry('rating.request', { suggestionId: s.id, replyId }, `rating-request:${replyId}`, now),
    outboxEntry('rating.auto-close', { suggestionId: s.id, ratingDueAt }, `auto-close:${s.id}:${ratingDueAt}`, s.ratingDueAt),
    outboxEntry('callback.create', { suggestionId: s.id, replyId }, `callback:${replyId}`, now),
  ];
}
