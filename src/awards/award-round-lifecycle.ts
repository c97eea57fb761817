import { isCoordinator, type Actor } from '../auth/actor.js';
import { ConflictError, ForbiddenError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { defineLifecycle } from '../common/lifecycle/lifecycle.js';
import { AWARD_ROUND_STATUSES, type AwardRoundStatus } from './award-round.entity.js';

// An award round's lifecycle on the lifecycle core (src/common/lifecycle): DRAFT → COMPUTED →
// PUBLISHED, then frozen. The office computes, sets weights, confirms winners and publishes; the
// quarter-end job computes. Pure.

export type AwardRoundAction = 'compute' | 'setWeights' | 'confirmWinners' | 'publish';
export type AwardRoundParty = 'OFFICE' | 'SYSTEM';

export interface AwardRoundFacts {
  quarter: string;
}

export const AWARD_ROUND_LIFECYCLE = defineLifecycle<AwardRoundStatus, AwardRoundAction, AwardRoundParty, AwardRoundFacts>({
  name: 'award-round',
  statuses: AWARD_ROUND_STATUSES,
  initial: 'DRAFT',
  refusals: {
    // Neither the office nor the quarter-end job: refused before the round's status shows.
    noStanding: () => new ForbiddenError(),
    // A published round is frozen; otherwise the step needs a computed round.
    wrongStatus: (action, status, _allowed, { quarter }) =>
      status === 'PUBLISHED'
        ? new ConflictError(msg('awards.frozen', { quarter }), { status, action })
        : new ConflictError(msg('awards.computeFirst', { quarter, status }), { status }),
    wrongParty: () => new ForbiddenError(),
  },
  transitions: {
    // Computes or recomputes (same data, same result).
    compute: { from: ['DRAFT', 'COMPUTED'], who: ['OFFICE', 'SYSTEM'], to: 'COMPUTED' },
    // A computed round is recomputed with the new weights at once (compute, by the service).
    setWeights: { from: ['DRAFT', 'COMPUTED'], who: ['OFFICE'] },
    confirmWinners: { from: ['COMPUTED'], who: ['OFFICE'] },
    publish: { from: ['COMPUTED'], who: ['OFFICE'], to: 'PUBLISHED' },
  },
});

/** Who acts on a round: the quarter-end job, the office (OFFICE_ROLES), or no one (null). */
export function awardRoundParty(actor: Actor | 'SYSTEM'): AwardRoundParty | null {
  if (actor === 'SYSTEM') return 'SYSTEM';
  return isCoordinator(actor) ? 'OFFICE' : null;
}

/** The round's next status for this step (its status when the step changes none), or the refusal. */
export function decideRound(round: { status: AwardRoundStatus; quarter: string }, action: AwardRoundAction, party: AwardRoundParty | null): AwardRoundStatus {
  return AWARD_ROUND_LIFECYCLE.decide(round.status, action, party ? [party] : [], { quarter: round.quarter }).to;
}
