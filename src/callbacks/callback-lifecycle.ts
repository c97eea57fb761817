import { ConflictError, ForbiddenError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { defineLifecycle } from '../common/lifecycle/lifecycle.js';
import type { CallbackTaskStatus } from './callback-task.entity.js';

// A follow-up call (回访) on the lifecycle core (src/common/lifecycle): the callback.create job
// opens one per published reply; the office records the call's outcome once, which closes it.
// Pure.
//
// Parties (callbackParties in callback-access.ts): the office; an auditor, who reads every task;
// a unit that handles the item, which reads its tasks. Reading gives standing, so a handling unit
// that tries to complete is refused as the wrong party; anyone else has no standing and is refused
// before the task's status shows. Completing writes the outcome on the task row only: no history
// line on the item and no outbox row (the call is the office's record, not a step of the item).

export const CALLBACK_STATUSES = ['OPEN', 'DONE'] as const satisfies readonly CallbackTaskStatus[];
export type CallbackAction = 'complete';
export type CallbackParty = 'OFFICE' | 'AUDITOR' | 'HANDLING_UNIT';

export const CALLBACK_LIFECYCLE = defineLifecycle<CallbackTaskStatus, CallbackAction, CallbackParty, Record<string, never>>({
  name: 'callback-task',
  statuses: CALLBACK_STATUSES,
  initial: 'OPEN',
  refusals: {
    noStanding: () => new ForbiddenError(),
    wrongStatus: (_action, status) => new ConflictError(msg('callback.alreadyDone'), { status }),
    wrongParty: () => new ForbiddenError(),
  },
  transitions: {
    complete: { from: ['OPEN'], who: ['OFFICE'], to: 'DONE' },
  },
});
