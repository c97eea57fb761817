import { readFileSync } from 'node:fs';
import { AwardsService } from '../../src/awards/awards.service.js';
import { StaffService } from '../../src/staff/staff.service.js';
import { SYSTEM } from '../../src/staff/staff-rules.js';
import { TEST_PASSWORD } from '../factories/given.js';
import { NotificationEntity } from '../../src/notifications/notification.entity.js';
import { RoutingRuleEntity } from '../../src/routing/routing-rule.entity.js';
import { ReplyTemplateEntity } from '../../src/replies/reply-template.entity.js';
import type { AccessTable, CellContext } from './lib/authz.js';
import { OMIT } from './lib/schema-ops.js';
import { seedRawRequest } from '../factories/disclosure.js';
import type { TestApp } from '../helpers/test-app.js';
import { freshPhone, type ActorKey } from './lib/world.js';

// The declared authorization table (issue 8, §1): for every query and mutation, which callers
// may call it. test/security/authz-matrix.sec-spec.ts runs every cell against the live schema
// and fails on a wrong allow, a wrong deny, an operation without a row or a row without an
// operation. The guard rule sits on each resolver (@Public / @Allow); finer checks (own item,
// own unit) are in the services, and the cells below put the item in the state the allowed
// caller needs, so a refusal is about who calls.
//
// Callers: anonymous; owner = the resident who wrote the item; otherResident; handler and
// unitAdmin = staff of the unit the item is assigned to (unit A); otherHandler = a handler of
// unit B; coordinator (the office), evaluator, auditor, admin.

const RESIDENTS: ActorKey[] = ['owner', 'otherResident'];
const STAFF: ActorKey[] = ['handler', 'otherHandler', 'unitAdmin', 'coordinator', 'evaluator', 'auditor', 'admin'];
const SIGNED_IN: ActorKey[] = [...RESIDENTS, ...STAFF];
const EVERYONE: ActorKey[] = ['anonymous', ...SIGNED_IN];
/** Staff of the unit holding the item. */
const ITEM_UNIT: ActorKey[] = ['handler', 'unitAdmin'];
/** Who reads an item's full record (suggestion-access.ts). */
const ITEM_READERS: ActorKey[] = ['owner', ...ITEM_UNIT, 'coordinator', 'auditor', 'admin'];
/** Who reads the disclosure ledger. */
const LEDGER: ActorKey[] = ['coordinator', 'auditor', 'admin'];

let seq = 0;
const unique = (prefix: string) => `${prefix}${process.pid % 10000}${++seq}`;

export const ACCESS_TABLE: AccessTable = {
  // ---- public reads ----
  'Query.calendarDays': { allow: EVERYONE },
  'Query.campaign': { allow: EVERYONE, hidden: 'null', vars: (c) => ({ id: c.world.campaign.id }) },
  'Query.campaigns': { allow: EVERYONE },
  'Query.units': { allow: EVERYONE },
  'Query.trackSuggestion': { allow: EVERYONE, why: 'status and masked history for anyone with the number; content only with consent' },

  // ---- own account ----
  'Query.me': { allow: SIGNED_IN },
  'Query.mySuggestions': { allow: RESIDENTS, why: 'each resident sees their own list' },

  // ---- items ----
  'Query.suggestion': { allow: ITEM_READERS, hidden: 'null', vars: (c) => ({ id: c.fixture.suggestionId }) },
  'Query.screeningQueue': { allow: ['coordinator'] },
  'Query.overdueBoard': { allow: ['coordinator'] },
  'Query.pendingExtensionRequests': { allow: ['coordinator'] },
  'Query.replyReviewQueue': { allow: ['coordinator'] },
  'Query.unitInbox': { allow: ['handler', 'otherHandler', 'unitAdmin'], why: 'each unit sees its own inbox' },
  'Query.suggestRouting': { allow: ['coordinator'] },
  'Query.routingRules': { allow: ['coordinator', 'admin'] },
  'Query.replyTemplates': { allow: ['handler', 'otherHandler', 'unitAdmin', 'coordinator', 'admin'], why: 'unit staff see their unit’s and the shared ones' },

  // ---- sign-in ----
  'Mutation.login': { allow: EVERYONE, vars: (c) => ({ username: c.world.staff.auditor.username }) },
  'Mutation.requestLoginCode': { allow: EVERYONE },
  'Mutation.signOut': { allow: EVERYONE, why: 'clears the web portal’s session cookie; nothing else' },
  'Mutation.signInWithCode': {
    allow: EVERYONE,
    vars: async (c) => {
      const phone = freshPhone();
      const sent = await c.app.gql('mutation($i: RequestLoginCodeInput!) { requestLoginCode(input: $i) { sent } }', { i: { phone } });
      if (sent.errors) throw new Error(`could not request a code: ${sent.body}`);
      return { phone, code: c.app.lastCodeFor(phone), displayName: '测试居民' };
    },
  },

  // ---- intake ----
  'Mutation.submitSuggestion': { allow: RESIDENTS },
  // Counter and hotline intake (代录): the office and counter clerks (COUNTER_CLERK is no caller of
  // this matrix; test/e2e/counter-intake.e2e-spec.ts covers it).
  'Mutation.recordSuggestion': { allow: ['coordinator'], vars: () => ({ channel: 'COUNTER', residentName: '王秀英' }), why: 'office or counter staff record for a resident who called, wrote or came in' },
  'Mutation.withdrawSuggestion': { allow: ['owner'], fixture: 'SUBMITTED' },

  // ---- screening (the office) ----
  'Mutation.assignSuggestion': { allow: ['coordinator'], fixture: 'SUBMITTED' },
  'Mutation.rejectSuggestion': { allow: ['coordinator'], fixture: 'SUBMITTED' },
  'Mutation.mergeSuggestion': { allow: ['coordinator'], fixture: 'SUBMITTED' },
  'Mutation.transferSuggestion': { allow: ['coordinator'], fixture: 'IN_PROGRESS', vars: (c) => ({ leadUnitId: c.world.unitB.id }) },
  'Mutation.closeSuggestion': { allow: ['coordinator'], fixture: 'IN_PROGRESS' },
  'Mutation.decideExtension': { allow: ['coordinator'], fixture: 'EXTENSION_PENDING' },
  'Mutation.reviewReply': { allow: ['coordinator'], fixture: 'REPLY_REVIEW' },

  // ---- unit work (the unit holding the item) ----
  'Mutation.signSuggestion': { allow: ITEM_UNIT, fixture: 'ASSIGNED' },
  'Mutation.returnSuggestion': { allow: ITEM_UNIT, fixture: 'ASSIGNED' },
  'Mutation.addProgressNote': { allow: [...ITEM_UNIT, 'coordinator'], fixture: 'IN_PROGRESS' },
  'Mutation.contributeToSuggestion': { allow: ITEM_UNIT, fixture: 'CO_ORGANISED', why: 'unit A is the co-organiser here' },
  'Mutation.requestExtension': { allow: ITEM_UNIT, fixture: 'IN_PROGRESS' },
  'Mutation.replyToSuggestion': { allow: ITEM_UNIT, fixture: 'IN_PROGRESS' },
  'Mutation.replyToSuggestions': { allow: ITEM_UNIT, fixture: 'IN_PROGRESS' },

  // ---- the author's rating ----
  'Mutation.rateReply': { allow: ['owner'], fixture: 'REPLIED' },

  // ---- configuration ----
  'Mutation.createCampaign': { allow: ['coordinator'], vars: () => ({ number: 100 + (++seq % 900) }) },
  'Mutation.openCampaign': { allow: ['coordinator'], vars: async (c) => ({ id: (await c.given.campaign({ status: 'DRAFT' })).id }) },
  'Mutation.closeCampaign': { allow: ['coordinator'], vars: async (c) => ({ id: (await c.given.campaign()).id }) },
  'Mutation.createReplyTemplate': { allow: ['unitAdmin', 'coordinator', 'admin'], why: 'a unit admin for their own unit' },
  'Mutation.updateReplyTemplate': { allow: ['unitAdmin', 'coordinator', 'admin'], why: 'a unit admin their own unit’s', vars: async (c) => ({ id: await templateOfUnitA(c), adoption: OMIT }) },
  'Mutation.retireReplyTemplate': { allow: ['unitAdmin', 'coordinator', 'admin'], why: 'a unit admin their own unit’s', vars: async (c) => ({ id: await templateOfUnitA(c) }) },
  'Mutation.createRoutingRule': { allow: ['admin'] },
  'Mutation.updateRoutingRule': { allow: ['admin'], vars: async (c) => ({ id: await aRoutingRule(c) }) },
  'Mutation.setRoutingRuleActive': { allow: ['admin'], vars: async (c) => ({ id: await aRoutingRule(c), active: false }) },
  'Mutation.createUnit': { allow: ['admin'], vars: () => ({ code: unique('SEC'), kind: 'DEPARTMENT' }) },
  'Mutation.updateUnit': { allow: ['admin'], vars: async (c) => ({ id: (await c.given.unit()).id }) },
  'Mutation.setCalendarDay': { allow: ['coordinator', 'admin'], vars: () => ({ kind: 'HOLIDAY' }) },

  // ---- notifications (each caller's own inbox) ----
  'Query.myNotifications': { allow: SIGNED_IN },
  'Mutation.markNotificationRead': {
    allow: ['owner'],
    hidden: 'NOT_FOUND',
    why: 'someone else’s message is as good as absent',
    vars: async (c) => ({ id: await notificationFor(c.app, c.fixture.owner.id, c.fixture.suggestionId) }),
  },
  'Query.notificationPreferences': { allow: RESIDENTS },
  'Mutation.setNotificationPreferences': { allow: RESIDENTS, vars: () => ({ optOuts: [] }) },

  // ---- follow-up calls (回访) and failed jobs ----
  'Query.callbackTasks': { allow: ['handler', 'otherHandler', 'unitAdmin', 'coordinator', 'auditor'], why: 'a unit reads the call-backs of the items it handles (authz-matrix.sec-spec.ts checks the scoping)' },
  'Mutation.completeCallbackTask': { allow: ['coordinator'] },
  'Query.failedJobs': { allow: ['admin'] },
  'Mutation.retryFailedJob': { allow: ['admin'], why: 'the made-up id ends in NOT_FOUND for the admin; jobs-contract.int-spec.ts retries real ones' },
  'Query.queueDashboardPath': { allow: ['admin'] },
  'Query.notificationChannels': { allow: ['admin'] },

  // ---- personal data (src/privacy) ----
  'Query.exportMyData': { allow: RESIDENTS, audited: true, why: 'each resident exports their own data (a recorded export)' },
  'Mutation.deleteMyAccount': { allow: RESIDENTS, spendsAccount: true, vars: () => ({ confirm: true }) },
  'Mutation.revealContact': { allow: [...ITEM_UNIT, 'coordinator'], fixture: 'IN_PROGRESS', audited: true, vars: () => ({ reason: '电话回访核实诉求' }) },
  'Query.personalDataEvents': { allow: ['auditor', 'admin'] },
  'Query.residentItemsByPhone': {
    allow: ['coordinator'],
    audited: true,
    vars: (c) => ({ phone: c.fixture.owner.phone, reason: '居民到窗口领取答复' }),
    why: 'counter clerks and the office hand out replies by the resident’s phone; every lookup recorded',
  },

  // ---- staff accounts (issue 12 §4): admins everyone, a unit admin their unit's handlers ----
  'Query.staffUsers': { allow: ['unitAdmin', 'admin'], why: 'a unit admin sees their own unit only' },
  'Mutation.createStaffUser': { allow: ['unitAdmin', 'admin'], vars: (c) => ({ username: unique('sec.staff'), roles: ['UNIT_HANDLER'], unitId: c.world.unitA.id }) },
  'Mutation.updateStaffUser': { allow: ['unitAdmin', 'admin'], vars: async (c) => ({ id: await handlerOfUnitA(c), roles: ['UNIT_HANDLER'], unitId: c.world.unitA.id }) },
  'Mutation.setStaffUserActive': { allow: ['unitAdmin', 'admin'], vars: async (c) => ({ id: await handlerOfUnitA(c), active: false }) },
  'Mutation.resetStaffPassword': { allow: ['unitAdmin', 'admin'], vars: async (c) => ({ id: await handlerOfUnitA(c) }) },
  'Mutation.setPasswordWithCode': { allow: EVERYONE, why: 'the code is the credential', vars: onboardingCode },
  'Mutation.changeMyPassword': { allow: STAFF, spendsAccount: true, vars: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new password 42' }) },

  // ---- public feed and figures ----
  'Query.publicSuggestions': { allow: EVERYONE },
  'Query.unitProfile': { allow: EVERYONE },
  'Query.yearSummary': { allow: EVERYONE },
  'Query.statistics': { allow: ['coordinator', 'auditor', 'admin'] },

  // ---- evaluators (金秤砣) ----
  'Query.evaluators': { allow: ['coordinator', 'admin'] },
  'Mutation.createEvaluator': { allow: ['coordinator', 'admin'], vars: () => ({ username: unique('eval'), password: 'a-long-enough-password-1', displayName: '评议员' }) },
  'Mutation.setEvaluatorActive': { allow: ['coordinator', 'admin'], vars: async (c) => ({ id: (await c.given.staff(['EVALUATOR'])).id, active: true }) },
  'Query.repliesForEvaluation': { allow: ['evaluator', 'coordinator'] },
  'Mutation.evaluateReply': { allow: ['evaluator'], fixture: 'PUBLISHED', vars: () => ({ timeliness: 4, substance: 4, attitude: 5, opinion: OMIT }) },
  'Query.evaluatorReviews': { allow: STAFF, why: 'unit staff see their own unit’s reviews only' },
  'Mutation.answerEvaluatorOpinion': { allow: ['coordinator'] },

  // ---- awards ----
  'Query.awardRound': {
    allow: ['coordinator', 'auditor', 'admin'],
    hidden: 'null',
    why: 'an unpublished round exists only for the office',
    vars: async (c) => ({ quarter: await computedRound(c) }),
  },
  'Query.awardRounds': { allow: EVERYONE, why: 'the public sees published rounds only' },
  'Query.leaderboard': { allow: EVERYONE },
  'Query.explainUnitScore': {
    allow: ['coordinator', 'auditor', 'admin'],
    hidden: 'null',
    why: 'explains published rounds to everyone, unpublished ones to the office',
    vars: async (c) => ({ quarter: await computedRound(c), unitId: c.world.unitA.id }),
  },
  'Query.suggestionSupport': { allow: EVERYONE },
  'Mutation.supportSuggestion': { allow: ['otherResident'], fixture: 'PUBLISHED', why: 'not one’s own suggestion' },
  'Mutation.computeAwardRound': { allow: ['coordinator'] },
  'Mutation.setAwardWeights': { allow: ['coordinator'] },
  'Mutation.confirmCitizenAwards': { allow: ['coordinator'] },
  'Mutation.publishAwardRound': { allow: ['coordinator'] },

  // ---- disclosure ledger (依申请公开) ----
  'Query.disclosureRequests': { allow: LEDGER },
  'Query.disclosureRequest': { allow: LEDGER, vars: async (c) => ({ id: await disclosureRequest(c), ledgerNumber: OMIT }) },
  'Query.disclosureAdministrativeCases': { allow: LEDGER },
  'Query.disclosureAnnualReport': { allow: EVERYONE },
  'Mutation.registerDisclosureRequest': { allow: ['coordinator'], vars: () => ({ contactPhone: '0795-3273397' }) },
  'Mutation.extendDisclosureRequest': { allow: ['coordinator'], vars: onRequest },
  'Mutation.requestDisclosureCorrection': { allow: ['coordinator'], vars: onRequest },
  'Mutation.recordDisclosureCorrection': { allow: ['coordinator'], vars: onRequest },
  'Mutation.recordLegalReview': { allow: ['coordinator'], vars: onRequest },
  'Mutation.decideDisclosureRequest': { allow: ['coordinator'], vars: onRequest },
  'Mutation.recordAdministrativeCase': { allow: ['coordinator'], vars: onRequest },
  'Mutation.completeDisclosureCallback': { allow: ['coordinator'], vars: onRequest },
  'Mutation.revealDisclosureContact': { allow: ['coordinator'], audited: true, vars: onRequest },
};

/** A fresh handler of unit A with a phone, the kind of account a unit admin manages. */
async function handlerOfUnitA(c: CellContext): Promise<number> {
  const { staffUser } = await c.app.app.get(StaffService).create(SYSTEM, { username: unique('sec.handler'), displayName: '经办人', roles: ['UNIT_HANDLER'], unitId: c.world.unitA.id, phone: freshPhone() }, { password: TEST_PASSWORD });
  return staffUser.id;
}

/** A fresh active reply template of unit A for each cell (editing or retiring spends it). */
async function templateOfUnitA(c: CellContext): Promise<number> {
  const r = await c.app.dataSource.getRepository(ReplyTemplateEntity).insert({
    unitId: c.world.unitA.id, title: '答复模板', body: '感谢您的建议，我单位已研究办理。', adoption: null, active: true, createdById: c.world.staff.coordinator.id, createdAt: new Date(),
  });
  return r.identifiers[0]!.id as number;
}

/** A fresh routing rule for each cell (editing or turning it off spends it). */
async function aRoutingRule(c: CellContext): Promise<number> {
  const r = await c.app.dataSource.getRepository(RoutingRuleEntity).insert({
    name: '路灯报修', campaignId: null, category: null, keywords: ['路灯'], area: null, leadUnitId: c.world.unitA.id, coUnitIds: [], priority: 100, active: true, createdById: c.world.staff.coordinator.id, createdAt: new Date(),
  });
  return r.identifiers[0]!.id as number;
}

/** A fresh account waiting for its set-password code, and that code (read off the development SMS file). */
async function onboardingCode(c: CellContext): Promise<Record<string, unknown>> {
  const phone = freshPhone();
  const username = unique('sec.onboard');
  await c.app.app.get(StaffService).create(SYSTEM, { username, displayName: '新同事', roles: ['AUDITOR'], phone });
  const sent = readFileSync(c.app.smsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((m) => m.to === phone && m.template === 'STAFF_SET_PASSWORD');
  return { username, code: sent.at(-1).params.code, newPassword: 'a brand new password 42' };
}

/** A message in a resident's inbox (the inbox is filled by jobs; a cell needs one now). */
async function notificationFor(app: CellContext['app'], residentId: number, suggestionId: number): Promise<number> {
  const r = await app.dataSource.getRepository(NotificationEntity).insert({
    recipientKind: 'RESIDENT',
    recipientId: residentId,
    kind: 'RECEIPT',
    template: 'RECEIPT',
    params: { suggestionId },
    suggestionId,
    eventKey: `sec-${residentId}-${suggestionId}-${++seq}`,
    channel: 'NONE',
    readAt: null,
    createdAt: new Date(),
  });
  return r.identifiers[0]!.id as number;
}

/** A ledger entry of its own for each cell (requestId / id). */
async function onRequest(c: CellContext): Promise<Record<string, unknown>> {
  const id = await seedRawRequest(c.app as unknown as TestApp, { applicantType: 'NATURAL_PERSON', receivedAt: new Date() });
  return { id, requestId: id };
}

function disclosureRequest(c: CellContext): Promise<number> {
  return c.world.once('disclosure-request', () => seedRawRequest(c.app as unknown as TestApp, { applicantType: 'NATURAL_PERSON', receivedAt: new Date() }));
}

/** A computed, unpublished round of an ended quarter (once per world). */
function computedRound(c: CellContext): Promise<string> {
  return c.world.once('computed-round', async () => {
    const quarter = '2026Q2';
    await c.app.app.get(AwardsService).compute(c.world.staff.coordinator.actor, quarter);
    return quarter;
  });
}
