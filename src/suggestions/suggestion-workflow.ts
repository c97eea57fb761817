import { ConflictError, ForbiddenError, InvalidTransitionError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { defineLifecycle } from '../common/lifecycle/lifecycle.js';
import type { ResidentNoticeStage } from '../jobs/job-types.js';
import { REPLY_OWED_STATUSES, UNIT_WORK_STATUSES } from './reply-owed.js';

// The one transition table of the suggestion workflow (ARCHITECTURE §3), on the lifecycle core
// (src/common/lifecycle): services ask it; nothing else decides whether a status may change, or to
// what, or which commands an item takes now (allowedActions lists the recording ones too).

export const SUGGESTION_STATUSES = [
  'SUBMITTED',
  'WITHDRAWN',
  'REJECTED',
  'MERGED',
  'ASSIGNED',
  'RETURNED',
  'IN_PROGRESS',
  'REPLY_REVIEW',
  'REPLIED',
  'CLOSED',
] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

export const TERMINAL_STATUSES: readonly SuggestionStatus[] = ['WITHDRAWN', 'REJECTED', 'MERGED', 'CLOSED'];

/**
 * How the acting party stands to the item; the service works it out (suggestion-access.ts), the
 * table checks it. CO_UNIT: a unit holding a current co-organiser (协办) assignment.
 */
export type Party = 'AUTHOR' | 'COORDINATOR' | 'LEAD_UNIT' | 'CO_UNIT' | 'SYSTEM';

export const SUGGESTION_ACTIONS = [
  'withdraw',
  'reject',
  'merge',
  'assign',
  'sign',
  'return',
  'transfer',
  'reply',
  'approveReply',
  'sendBackReply',
  'rateSatisfied',
  'rateUnsatisfied',
  'autoClose',
  'close',
  // Recorded on the item without changing its status:
  'coSign',
  'contribute',
  'addProgressNote',
  'requestExtension',
] as const;
export type SuggestionAction = (typeof SUGGESTION_ACTIONS)[number];

/**
 * Facts some transitions need to pick their target or pass their guards. The campaign's rules
 * always; the rest only where an action asks (a reader listing actions may leave them out, and
 * a guard whose fact is missing does not hide the action).
 */
export interface TransitionContext {
  requireReplyReview: boolean;
  reopenCount: number;
  maxReopens: number;
  /** The co-organiser's own assignment is signed (coSign once; contribute after signing). */
  coSigned?: boolean;
  /** An extension request of the item waits for the office's decision (one at a time). */
  pendingExtension?: boolean;
}

/**
 * What a transition does besides the status and its timeline event (which every action writes),
 * performed by WorkflowCore in the same transaction: the resident's notice of a stage (to the
 * authors of merged items too), the deadline reminders of a unit that owes a reply (with the
 * signature's when `sign-and-reply`), and a published reply's follow-ups (rating request, auto-close).
 */
export interface SuggestionEffects {
  notice?: ResidentNoticeStage | ((to: SuggestionStatus) => ResidentNoticeStage | null);
  reminders?: 'sign-and-reply' | 'reply';
  replyFollowUps?: true;
}

const OPEN_STATUSES = SUGGESTION_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s));

export const SUGGESTION_LIFECYCLE = defineLifecycle<SuggestionStatus, SuggestionAction, Party, TransitionContext, SuggestionEffects>({
  name: 'suggestion',
  statuses: SUGGESTION_STATUSES,
  initial: 'SUBMITTED',
  refusals: {
    noStanding: () => new ForbiddenError(msg('workflow.noPart')),
    wrongStatus: (action, status, allowed) => new InvalidTransitionError(action, status, allowed),
    // Every action open to several parties names its own refusal (`forbidden`).
    wrongParty: (action, who) => new ForbiddenError(msg('workflow.wrongParty', { party: who[0]!, action })),
  },
  transitions: {
    withdraw: { from: ['SUBMITTED'], who: ['AUTHOR'], to: 'WITHDRAWN' },
    reject: { from: ['SUBMITTED'], who: ['COORDINATOR'], to: 'REJECTED', effects: { notice: 'REJECTED' } },
    merge: { from: ['SUBMITTED'], who: ['COORDINATOR'], to: 'MERGED', effects: { notice: 'MERGED' } },
    assign: { from: ['SUBMITTED', 'RETURNED'], who: ['COORDINATOR'], to: 'ASSIGNED', effects: { notice: 'ASSIGNED', reminders: 'sign-and-reply' } },
    sign: { from: ['ASSIGNED'], who: ['LEAD_UNIT'], to: 'IN_PROGRESS' },
    return: { from: REPLY_OWED_STATUSES, who: ['LEAD_UNIT'], to: 'RETURNED' },
    transfer: { from: REPLY_OWED_STATUSES, who: ['COORDINATOR'], to: 'ASSIGNED', effects: { notice: 'ASSIGNED', reminders: 'sign-and-reply' } },
    reply: {
      from: ['IN_PROGRESS'],
      who: ['LEAD_UNIT'],
      to: { targets: ['REPLY_REVIEW', 'REPLIED'], pick: (ctx) => (ctx.requireReplyReview ? 'REPLY_REVIEW' : 'REPLIED') },
      effects: { notice: (to) => (to === 'REPLIED' ? 'REPLIED' : null), replyFollowUps: true },
    },
    approveReply: { from: ['REPLY_REVIEW'], who: ['COORDINATOR'], to: 'REPLIED', effects: { notice: 'REPLIED', replyFollowUps: true } },
    sendBackReply: { from: ['REPLY_REVIEW'], who: ['COORDINATOR'], to: 'IN_PROGRESS' },
    rateSatisfied: { from: ['REPLIED'], who: ['AUTHOR'], to: 'CLOSED', effects: { notice: 'CLOSED' } },
    // 重办: an unsatisfied rating reopens the item while reopens remain, else it closes unsatisfied.
    rateUnsatisfied: {
      from: ['REPLIED'],
      who: ['AUTHOR'],
      to: { targets: ['IN_PROGRESS', 'CLOSED'], pick: (ctx) => (ctx.reopenCount < ctx.maxReopens ? 'IN_PROGRESS' : 'CLOSED') },
      effects: { notice: (to) => (to === 'CLOSED' ? 'CLOSED' : 'REOPENED'), reminders: 'reply' },
    },
    autoClose: { from: ['REPLIED'], who: ['SYSTEM'], to: 'CLOSED', effects: { notice: 'CLOSED' } },
    close: { from: OPEN_STATUSES, who: ['COORDINATOR'], to: 'CLOSED', effects: { notice: 'CLOSED' } },
    coSign: {
      from: REPLY_OWED_STATUSES,
      who: ['CO_UNIT'],
      guards: [(ctx) => (ctx.coSigned ? new ConflictError(msg('sign.alreadySigned')) : null)],
    },
    contribute: {
      from: REPLY_OWED_STATUSES,
      who: ['CO_UNIT'],
      guards: [(ctx) => (ctx.coSigned === false ? new ConflictError(msg('contribute.signFirst')) : null)],
      forbidden: () => new ForbiddenError(msg('contribute.notCo')),
    },
    addProgressNote: {
      from: UNIT_WORK_STATUSES,
      who: ['LEAD_UNIT', 'CO_UNIT', 'COORDINATOR'],
      forbidden: () => new ForbiddenError(msg('progress.notHolder')),
    },
    requestExtension: {
      from: REPLY_OWED_STATUSES,
      who: ['LEAD_UNIT'],
      guards: [(ctx) => (ctx.pendingExtension ? new ConflictError(msg('extension.pending')) : null)],
      forbidden: () => new ForbiddenError(msg('extension.leadOnly')),
    },
  },
});

export const TRANSITIONS = SUGGESTION_LIFECYCLE.spec.transitions;

/** Actions the table allows from a status for any of the given parties (and, given facts, its guards). */
export function allowedActions(status: SuggestionStatus, parties: readonly Party[], facts?: Partial<TransitionContext>): SuggestionAction[] {
  // Guards read only the optional facts; a fact left out does not refuse.
  return SUGGESTION_LIFECYCLE.allowed(status, parties, facts && { requireReplyReview: false, reopenCount: 0, maxReopens: 0, ...facts });
}

/**
 * A caller with no part in an item is refused before anything else is checked, so no answer
 * to a stranger reveals the item's status, version or replies. Every command on an item calls
 * this (through decideTransition or directly) before any check that reads the item's state.
 */
export function assertHasStanding(parties: readonly Party[]): void {
  if (parties.length === 0) throw new ForbiddenError(msg('workflow.noPart'));
}

/**
 * Decides a transition: the target status, or a precise error.
 * No standing at all on the item → ForbiddenError (before anything about its status leaks);
 * wrong status → InvalidTransitionError (CONFLICT) naming the status and what is allowed;
 * right status but wrong party → ForbiddenError; then the action's guards.
 */
export function decideTransition(
  status: SuggestionStatus,
  action: SuggestionAction,
  parties: readonly Party[],
  ctx: TransitionContext,
): SuggestionStatus {
  return SUGGESTION_LIFECYCLE.decide(status, action, parties, ctx).to;
}

export function isTerminal(status: SuggestionStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** The status a timeline implies: the last event that changed status. */
export function replayStatus(events: readonly { toStatus: string | null }[]): string | null {
  let status: string | null = null;
  for (const e of events) if (e.toStatus) status = e.toStatus;
  return status;
}
