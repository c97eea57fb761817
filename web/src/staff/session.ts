import { shallowRef } from 'vue';
import { request, ApiError } from '../api/client';
import { StaffMeDocument, type StaffMeQuery } from './gql/graphql';

// The signed-in staff member (from `me`, the token stays in the HttpOnly cookie), and which
// workbench each role opens. Kept free of Element Plus: the router's guard imports it.

export type StaffMe = StaffMeQuery['me'];
export const staffMe = shallowRef<StaffMe | null | undefined>();

export async function loadStaffMe(force = false): Promise<StaffMe | null> {
  if (staffMe.value !== undefined && !force) return staffMe.value;
  try {
    const { me } = await request(StaffMeDocument);
    staffMe.value = me.kind === 'STAFF' ? me : null;
  } catch (err) {
    if (err instanceof ApiError && (err.code === 'UNAUTHENTICATED' || err.code === 'FORBIDDEN')) staffMe.value = null;
    else throw err;
  }
  return staffMe.value ?? null;
}

/** The workbenches, each with the roles the api lets use it (screeningQueue: COORDINATOR; unitInbox: unit staff). */
export const WORKBENCHES = [
  { path: '/office', label: 'staff.nav.office', roles: ['COORDINATOR'] },
  { path: '/office/review', label: 'ra.nav.awards', roles: ['COORDINATOR'] },
  { path: '/unit', label: 'staff.nav.unit', roles: ['UNIT_HANDLER', 'UNIT_ADMIN'] },
  { path: '/review', label: 'ra.nav.review', roles: ['EVALUATOR'] },
  { path: '/admin', label: 'ra.nav.admin', roles: ['ADMIN'] },
  { path: '/counter', label: 'cd.nav.counter', roles: ['COUNTER_CLERK', 'COORDINATOR'] },
  // Last, so it is no one's home but the auditor's (the ledger is the only workbench that role reads).
  { path: '/office/disclosure', label: 'dl.nav.ledger', roles: ['COORDINATOR', 'AUDITOR', 'ADMIN'] },
] as const;

/** Who reads the disclosure ledger and its report (LEDGER_READERS in the api), and who writes it (every ledger mutation). */
export const LEDGER_READERS = ['COORDINATOR', 'AUDITOR', 'ADMIN'] as const;
export const LEDGER_WRITERS = ['COORDINATOR'] as const;

/** Pages below the disclosure ledger in the menu. */
export const DISCLOSURE_PAGES = [{ path: '/office/disclosure/cases', label: 'dl.nav.cases' }, { path: '/office/disclosure/report', label: 'dl.nav.report' }] as const;

export function mayOpen(me: StaffMe | null | undefined, roles: readonly string[] | undefined): boolean {
  if (!me) return false;
  return !roles || roles.some((r) => me.roles.includes(r));
}

export function homeOf(me: StaffMe | null | undefined): string | null {
  return WORKBENCHES.find((w) => mayOpen(me, w.roles))?.path ?? null;
}

/** The office's pages under /office, shown in the menu below the office workbench (COORDINATOR, as the api allows their queries). */
export const OFFICE_PAGES = [
  { path: '/office/overdue', label: 'staff.office.nav.overdue' },
  { path: '/office/extensions', label: 'staff.office.nav.extensions' },
  { path: '/office/reviews', label: 'staff.office.nav.reviews' },
  { path: '/office/campaigns', label: 'staff.office.nav.campaigns' },
  { path: '/office/rules', label: 'staff.office.nav.rules' },
  { path: '/office/calendar', label: 'staff.office.nav.calendar' },
  { path: '/office/statistics', label: 'om.nav.statistics' },
] as const;

/** The administrator's pages under /admin (ADMIN, as `failedJobs` allows). */
/** Who may retry a failed job (retryFailedJob: @Allow('ADMIN')). */
export const JOB_RETRIERS = ['ADMIN'] as const;

export const ADMIN_PAGES = [
  { path: '/admin/rules', label: 'staff.office.nav.rules' },
  { path: '/admin/jobs', label: 'om.nav.jobs' },
] as const;

/** The unit workbench's pages under /unit, each with the roles the api lets use it (evaluatorReviews, callbackTasks: unit staff; staffUsers: UNIT_ADMIN). */
export const UNIT_PAGES = [
  { path: '/unit/reviews', label: 'ud.nav.reviews', roles: ['UNIT_HANDLER', 'UNIT_ADMIN'] },
  { path: '/unit/callbacks', label: 'cb.nav', roles: ['UNIT_HANDLER', 'UNIT_ADMIN'] },
  { path: '/unit/admin', label: 'ud.nav.admin', roles: ['UNIT_ADMIN'] },
] as const;
