import { hasRole, isStaffOfUnit, type Actor } from '../auth/actor.js';
import type { AssignmentEnd } from '../assignments/assignment.entity.js';
import type { CallbackParty } from './callback-lifecycle.js';

/**
 * Which follow-up calls (回访) a caller reads. Pure.
 * - The office and auditors: every task.
 * - A unit's staff (handler or unit admin): the tasks of items their unit handles or handled to
 *   the reply, as lead (主办) or co-organiser (协办); a unit the item was transferred away from or
 *   that returned it handled nothing there, and sees none of its calls.
 * - Anyone else: none (the resolver's @Allow refuses them first).
 */
export type CallbackScope = { kind: 'ALL' } | { kind: 'UNIT'; unitId: number } | { kind: 'NONE' };

/** Assignment ends that mean the unit gave the item up before answering it. */
export const HANDED_AWAY: readonly AssignmentEnd[] = ['TRANSFERRED', 'RETURNED'];

export function callbackScope(actor: Actor): CallbackScope {
  if (hasRole(actor, 'COORDINATOR', 'AUDITOR')) return { kind: 'ALL' };
  if (actor.kind === 'staff' && isStaffOfUnit(actor, actor.unitId)) return { kind: 'UNIT', unitId: actor.unitId! };
  return { kind: 'NONE' };
}

/**
 * The caller's parts in one item's call tasks, for CALLBACK_LIFECYCLE: the office (coordinator),
 * an auditor, or the staff of a unit that handles the item (`handles`, asked only for unit staff:
 * the unit holds an assignment of the item not handed away). Empty: no standing.
 */
export async function callbackParties(actor: Actor, handles: (unitId: number) => Promise<boolean>): Promise<CallbackParty[]> {
  const scope = callbackScope(actor);
  if (scope.kind === 'ALL') return hasRole(actor, 'COORDINATOR') ? ['OFFICE'] : ['AUDITOR'];
  if (scope.kind === 'UNIT' && (await handles(scope.unitId))) return ['HANDLING_UNIT'];
  return [];
}
