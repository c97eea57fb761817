export const STAFF_ROLES = ['COORDINATOR', 'UNIT_HANDLER', 'UNIT_ADMIN', 'EVALUATOR', 'AUDITOR', 'ADMIN', 'COUNTER_CLERK'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = StaffRole | 'RESIDENT';
export const ALL_ROLES: readonly Role[] = ['RESIDENT', ...STAFF_ROLES];
export const UNIT_ROLES: readonly StaffRole[] = ['UNIT_HANDLER', 'UNIT_ADMIN'];
/** Who records a suggestion on a resident's behalf (代录) and looks a resident's items up by phone. */
export const INTAKE_ROLES: readonly StaffRole[] = ['COORDINATOR', 'COUNTER_CLERK'];
/** The coordinating office (协调办): screens and assigns, keeps campaigns, awards and the disclosure ledger. */
export const OFFICE_ROLES: readonly StaffRole[] = ['COORDINATOR'];
/** Platform administrators: units, routing rules, the job queue. */
export const ADMIN_ROLES: readonly StaffRole[] = ['ADMIN'];
