import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { outboxEntry, type OutboxEntry } from './job-types.js';

// When the platform chases a unit, in one place: the workflow writes these rows when it
// sets a deadline, and the reconciler rebuilds them from the database with the same function.
// Dedupe keys carry the deadline, so a new deadline (extension, reopen) schedules anew and
// the old rows find a different deadline when they fire and do nothing.

/** 09:00 Shanghai on the sign-due day; 09:00 one working day before the reply is due; overdue right after. */
export function deadlineReminders(
  calendar: WorkingDayCalendar,
  s: { id: number; signDueAt: Date | null; replyDueAt: Date | null },
  options: { includeSign: boolean },
): OutboxEntry[] {
  const entries: OutboxEntry[] = [];
  if (options.includeSign && s.signDueAt) {
    const dueAt = s.signDueAt.toISOString();
    entries.push(outboxEntry('reminder.sign-due', { suggestionId: s.id, dueAt }, `sign-due:${s.id}:${dueAt}`, calendar.workingDaysBefore(s.signDueAt, 0)));
  }
  if (s.replyDueAt) {
    const dueAt = s.replyDueAt.toISOString();
    entries.push(
      outboxEntry('reminder.reply-due-soon', { suggestionId: s.id, dueAt }, `reply-due-soon:${s.id}:${dueAt}`, calendar.workingDaysBefore(s.replyDueAt, 1)),
      outboxEntry('escalation.overdue', { suggestionId: s.id, dueAt, level: 1 }, `overdue:${s.id}:${dueAt}:1`, new Date(s.replyDueAt.getTime() + 1)),
    );
  }
  return entries;
}

/** Overdue escalation (督办) repeats each working day at 09:00, up to this many levels. */
export const ESCALATION_MAX_LEVEL = 5;

export function nextEscalation(calendar: WorkingDayCalendar, s: { id: number }, dueAt: string, level: number, firedAt: Date): OutboxEntry | null {
  if (level >= ESCALATION_MAX_LEVEL) return null;
  const next = calendar.workingDaysBefore(calendar.deadlineAfter(firedAt, 1), 0);
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
