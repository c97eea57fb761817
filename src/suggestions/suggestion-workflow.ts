import { ForbiddenError, InvalidTransitionError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { REPLY_OWED_STATUSES } from './reply-owed.js';

// The one transition table of the suggestion workflow (ARCHITECTURE §3). Services ask it;
// nothing else decides whether a status may change, or to what.

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

/** How the acting party stands to the item; the service works it out (suggestion-access.ts), the table checks it. */
export type Party = 'AUTHOR' | 'COORDINATOR' | 'LEAD_UNIT' | 'SYSTEM';

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
] as const;
export type SuggestionAction = (typeof SUGGESTION_ACTIONS)[number];

/** Facts some transitions need to pick their target. */
export interface TransitionContext {
  requireReplyReview: boolean;
  reopenCount: number;
  maxReopens: number;
}

interface TransitionRule {
  from: readonly SuggestionStatus[];
  party: Party;
  to: (ctx: TransitionContext) => SuggestionStatus;
}

const OPEN_STATUSES = SUGGESTION_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s));

export const TRANSITIONS: Readonly<Record<SuggestionAction, TransitionRule>> = {
  withdraw: { from: ['SUBMITTED'], party: 'AUTHOR', to: () => 'WITHDRAWN' },
  reject: { from: ['SUBMITTED'], party: 'COORDINATOR', to: () => 'REJECTED' },
  merge: { from: ['SUBMITTED'], party: 'COORDINATOR', to: () => 'MERGED' },
  assign: { from: ['SUBMITTED', 'RETURNED'], party: 'COORDINATOR', to: () => 'ASSIGNED' },
  sign: { from: ['ASSIGNED'], party: 'LEAD_UNIT', to: () => 'IN_PROGRESS' },
  return: { from: REPLY_OWED_STATUSES, party: 'LEAD_UNIT', to: () => 'RETURNED' },
  transfer: { from: REPLY_OWED_STATUSES, party: 'COORDINATOR', to: () => 'ASSIGNED' },
  reply: {
    from: ['IN_PROGRESS'],
    party: 'LEAD_UNIT',
    to: (ctx) => (ctx.requireReplyReview ? 'REPLY_REVIEW' : 'REPLIED'),
  },
  approveReply: { from: ['REPLY_REVIEW'], party: 'COORDINATOR', to: () => 'REPLIED' },
  sendBackReply: { from: ['REPLY_REVIEW'], party: 'COORDINATOR', to: () => 'IN_PROGRESS' },
  rateSatisfied: { from: ['REPLIED'], party: 'AUTHOR', to: () => 'CLOSED' },
  // 重办: an unsatisfied rating reopens the item while reopens remain, else it closes unsatisfied.
  rateUnsatisfied: {
    from: ['REPLIED'],
    party: 'AUTHOR',
    to: (ctx) => (ctx.reopenCount < ctx.maxReopens ? 'IN_PROGRESS' : 'CLOSED'),
  },
  autoClose: { from: ['REPLIED'], party: 'SYSTEM', to: () => 'CLOSED' },
  close: { from: OPEN_STATUSES, party: 'COORDINATOR', to: () => 'CLOSED' },
};

/** Actions the table allows from a status for any of the given parties. */
export function allowedActions(status: SuggestionStatus, parties: readonly Party[]): SuggestionAction[] {
  return SUGGESTION_ACTIONS.filter((a) => {
    const rule = TRANSITIONS[a];
    return rule.from.includes(status) && parties.includes(rule.party);
  });
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
 * right status but wrong party → ForbiddenError.
 */
export function decideTransition(
  status: SuggestionStatus,
  action: SuggestionAction,
  parties: readonly Party[],
  ctx: TransitionContext,
): SuggestionStatus {
  const rule = TRANSITIONS[action];
  assertHasStanding(parties);
  if (!rule.from.includes(status)) {
    throw new InvalidTransitionError(action, status, allowedActions(status, parties));
  }
  if (!parties.includes(rule.party)) {
    throw new ForbiddenError(msg('workflow.wrongParty', { party: rule.party, action }));
  }
  return rule.to(ctx);
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
