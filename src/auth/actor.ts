import type { Role, StaffRole } from './roles.js';

/** Who is calling. Commands take the actor first. */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'resident'; id: number }
  | { kind: 'staff'; id: number; roles: readonly StaffRole[]; unitId: number | null };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export function actorRoles(actor: Actor): readonly Role[] {
  if (actor.kind === 'resident') return ['RESIDENT'];
  if (actor.kind === 'staff') return actor.roles;
  return [];
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  const mine = actorRoles(actor);
  return roles.some((r) => mine.includes(r));
}

/** Staff of a unit (handler or unit admin), acting for that unit. */
export function isStaffOfUnit(actor: Actor, unitId: number | null | undefined): boolean {
  return (
    actor.kind === 'staff' &&
    unitId != null &&
    actor.unitId === unitId &&
    actor.roles.some((r) => r === 'UNIT_HANDLER' || r === 'UNIT_ADMIN')
  );
}

export function isCoordinator(actor: Actor): boolean {
  return hasRole(actor, 'COORDINATOR');
}
