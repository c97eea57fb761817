import type { RouteRecordRaw, Router } from 'vue-router';
import { LEDGER_READERS, homeOf, loadStaffMe, mayOpen } from './session';

// The workbenches' routes and their guard, added by router.ts on the first staff URL.
export function installStaffRoutes(router: Router): void {
  const routes: RouteRecordRaw[] = [
    { path: '/staff/login', component: () => import('./StaffSignIn.vue'), meta: { staff: true, title: 'staff.signIn' } },
    { path: '/staff/set-password', component: () => import('./StaffSetPassword.vue'), meta: { staff: true, title: 'om.setPassword.title' } },
    {
      path: '/unit', component: () => import('./StaffLayout.vue'), meta: { staff: true, roles: ['UNIT_HANDLER', 'UNIT_ADMIN'] },
      children: [
        { path: '', component: () => import('./UnitInbox.vue'), meta: { title: 'staff.nav.unit' } },
        { path: 'items/:id(\\d+)', component: () => import('./UnitItem.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { title: 'staff.item' } },
        { path: 'reviews', component: () => import('./UnitReviews.vue'), meta: { title: 'ud.nav.reviews' } },
        { path: 'callbacks', component: () => import('./UnitCallbacks.vue'), meta: { title: 'cb.nav' } },
        { path: 'admin', component: () => import('./UnitAdmin.vue'), meta: { title: 'ud.nav.admin', roles: ['UNIT_ADMIN'] } },
      ],
    },
    {
      path: '/office', component: () => import('./StaffLayout.vue'), meta: { staff: true, roles: ['COORDINATOR'] },
      children: [
        { path: '', component: () => import('./OfficeScreening.vue'), meta: { title: 'staff.nav.office' } },
        { path: 'overdue', component: () => import('./OfficeOverdue.vue'), meta: { title: 'staff.office.nav.overdue' } },
        { path: 'extensions', component: () => import('./OfficeExtensions.vue'), meta: { title: 'staff.office.nav.extensions' } },
        { path: 'reviews', component: () => import('./OfficeReviews.vue'), meta: { title: 'staff.office.nav.reviews' } },
        { path: 'campaigns', component: () => import('./OfficeCampaigns.vue'), meta: { title: 'staff.office.nav.campaigns' } },
        { path: 'rules', component: () => import('./OfficeRules.vue'), meta: { title: 'staff.office.nav.rules' } },
        { path: 'calendar', component: () => import('./OfficeCalendar.vue'), meta: { title: 'staff.office.nav.calendar' } },
        { path: 'review', component: () => import('./AwardReview.vue'), meta: { title: 'ra.nav.awards' } },
        { path: 'statistics', component: () => import('./OfficeStatistics.vue'), meta: { title: 'om.nav.statistics' } },
      ],
    },
    {
      // Its own record: the ledger and its report are read by the auditor and the administrator too (LEDGER_READERS).
      path: '/office/disclosure', component: () => import('./StaffLayout.vue'), meta: { staff: true, roles: [...LEDGER_READERS] },
      children: [
        { path: '', component: () => import('./DisclosureLedger.vue'), meta: { title: 'dl.nav.ledger' } },
        { path: 'report', component: () => import('./DisclosureReport.vue'), meta: { title: 'dl.nav.report' } },
        { path: 'cases', component: () => import('./DisclosureCases.vue'), meta: { title: 'dl.nav.cases' } },
        { path: ':id(\\d+)', component: () => import('./DisclosureEntry.vue'), props: (r) => ({ id: Number(r.params.id) }), meta: { title: 'dl.nav.ledger' } },
      ],
    },
    {
      path: '/review', component: () => import('./StaffLayout.vue'), meta: { staff: true, roles: ['EVALUATOR'] },
      children: [{ path: '', component: () => import('./EvaluatorReview.vue'), meta: { title: 'ra.nav.review' } }],
    },
    {
      // recordSuggestion and residentItemsByPhone: @Allow('COORDINATOR', 'COUNTER_CLERK').
      path: '/counter', component: () => import('./StaffLayout.vue'), meta: { staff: true, roles: ['COUNTER_CLERK', 'COORDINATOR'] },
      children: [{ path: '', component: () => import('./CounterDesk.vue'), meta: { title: 'cd.nav.counter' } }],
    },
    {
      path: '/admin', component: () => import('./StaffLayout.vue'), meta: { staff: true, roles: ['ADMIN'] },
      children: [
        { path: '', component: () => import('./AdminPage.vue'), meta: { title: 'ra.nav.admin' } },
        // Routing rules are the admin's to write (createRoutingRule and the rest are ADMIN only); the office reads them at /office/rules.
        { path: 'rules', component: () => import('./OfficeRules.vue'), meta: { title: 'staff.office.nav.rules' } },
        { path: 'jobs', component: () => import('./AdminJobs.vue'), meta: { title: 'om.nav.jobs' } },
      ],
    },
  ];
  for (const r of routes) router.addRoute(r);

  // Route-level permissions from the user's roles (`me`): signed out → sign-in; wrong role → own workbench.
  // Every matched level's roles must be met (/unit/admin needs UNIT_ADMIN on top of /unit's unit roles).
  router.beforeEach(async (to) => {
    const levels = to.matched.map((r) => r.meta.roles as string[] | undefined).filter((r): r is string[] => !!r?.length);
    if (!levels.length) return true;
    const me = await loadStaffMe().catch(() => null);
    if (!me) return { path: '/staff/login', query: { next: to.fullPath } };
    if (levels.every((roles) => mayOpen(me, roles))) return true;
    const home = homeOf(me);
    return home ? { path: home } : { path: '/staff/login', query: { denied: '1' } };
  });
}
