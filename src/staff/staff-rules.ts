import { STAFF_ROLES, UNIT_ROLES, type StaffRole } from '../auth/roles.js';
import type { Actor } from '../auth/actor.js';

// Who may manage which staff account, and what an account may look like. Pure; StaffService
// calls these and nothing else decides them.

/** The demo seed and migrations act as the system: allowed everything, audited with no actor. */
export type SystemActor = { kind: 'system' };
export const SYSTEM: SystemActor = { kind: 'system' };
export type StaffManager = Actor | SystemActor;

/** What a staff account is, for these rules. */
export interface StaffShape {
  id?: number;
  roles: readonly StaffRole[];
  unitId: number | null;
}

/** Roles a unit admin may hand out: their unit's handlers, nothing at or above their own level. */
export const UNIT_ADMIN_GRANTS: readonly StaffRole[] = ['UNIT_HANDLER'];

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

const isAdmin = (m: StaffManager) => m.kind === 'system' || (m.kind === 'staff' && m.roles.includes('ADMIN'));
const isUnitAdmin = (m: StaffManager): m is Extract<Actor, { kind: 'staff' }> => m.kind === 'staff' && m.roles.includes('UNIT_ADMIN') && m.unitId != null;

/** May this manager act on this existing account at all (see it, change it, reset it)? */
export function mayManage(manager: StaffManager, target: StaffShape): boolean {
  if (isAdmin(manager)) return true;
  if (!isUnitAdmin(manager)) return false;
  return target.unitId === manager.unitId && target.roles.length > 0 && target.roles.every((r) => UNIT_ADMIN_GRANTS.includes(r));
}

/** May this manager give an account these roles in this unit? */
export function mayGrant(manager: StaffManager, roles: readonly StaffRole[], unitId: number | null): boolean {
  if (isAdmin(manager)) return true;
  if (!isUnitAdmin(manager)) return false;
  return unitId === manager.unitId && roles.every((r) => UNIT_ADMIN_GRANTS.includes(r));
}

/** Why these roles and unit do not make a valid account, or null. */
export function shapeProblem(roles: readonly StaffRole[], unitId: number | null): string | null {
  if (roles.length === 0) return 'roles: at least one role';
  if (new Set(roles).size !== roles.length) return 'roles: each role once';
  if (roles.some((r) => !STAFF_ROLES.includes(r))) return 'roles: unknown role';
  if (roles.some((r) => UNIT_ROLES.includes(r)) && unitId == null) return 'unitId: unit roles need a unit';
  return null;
}

/** Changes no one may make to their own account: it would lock out the last admin by accident. */
export function selfChangeProblem(manager: StaffManager, targetId: number, change: { roles?: readonly StaffRole[]; active?: boolean }): string | null {
  if (manager.kind !== 'staff' || manager.id !== targetId) return null;
  if (change.active === false) return 'You may not deactivate your own account';
  if (change.roles && manager.roles.includes('ADMIN') && !change.roles.includes('ADMIN')) return 'You may not remove your own ADMIN role';
  return null;
}

/** Why a new password is refused, or null. */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `password: at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `password: at most ${PASSWORD_MAX_LENGTH} characters`;
  if (password.toLowerCase().includes(username.toLowerCase())) return 'password: must not contain the username';
  return null;
}
