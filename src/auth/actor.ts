import { ForbiddenError } from '../common/errors.js';
import type { Message } from '../common/i18n/message.js';
import { OFFICE_ROLES, type Role, type StaffRole } from './roles.js';

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
  return hasRole(actor, ...OFFICE_ROLES);
}

/**
 * The role rule of an operation, asked by its service: the same named list the resolver's
 * `@Allow` states, so a direct call (a job, another service, a test) meets the same rule.
 * Refuses with FORBIDDEN before anything is read or written.
 */
export function requireRole(actor: Actor, roles: readonly Role[], message?: Message): asserts actor is Extract<Actor, { kind: 'staff' | 'resident' }> {
  if (!hasRole(actor, ...roles)) throw new ForbiddenError(message);
}
