import { createRouter, createWebHistory } from 'vue-router';
import HomePage from './pages/HomePage.vue';

// The home page is in the first chunk; every other page (and Vant, ECharts) loads on demand.
export const router = createRouter({
  history: createWebHistory(),
  scrollBehavior: () => ({ top: 0 }),
  routes: [
    { path: '/', component: HomePage, meta: { title: 'nav.home' } },
    { path: '/campaigns/:id(\\d+)', component: () => import('./pages/CampaignPage.vue'), props: true },
    { path: '/suggestions', component: () => import('./pages/SuggestionsPage.vue'), meta: { title: 'nav.suggestions' } },
    { path: '/suggestions/:trackingNumber', component: () => import('./pages/SuggestionPage.vue'), props: true },
    { path: '/track', component: () => import('./pages/TrackPage.vue'), meta: { title: 'nav.track' } },
    { path: '/units/:id(\\d+)', component: () => import('./pages/UnitPage.vue'), props: true },
    { path: '/rankings', component: () => import('./pages/RankingsPage.vue'), meta: { title: 'nav.rankings' } },
    { path: '/statistics', component: () => import('./pages/StatisticsPage.vue'), meta: { title: 'nav.statistics' } },
    { path: '/me', component: () => import('./pages/me/MePage.vue'), meta: { title: 'nav.me' } },
    { path: '/:rest(.*)*', component: () => import('./pages/NotFoundPage.vue') },
  ],
});

// Staff workbenches (/unit, /office, /review, /admin, /staff/login): their routes, guard and Element Plus are added
// on the first visit to one of them, so the resident's first chunk carries only this check.
let staffInstalled = false;
router.beforeEach(async (to) => {
  if (staffInstalled || !/^\/(unit|office|staff|review|admin|counter)(\/|$)/.test(to.path)) return true;
  staffInstalled = true;
  (await import('./staff/routes')).installStaffRoutes(router);
  return to.fullPath;
});
