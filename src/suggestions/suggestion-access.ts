import { hasRole, isCoordinator, isStaffOfUnit, type Actor } from '../auth/actor.js';
import type { Party } from './suggestion-workflow.js';

/**
 * How an actor stands to an item, for the transition table. Pure. `coUnit`: the actor's unit
 * holds a current co-organiser assignment on the item (the caller looked it up).
 */
export function partiesOf(actor: Actor, s: { authorId: number | null; leadUnitId: number | null }, coUnit = false): Party[] {
  const parties: Party[] = [];
  if (actor.kind === 'resident' && s.authorId !== null && actor.id === s.authorId) parties.push('AUTHOR');
  if (isCoordinator(actor)) parties.push('COORDINATOR');
  if (isStaffOfUnit(actor, s.leadUnitId)) parties.push('LEAD_UNIT');
  if (coUnit && actor.kind === 'staff') parties.push('CO_UNIT');
  return parties;
}

/**
 * Who may read an item's full record: the office, auditors and admins; staff of any unit
 * that holds or held it; its author. Evaluators read published items. Everyone else
 * uses trackSuggestion or the public feed.
 */
export function canViewSuggestion(
  actor: Actor,
  s: { authorId: number | null; published: boolean },
  unitIdsInvolved: readonly number[],
): boolean {
  if (hasRole(actor, 'COORDINATOR', 'AUDITOR', 'ADMIN')) return true;
  if (actor.kind === 'resident') return actor.id === s.authorId;
  if (actor.kind === 'staff') {
    if (unitIdsInvolved.some((u) => isStaffOfUnit(actor, u))) return true;
    if (hasRole(actor, 'EVALUATOR') && s.published) return true;
  }
  return false;
}

/** Staff who see unpublished replies and the full history. */
export function seesInternalRecord(actor: Actor, unitIdsInvolved: readonly number[]): boolean {
  return hasRole(actor, 'COORDINATOR', 'AUDITOR', 'ADMIN') || unitIdsInvolved.some((u) => isStaffOfUnit(actor, u));
}
