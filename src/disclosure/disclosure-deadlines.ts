import type { WorkingDayCalendar } from '../calendar/working-days.js';

// Deadline arithmetic of the ledger (政府信息公开条例 第三十条–第三十三条), pure: the calendar
// is passed in. Every period counts working days from the day after the event, to the end of
// the last working day in Shanghai (WorkingDayCalendar.deadlineAfter).

/** 第三十三条: reply within 20 working days of receipt. */
export const REPLY_WORKING_DAYS = 20;
/** 第三十三条: one extension, of at most 20 working days. */
export const MAX_EXTENSION_WORKING_DAYS = 20;
/** 第三十条: ask for a correction (补正) within 7 working days of receipt, once. */
export const CORRECTION_NOTICE_WORKING_DAYS = 7;
/** The office is reminded at 09:00 this many working days before the reply is due. */
export const DUE_SOON_WORKING_DAYS = 3;

export interface ReplyClock {
  receivedAt: Date;
  /** Working days granted by the one extension (0 without). */
  extensionWorkingDays: number;
  /** Working days the clock stood still while a correction was awaited. */
  pausedWorkingDays: number;
}

/**
 * When the reply is due: 20 working days after receipt, moved by the extension and by the
 * working days the clock was paused for a correction.
 */
export function replyDueAt(calendar: WorkingDayCalendar, clock: ReplyClock): Date {
  return calendar.deadlineAfter(clock.receivedAt, REPLY_WORKING_DAYS + clock.extensionWorkingDays + clock.pausedWorkingDays);
}

/**
 * Working days the clock stood still: from the day after the correction was asked for
 * through the day the answer arrived. The answer's day is paused too, as the law counts a
 * corrected application from the day after it is received.
 */
export function pausedWorkingDays(calendar: WorkingDayCalendar, requestedAt: Date, answeredAt: Date): number {
  return calendar.workingDaysBetween(requestedAt, answeredAt);
}

/** The last moment a correction may be asked for. */
export function correctionNoticeDeadline(calendar: WorkingDayCalendar, receivedAt: Date): Date {
  return calendar.deadlineAfter(receivedAt, CORRECTION_NOTICE_WORKING_DAYS);
}

/** When the due-soon reminder fires: 09:00 Shanghai, a few working days before the due day. */
export function dueSoonReminderAt(calendar: WorkingDayCalendar, dueAt: Date): Date {
  return calendar.workingDaysBefore(dueAt, DUE_SOON_WORKING_DAYS);
}

/** A reply sent by the end of its due day is on time. */
export function isOnTime(repliedAt: Date, dueAt: Date): boolean {
  return repliedAt.getTime() <= dueAt.getTime();
}
