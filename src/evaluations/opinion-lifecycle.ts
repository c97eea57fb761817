import { ConflictError, ForbiddenError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { defineLifecycle } from '../common/lifecycle/lifecycle.js';
import { OPINION_STATUSES, type OpinionStatus } from './evaluator-opinion.entity.js';

// An evaluator's opinion (评议意见) on the lifecycle core (src/common/lifecycle): written OPEN with
// the review, answered once by the office, which closes it. Pure.

export type OpinionParty = 'OFFICE';

export const OPINION_LIFECYCLE = defineLifecycle<OpinionStatus, 'answer', OpinionParty, Record<string, never>>({
  name: 'evaluator-opinion',
  statuses: OPINION_STATUSES,
  initial: 'OPEN',
  refusals: {
    // Not the office (opinionParties): refused before the opinion's status shows.
    noStanding: () => new ForbiddenError(),
    wrongStatus: (_action, status) => new ConflictError(msg('opinion.closed'), { status }),
    wrongParty: () => new ForbiddenError(),
  },
  transitions: {
    answer: { from: ['OPEN'], who: ['OFFICE'], to: 'CLOSED' },
  },
});
