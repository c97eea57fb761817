import type { WorkingDayCalendar } from '../calendar/working-days.js';
import type { CampaignEntity } from '../campaigns/campaign.entity.js';
import { owesReply, owesSignature } from './reply-owed.js';
import type { SuggestionStatus } from './suggestion-workflow.js';

// Deadline arithmetic of the closed loop (ARCHITECTURE §3; the ledger's is in
// src/disclosure/disclosure-deadlines.ts), pure: the calendar is passed in. A period of N working
// days runs from the day after the event to the end (23:59:59.999 Shanghai) of the Nth working
// day (WorkingDayCalendar.deadlineAfter); reminders fire at 09:00 Shanghai on a working day
// (WorkingDayCalendar.workingDaysBefore). The workflow sets deadlines with these functions, the
// reminder schedule (src/reminders/reminder-schedule.ts) times its jobs with them, and the unit inbox
// and the item's "working days left" read them.

/** A campaign's deadlines when it does not set its own (ARCHITECTURE §3). */
export const DEFAULT_DEADLINES = {
  /** Sign (签收) within this many working days of assignment. */
  signDays: 1,
  /** Reply within this many working days of assignment (or transfer). */
  replyDays: 10,
  /** After an unsatisfied rating reopens the item (重办), reply within this many working days. */
  reopenReplyDays: 5,
  /** The author may rate a published reply for this many calendar days (then it closes by itself). */
  ratingWindowDays: 7,
} as const;

export type CampaignDeadlines = Pick<CampaignEntity, keyof typeof DEFAULT_DEADLINES>;

/** Assignment and transfer start both clocks: sign within `signDays`, reply within `replyDays` working days. */
export function assignmentDeadlines(calendar: WorkingDayCalendar, assignedAt: Date, campaign: Pick<CampaignDeadlines, 'signDays' | 'replyDays'>): { signDueAt: Date; replyDueAt: Date } {
  return { signDueAt: calendar.deadlineAfter(assignedAt, campaign.signDays), replyDueAt: calendar.deadlineAfter(assignedAt, campaign.replyDays) };
}

/** A reopened item (重办) is due `reopenReplyDays` working days after the unsatisfied rating. */
export function reopenedReplyDueAt(calendar: WorkingDayCalendar, reopenedAt: Date, campaign: Pick<CampaignDeadlines, 'reopenReplyDays'>): Date {
  return calendar.deadlineAfter(reopenedAt, campaign.reopenReplyDays);
}

/** An extension (延期) moves the reply deadline in force by the working days asked for. */
export function extendedReplyDueAt(calendar: WorkingDayCalendar, currentDueAt: Date, extraWorkingDays: number): Date {
  return calendar.deadlineAfter(currentDueAt, extraWorkingDays);
}

/** The rating window: calendar days (whole 24-hour days) from the moment the reply is published. */
export function ratingDueAt(publishedAt: Date, campaign: Pick<CampaignDeadlines, 'ratingWindowDays'>): Date {
  return new Date(publishedAt.getTime() + campaign.ratingWindowDays * 86400_000);
}

/** The office phones the author (回访, 政务公开办提醒电话) within this many working days of the reply's publication. */
export const CALLBACK_WORKING_DAYS = 3;

export function callbackDueAt(calendar: WorkingDayCalendar, publishedAt: Date): Date {
  return calendar.deadlineAfter(publishedAt, CALLBACK_WORKING_DAYS);
}

// ---------------------------------------------------------------------------------------------
// Reminders' lead times

/** The sign-due reminder: 09:00 on the sign-due day itself. */
export const SIGN_REMINDER_WORKING_DAYS_BEFORE = 0;
/** The reply-due-soon reminder: 09:00 this many working days before the reply-due day. */
export const REPLY_REMINDER_WORKING_DAYS_BEFORE = 1;
/** Overdue escalation (督办) repeats each working day at 09:00, up to this many levels. */
export const ESCALATION_MAX_LEVEL = 5;

export function signReminderAt(calendar: WorkingDayCalendar, signDueAt: Date): Date {
  return calendar.workingDaysBefore(signDueAt, SIGN_REMINDER_WORKING_DAYS_BEFORE);
}

export function replyDueSoonReminderAt(calendar: WorkingDayCalendar, replyDueAt: Date): Date {
  return calendar.workingDaysBefore(replyDueAt, REPLY_REMINDER_WORKING_DAYS_BEFORE);
}

/** The first escalation fires the moment the reply deadline has passed. */
export function firstEscalationAt(replyDueAt: Date): Date {
  return new Date(replyDueAt.getTime() + 1);
}

/** Each further escalation: 09:00 on the next working day after the previous one fired. */
export function nextEscalationAt(calendar: WorkingDayCalendar, firedAt: Date): Date {
  return calendar.workingDaysBefore(calendar.deadlineAfter(firedAt, 1), 0);
}

// ---------------------------------------------------------------------------------------------
// Reading deadlines

/** The unit inbox's "due soon" (DUE_SOON): a reply due by the end of this many working days from now. */
export const DUE_SOON_WORKING_DAYS = 2;

/** The latest reply deadline the unit inbox counts as due soon. */
export function dueSoonHorizon(calendar: WorkingDayCalendar, now: Date): Date {
  return calendar.deadlineAfter(now, DUE_SOON_WORKING_DAYS);
}

type Calendar = Pick<WorkingDayCalendar, 'workingDaysLeft'>;
type Deadlines = { status: SuggestionStatus; signDueAt?: Date | null; replyDueAt: Date | null };

/**
 * Working days left on an item's running deadlines (see WorkingDayCalendar.workingDaysLeft: 0 = due
 * today, negative = overdue); null for a deadline that is not set or no longer runs in this status:
 * the sign deadline while the item owes a signature, the reply deadline while it owes a reply.
 */
export function deadlinesLeft(s: Deadlines, now: Date, calendar: Calendar): { sign: number | null; reply: number | null } {
  return {
    sign: owesSignature(s.status) && s.signDueAt ? calendar.workingDaysLeft(s.signDueAt, now) : null,
    reply: owesReply(s.status) && s.replyDueAt ? calendar.workingDaysLeft(s.replyDueAt, now) : null,
  };
}

/**
 * Working days an item is past its reply deadline (督办), or null when it is not overdue. A deadline
 * missed hours ago (or over a weekend) counts as 1: it is overdue, and "0 days" would read as on time.
 */
export function workingDaysOverdue(s: { status: SuggestionStatus; replyDueAt: Date | null }, now: Date, calendar: Calendar): number | null {
  const { reply } = deadlinesLeft(s, now, calendar);
  return reply !== null && reply < 0 ? -reply : null;
}
