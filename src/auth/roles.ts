export const STAFF_ROLES = ['COORDINATOR', 'UNIT_HANDLER', 'UNIT_ADMIN', 'EVALUATOR', 'AUDITOR', 'ADMIN'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = StaffRole | 'RESIDENT';
export const ALL_ROLES: readonly Role[] = ['RESIDENT', ...STAFF_ROLES];
export const UNIT_ROLES: readonly StaffRole[] = ['UNIT_HANDLER', 'UNIT_ADMIN'];
