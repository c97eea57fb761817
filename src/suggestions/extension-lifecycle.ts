import type { ExtensionStatus } from '../assignments/extension-request.entity.js';
import { ConflictError, ForbiddenError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { defineLifecycle } from '../common/lifecycle/lifecycle.js';

// An extension request's lifecycle on the lifecycle core (src/common/lifecycle): the lead unit asks
// (requestExtension, an action of the suggestion's table), the office decides once. Pure.

export type ExtensionAction = 'approve' | 'deny';

export interface ExtensionFacts {
  /** The item still owes the reply whose deadline the request extends (no reply, no other change of deadline). */
  stillApplies: boolean;
}

/** What a decision does besides its status: the timeline event, and new reminders for the moved deadline. */
export interface ExtensionEffects {
  timelineAction: 'extension-approved' | 'extension-denied';
  movesDeadline?: true;
}

export const EXTENSION_LIFECYCLE = defineLifecycle<ExtensionStatus, ExtensionAction, 'COORDINATOR', ExtensionFacts, ExtensionEffects>({
  name: 'extension-request',
  statuses: ['PENDING', 'APPROVED', 'DENIED'],
  initial: 'PENDING',
  refusals: {
    noStanding: () => new ForbiddenError(msg('extension.coordinatorOnly')),
    wrongStatus: (_action, status) => new ConflictError(msg('extension.alreadyDecided'), { status }),
    wrongParty: () => new ForbiddenError(msg('extension.coordinatorOnly')),
  },
  transitions: {
    approve: {
      from: ['PENDING'],
      who: ['COORDINATOR'],
      to: 'APPROVED',
      guards: [(f) => (f.stillApplies ? null : new ConflictError(msg('extension.stale')))],
      effects: { timelineAction: 'extension-approved', movesDeadline: true },
    },
    deny: { from: ['PENDING'], who: ['COORDINATOR'], to: 'DENIED', effects: { timelineAction: 'extension-denied' } },
  },
});
