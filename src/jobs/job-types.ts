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

// A topic added here must also get a line in JOB_SPECS below (the compiler insists): that
// list is what the jobs module checks at boot (exactly one @OnJob handler per name).
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
  /** Tell a resident their suggestion won 最佳民众建言奖 in a round (awards module). */
  'awards.winner-notice': { roundId: number; suggestionId: number };
  /** Rebuild reminders missing from the queue from the database. */
  'reminders.reconcile': Record<string, never>;
  /** Deliver one notification through its channel (webhook retries live here). */
  'notification.deliver': { notificationId: number };
  /** Open the office's follow-up call (回访) on a disclosure request after its reply was sent. */
  'disclosure.callback': { requestId: number };
  /** Remind the office that a disclosure request's reply is due soon; `dueAt` is the deadline it was scheduled for. */
  'disclosure.due-soon': { requestId: number; dueAt: string };
  /** Delete an uploaded photo that no submission or reply attached within the bound (photos module). */
  'photos.discard-unattached': { photoId: string };
}

export type JobName = keyof JobPayloads;
export type JobOf<N extends JobName> = { name: N; payload: JobPayloads[N] };

/** BullMQ queue a job runs on; notification delivery is kept apart so slow gateways do not hold up reminders. */
export type JobQueueName = 'civicloop-jobs' | 'civicloop-notifications';

/** How the queue treats a job: retries with exponential backoff (plus jitter) from `backoffMs`, then dead-lettered. */
export interface JobSpec {
  queue: JobQueueName;
  attempts: number;
  backoffMs: number;
}

const WORKFLOW: JobSpec = { queue: 'civicloop-jobs', attempts: 5, backoffMs: 30_000 };

/** Every job name at runtime, with its retry policy. */
export const JOB_SPECS: Readonly<Record<JobName, JobSpec>> = {
  'notice.resident': WORKFLOW,
  'reminder.sign-due': WORKFLOW,
  'reminder.reply-due-soon': WORKFLOW,
  'escalation.overdue': WORKFLOW,
  'rating.request': WORKFLOW,
  'rating.auto-close': WORKFLOW,
  'callback.create': WORKFLOW,
  'campaign.open': WORKFLOW,
  'campaign.close': WORKFLOW,
  'awards.quarter-end': WORKFLOW,
  'awards.winner-notice': WORKFLOW,
  'reminders.reconcile': { queue: 'civicloop-jobs', attempts: 1, backoffMs: 0 }, // runs again at the next period anyway
  // Webhook: 10 s, 20 s, 40 s … about 40 minutes over 8 attempts, then dead-lettered.
  'notification.deliver': { queue: 'civicloop-notifications', attempts: 8, backoffMs: 10_000 },
  'disclosure.callback': WORKFLOW,
  'disclosure.due-soon': WORKFLOW,
  'photos.discard-unattached': WORKFLOW,
};

export const JOB_NAMES = Object.keys(JOB_SPECS) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(JOB_SPECS, name);
}

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
