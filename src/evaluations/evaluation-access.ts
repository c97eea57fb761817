import { hasRole, isCoordinator, type Actor } from '../auth/actor.js';
import type { StaffRole } from '../auth/roles.js';
import type { OpinionParty } from './opinion-lifecycle.js';

// Who does what on the 金秤砣 evaluator panel. Pure; the resolver's @Allow and EvaluationsService
// both use these lists, so a direct call of the service meets the rule the API states.

/** Who keeps the evaluator accounts (create, list, deactivate): the office and administrators. */
export const EVALUATOR_KEEPERS: readonly StaffRole[] = ['COORDINATOR', 'ADMIN'];

/** Who reads the panel's list of published replies: evaluators, and the office that runs the panel. */
export const PANEL_READERS: readonly StaffRole[] = ['EVALUATOR', 'COORDINATOR'];

export const keepsEvaluators = (actor: Actor): boolean => hasRole(actor, ...EVALUATOR_KEEPERS);

/** The caller's part in an evaluator's opinion, for OPINION_LIFECYCLE: the office answers; anyone else has none. */
export function opinionParties(actor: Actor): OpinionParty[] {
  return isCoordinator(actor) ? ['OFFICE'] : [];
}
