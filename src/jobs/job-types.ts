// Typed job names and payloads. Payloads carry ids only, never phone numbers or names:
// Redis keeps job data in clear.

/** Stages a resident is told about (温馨提醒), each quoting the tracking number. */
export type ResidentNoticeStage =
  | 'RECEIVED'
  | 'ACCEPTED'
  | 'REJECTED'
  | 'MERGED'
  | 'ASSIGNED'
  | 'REPLIED'
  | 'REOPENED'
  | 'CLOSED';

export interface JobPayloads {
  /** Tell the author of a suggestion that it reached a stage. */
  'notice.resident': { suggestionId: number; stage: ResidentNoticeStage; timelineEventId: number };
  /** Remind the lead unit to sign (签收) before the sign deadline. */
  'reminder.sign-due': { suggestionId: number; dueAt: string };
  /** Remind the lead unit one working day before the reply deadline. */
  'reminder.reply-due-soon': { suggestionId: number; dueAt: string };
  /** Overdue escalation (督办), repeated daily up to a cap; level 1 handler, 2 unit admin, 3+ coordinator. */
  'escalation.overdue': { suggestionId: number; dueAt: string; level: number };
  /** Ask the author to rate a published reply. */
  'rating.request': { suggestionId: number; replyId: number };
  /** Close a replied item whose rating window lapsed. */
  'rating.auto-close': { suggestionId: number; ratingDueAt: string };
  /** Create the office's follow-up call task after a reply. */
  'callback.create': { suggestionId: number; replyId: number };
  'campaign.open': { campaignId: number };
  'campaign.close': { campaignId: number };
  /** Quarter-end trigger; the awards module computes the round. */
  'awards.quarter-end': { quarter: string };
  /** Rebuild reminders missing from the queue from the database. */
  'reminders.reconcile': Record<string, never>;
  /** Deliver one notification through its channel (webhook retries live here). */
  'notification.deliver': { notificationId: number };
}

export type JobName = keyof JobPayloads;
export type JobOf<N extends JobName> = { name: N; payload: JobPayloads[N] };

/** One outbox row to write in the transaction of the change that implies it. */
export interface OutboxEntry<N extends JobName = JobName> {
  topic: N;
  payload: JobPayloads[N];
  /** Unique per logical job: the same change written twice schedules once. */
  dedupeKey: string;
  /** When the job is due; defaults to now. */
  availableAt?: Date;
}

export function outboxEntry<N extends JobName>(
  topic: N,
  payload: JobPayloads[N],
  dedupeKey: string,
  availableAt?: Date,
): OutboxEntry<N> {
  return { topic, payload, dedupeKey, availableAt };
}
