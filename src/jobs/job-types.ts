import { z } from 'zod';
import type { JobsOptions } from './jobs.options.js';

// The job table: every job's name, payload schema (zod), queue, retry policy and, for
// recurring jobs, its period. One source: the payload types are inferred from the schemas,
// both drivers check each payload against its schema before the handler runs (a row written
// by an older release in another shape is dead-lettered with InvalidJobPayloadError, never
// run), `@OnJob` checks each handler's payload type against it at compile time, and both
// drivers register the recurring jobs from it. docs/jobs.md describes it.
//
// Payloads carry ids only, never phone numbers or names: Redis keeps job data in clear.
// Unknown keys are stripped (a newer release may drop a field without breaking old rows);
// missing or mistyped ones fail.

/** Stages a resident is told about (温馨提醒), each quoting the tracking number. */
export const RESIDENT_NOTICE_STAGES = ['RECEIVED', 'ACCEPTED', 'REJECTED', 'MERGED', 'ASSIGNED', 'REPLIED', 'REOPENED', 'CLOSED'] as const;
export type ResidentNoticeStage = (typeof RESIDENT_NOTICE_STAGES)[number];

/** A database id. */
const id = z.number().int().positive();
/** An instant as `Date.toISOString()` writes it (UTC, `Z`); handlers compare it to stored deadlines as a string. */
const instant = z.iso.datetime();

/** BullMQ queue a job runs on; notification delivery is kept apart so slow gateways do not hold up reminders. */
export type JobQueueName = 'civicloop-jobs' | 'civicloop-notifications';

/** How the queue treats a job: retries with exponential backoff (plus jitter) from `backoffMs`, then dead-lettered. */
export interface JobSpec {
  queue: JobQueueName;
  attempts: number;
  backoffMs: number;
}

/** A job both drivers schedule by themselves, once per period across all processes; its payload is `{}`. */
export interface RecurringSpec {
  everyMs(options: JobsOptions): number;
}

/** One row of the job table. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> extends JobSpec {
  schema: S;
  recurring?: RecurringSpec;
}

const WORKFLOW: JobSpec = { queue: 'civicloop-jobs', attempts: 5, backoffMs: 30_000 };

function job<S extends z.ZodType>(schema: S, spec: JobSpec = WORKFLOW, recurring?: RecurringSpec): JobDefinition<S> {
  return { ...spec, schema, ...(recurring && { recurring }) };
}

/** Every job. A job added here needs exactly one `@OnJob` handler (start-up refuses otherwise). */
export const JOBS = {
  /** Tell the author of a suggestion that it reached a stage. */
  'notice.resident': job(z.object({ suggestionId: id, stage: z.enum(RESIDENT_NOTICE_STAGES), timelineEventId: id })),
  /** Remind the lead unit to sign (签收) before the sign deadline. */
  'reminder.sign-due': job(z.object({ suggestionId: id, dueAt: instant })),
  /** Remind the lead unit one working day before the reply deadline. */
  'reminder.reply-due-soon': job(z.object({ suggestionId: id, dueAt: instant })),
  /** Overdue escalation (督办), repeated daily up to a cap; level 1 handler, 2 unit admin, 3+ coordinator. */
  'escalation.overdue': job(z.object({ suggestionId: id, dueAt: instant, level: z.number().int().min(1) })),
  /** Ask the author to rate a published reply. */
  'rating.request': job(z.object({ suggestionId: id, replyId: id })),
  /** Close a replied item whose rating window lapsed. */
  'rating.auto-close': job(z.object({ suggestionId: id, ratingDueAt: instant })),
  /** Create the office's follow-up call task after a reply. */
  'callback.create': job(z.object({ suggestionId: id, replyId: id })),
  'campaign.open': job(z.object({ campaignId: id })),
  'campaign.close': job(z.object({ campaignId: id })),
  /** Quarter-end trigger (the quarter that just ended, '2026Q3'); the awards module computes the round. */
  'awards.quarter-end': job(z.object({ quarter: z.string().regex(/^\d{4}Q[1-4]$/) })),
  /** Tell a resident their suggestion won 最佳民众建言奖 in a round (awards module). */
  'awards.winner-notice': job(z.object({ roundId: id, suggestionId: id })),
  /** Rebuild reminders missing from the queue from the database; recurring. Runs again next period anyway: one attempt. */
  'reminders.reconcile': job(z.object({}), { queue: 'civicloop-jobs', attempts: 1, backoffMs: 0 }, { everyMs: (o) => o.reconcileEveryMs }),
  /** Deliver one notification through its channel. Webhook: 10 s, 20 s, 40 s … about 40 minutes over 8 attempts, then dead-lettered. */
  'notification.deliver': job(z.object({ notificationId: id }), { queue: 'civicloop-notifications', attempts: 8, backoffMs: 10_000 }),
  /** Open the office's follow-up call (回访) on a disclosure request after its reply was sent. */
  'disclosure.callback': job(z.object({ requestId: id })),
  /** Remind the office that a disclosure request's reply is due soon; `dueAt` is the deadline it was scheduled for. */
  'disclosure.due-soon': job(z.object({ requestId: id, dueAt: instant })),
  /** Delete an uploaded photo that no submission or reply attached within the bound (photos module). */
  'photos.discard-unattached': job(z.object({ photoId: z.string().regex(/^[0-9a-f]{32}$/) })),
} satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof JOBS;
/** Each job's payload, inferred from its schema. */
export type JobPayloads = { [N in JobName]: z.infer<(typeof JOBS)[N]['schema']> };
export type JobOf<N extends JobName> = { name: N; payload: JobPayloads[N] };

/** Every job name at runtime, with its retry policy. */
export const JOB_SPECS: Readonly<Record<JobName, JobSpec>> = JOBS;

export const JOB_NAMES = Object.keys(JOBS) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(JOBS, name);
}

/** The recurring jobs of the table, which each driver registers (BullMQ: job schedulers; SQL: one row per period). */
export const RECURRING_JOBS: readonly { name: JobName; everyMs(options: JobsOptions): number }[] = JOB_NAMES.flatMap((name) => {
  const recurring = (JOBS[name] as JobDefinition).recurring;
  return recurring ? [{ name, everyMs: (o: JobsOptions) => recurring.everyMs(o) }] : [];
});

/** A job that retrying cannot help: both drivers dead-letter it at once. */
export class PermanentJobError extends Error {}

/** A row whose topic no handler knows. */
export class UnknownJobError extends PermanentJobError {}

/** One zod issue, as logged and stored: where in the payload, and what is wrong. */
export interface JobPayloadIssue {
  path: string;
  message: string;
}

/**
 * A payload that does not match its job's schema (written by an older release, or by hand).
 * Message: `Job "<name>" payload does not match its schema: <path>: <message>; …`.
 */
export class InvalidJobPayloadError extends PermanentJobError {
  readonly code = 'INVALID_JOB_PAYLOAD';
  constructor(
    readonly job: JobName,
    readonly issues: JobPayloadIssue[],
  ) {
    super(`Job "${job}" payload does not match its schema: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'InvalidJobPayloadError';
  }
}

/** The payload checked against its job's schema (unknown keys stripped), or InvalidJobPayloadError. */
export function parseJobPayload<N extends JobName>(name: N, payload: unknown): JobPayloads[N] {
  const result = (JOBS[name].schema as z.ZodType).safeParse(payload);
  if (result.success) return result.data as JobPayloads[N];
  throw new InvalidJobPayloadError(
    name,
    result.error.issues.map((i) => ({ path: i.path.length ? i.path.map(String).join('.') : '(payload)', message: i.message })),
  );
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
