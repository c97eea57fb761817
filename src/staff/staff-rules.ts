import { STAFF_ROLES, UNIT_ROLES, type StaffRole } from '../auth/roles.js';
import type { Actor } from '../auth/actor.js';
import { msg, type Message } from '../common/i18n/message.js';

/** A refusal and the field it concerns. */
export interface FieldProblem {
  field: string;
  message: Message;
}

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

/** Who manages staff accounts (the operations' @Allow); mayManage and mayGrant decide which. */
export const STAFF_MANAGERS: readonly StaffRole[] = ['ADMIN', 'UNIT_ADMIN'];

/**
 * Whose accounts a manager lists: an admin those of the unit asked for (all when none); a unit
 * admin their own unit's, whatever they ask; anyone else nothing (null: refused).
 */
export function listedUnit(manager: StaffManager, asked: number | null | undefined): { unitId: number | null } | null {
  if (isAdmin(manager)) return { unitId: asked ?? null };
  if (isUnitAdmin(manager)) return { unitId: manager.unitId };
  return null;
}

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
export function shapeProblem(roles: readonly StaffRole[], unitId: number | null): FieldProblem | null {
  if (roles.length === 0) return { field: 'roles', message: msg('staff.rolesRequired') };
  if (new Set(roles).size !== roles.length) return { field: 'roles', message: msg('input.eachOnce', { field: 'roles' }) };
  if (roles.some((r) => !STAFF_ROLES.includes(r))) return { field: 'roles', message: msg('staff.roleUnknown') };
  if (roles.some((r) => UNIT_ROLES.includes(r)) && unitId == null) return { field: 'unitId', message: msg('staff.unitRolesNeedUnit') };
  return null;
}

/** Changes no one may make to their own account: it would lock out the last admin by accident. */
export function selfChangeProblem(manager: StaffManager, targetId: number, change: { roles?: readonly StaffRole[]; active?: boolean }): Message | null {
  if (manager.kind !== 'staff' || manager.id !== targetId) return null;
  if (change.active === false) return msg('staff.selfDeactivate');
  if (change.roles && manager.roles.includes('ADMIN') && !change.roles.includes('ADMIN')) return msg('staff.selfRemoveAdmin');
  return null;
}

/** Why a new password is refused, or null. */
export function passwordProblem(password: string, username: string): Message | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return msg('staff.passwordMin', { min: PASSWORD_MIN_LENGTH });
  if (password.length > PASSWORD_MAX_LENGTH) return msg('staff.passwordMax', { max: PASSWORD_MAX_LENGTH });
  if (password.toLowerCase().includes(username.toLowerCase())) return msg('staff.passwordHasUsername');
  return null;
}
