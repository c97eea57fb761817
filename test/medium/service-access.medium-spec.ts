import type { Actor } from '../../src/auth/actor.js';
import type { StaffRole } from '../../src/auth/roles.js';
import { AwardsService } from '../../src/awards/awards.service.js';
import { CalendarService } from '../../src/calendar/calendar.service.js';
import { CampaignsService } from '../../src/campaigns/campaigns.service.js';
import { ENTITIES } from '../../src/database/entities.js';
import { DisclosureCasesService } from '../../src/disclosure/disclosure-cases.service.js';
import { DisclosureReadsService } from '../../src/disclosure/disclosure-reads.service.js';
import { DisclosureRequestsService } from '../../src/disclosure/disclosure-requests.service.js';
import { EvaluationsService } from '../../src/evaluations/evaluations.service.js';
import { FailedJobsService } from '../../src/jobs/failed-jobs.service.js';
import { PhotosService } from '../../src/photos/photos.service.js';
import { PrivacyService } from '../../src/privacy/privacy.service.js';
import { RoutingService } from '../../src/routing/routing.service.js';
import { StaffService } from '../../src/staff/staff.service.js';
import { SuggestionQueriesService } from '../../src/suggestions/suggestion-queries.service.js';
import { SuggestionsService } from '../../src/suggestions/suggestions.service.js';
import { UnitsService } from '../../src/units/units.service.js';
import { given, idempotencyKey } from '../factories/given.js';
import { startMedium, type Medium } from '../helpers/medium.js';
import { describeDb } from '../helpers/test-app.js';
import { workflowOf } from '../helpers/workflow.js';

// Each service states the role rule of its resolver's @Allow itself, so a direct call — a job,
// another service, a future route — by the wrong caller is refused with the same code, and
// nothing is written. Table-driven: every operation, every caller the API refuses.

const staffActor = (s: { id: number; roles: StaffRole[]; unitId: number | null }) => ({ kind: 'staff', id: s.id, roles: s.roles, unitId: s.unitId }) satisfies Actor;

describe(describeDb('services refuse the callers their operations refuse'), () => {
  let m: Medium;
  let w: Awaited<ReturnType<typeof aWorld>>;

  beforeAll(async () => {
    m = (await startMedium('service_access'))!;
    if (m) w = await aWorld();
  });
  afterAll(async () => m?.close());

  /** Every kind of caller, and one of each thing the operations act on, made by the right callers. */
  async function aWorld() {
    const g = given(m);
    m.clock.set('2025-09-22T02:00:00Z'); // a Monday; 2025Q2 has ended
    const unitA = await g.unit();
    const unitB = await g.unit();
    const actors = {
      office: staffActor(await g.staff(['COORDINATOR'])),
      admin: staffActor(await g.staff(['ADMIN'])),
      auditor: staffActor(await g.staff(['AUDITOR'])),
      evaluator: staffActor(await g.staff(['EVALUATOR'])),
      handlerA: staffActor(await g.staff(['UNIT_HANDLER'], unitA.id)),
      unitAdminA: staffActor(await g.staff(['UNIT_ADMIN'], unitA.id)),
      counterClerk: staffActor(await g.staff(['COUNTER_CLERK'])),
      resident: { kind: 'resident', id: (await g.resident()).id } satisfies Actor,
    };

    // An answered item with an evaluator's open opinion on its reply.
    const campaign = await g.campaign({ opensAt: new Date('2025-01-01'), closesAt: new Date('2027-01-01') });
    const { suggestion } = await m.app
      .get(SuggestionsService)
      .submit(actors.resident, { campaignId: campaign.id, title: '路灯不亮', body: '小区东门的路灯已经坏了一周。', category: '城市建设', consentToPublish: true, idempotencyKey: idempotencyKey() }, '10.1.0.3');
    const workflow = workflowOf(m.app);
    await workflow.assign(actors.office, { suggestionIds: [suggestion.id], leadUnitId: unitA.id });
    await workflow.sign(actors.handlerA, { suggestionId: suggestion.id });
    const { reply } = await workflow.reply(actors.handlerA, { suggestionId: suggestion.id, body: '已修复东门路灯。', adoption: 'ADOPTED' });
    const { opinion } = await m.app.get(EvaluationsService).evaluateReply(actors.evaluator, { replyId: reply.id, timeliness: 4, substance: 4, attitude: 5, opinion: '答复较好，建议说明维修周期。' });

    // A ledger entry and a pending review of it.
    const requests = m.app.get(DisclosureRequestsService);
    const request = await requests.register(actors.office, { applicantType: 'NATURAL_PERSON', applicantName: '张三', contactPhone: '13812345678', channel: 'LETTER', subject: '申请公开道路改造预算', content: '请公开东门路改造的预算明细。', receivedAt: new Date('2025-09-15T02:00:00Z') });
    const pendingCase = await m.app.get(DisclosureCasesService).recordCase(actors.office, { requestId: request.id, kind: 'ADMINISTRATIVE_REVIEW', filedAt: new Date('2025-09-19T02:00:00Z'), result: 'PENDING' });

    const draft = await g.campaign({ status: 'DRAFT' });
    const round = await m.app.get(AwardsService).compute(actors.office, '2025Q2');
    const rule = await m.app.get(RoutingService).create(actors.admin, { name: '路灯', keywords: ['路灯'], leadUnitId: unitA.id });

    return { actors, unitA, unitB, opinionId: opinion!.id, request, pendingCase, draft, round, rule };
  }

  /** Every row of every table: a refused call must leave all of them as they were. */
  async function everything(): Promise<string> {
    const tables = await Promise.all(
      ENTITIES.map(async (entity) => {
        const rows = await m.dataSource.getRepository(entity).find();
        return rows.map((r) => JSON.stringify(r)).sort();
      }),
    );
    return JSON.stringify(tables);
  }

  type Caller = keyof Awaited<ReturnType<typeof aWorld>>['actors'];
  interface Case {
    operation: string;
    /** The callers the operation's @Allow refuses (and the service now refuses too). */
    refused: Caller[];
    call: (actor: Actor) => Promise<unknown>;
  }

  const cases = (): Case[] => {
    const requests = m.app.get(DisclosureRequestsService);
    const cases = m.app.get(DisclosureCasesService);
    const reads = m.app.get(DisclosureReadsService);
    const campaigns = m.app.get(CampaignsService);
    const awards = m.app.get(AwardsService);
    const evaluations = m.app.get(EvaluationsService);
    const queries = m.app.get(SuggestionQueriesService);
    const notOffice: Caller[] = ['admin', 'auditor', 'evaluator', 'handlerA', 'unitAdminA', 'counterClerk', 'resident'];
    const notLedgerReader: Caller[] = ['evaluator', 'handlerA', 'unitAdminA', 'counterClerk', 'resident'];
    const notAdmin: Caller[] = ['office', 'auditor', 'evaluator', 'handlerA', 'unitAdminA', 'resident'];
    const id = w.request.id;
    return [
      // The disclosure ledger: the office writes it, and alone sees the applicant's contact.
      { operation: 'registerDisclosureRequest', refused: notOffice, call: (a) => requests.register(a, { applicantType: 'NATURAL_PERSON', applicantName: '李四', contactPhone: '13912345678', channel: 'EMAIL', subject: '申请公开预算', content: '请公开预算。' }) },
      { operation: 'extendDisclosureRequest', refused: notOffice, call: (a) => requests.extend(a, { id, workingDays: 10, reason: '需要协调' }) },
      { operation: 'requestDisclosureCorrection', refused: notOffice, call: (a) => requests.requestCorrection(a, { id, note: '请写明年份' }) },
      { operation: 'recordDisclosureCorrection', refused: notOffice, call: (a) => requests.recordCorrection(a, { id }) },
      { operation: 'recordLegalReview', refused: notOffice, call: (a) => requests.recordLegalReview(a, { id, reviewer: '法制科' }) },
      { operation: 'decideDisclosureRequest', refused: notOffice, call: (a) => requests.decide(a, { id, outcome: 'OTHER' }) },
      { operation: 'completeDisclosureCallback', refused: notOffice, call: (a) => requests.completeCallback(a, { id, note: '已回访' }) },
      { operation: 'revealDisclosureContact', refused: notOffice, call: (a) => requests.revealContact(a, id) },
      { operation: 'recordAdministrativeCase (new)', refused: notOffice, call: (a) => cases.recordCase(a, { requestId: id, kind: 'LAWSUIT_DIRECT', filedAt: new Date('2025-09-19T02:00:00Z'), result: 'PENDING' }) },
      { operation: 'recordAdministrativeCase (conclude)', refused: notOffice, call: (a) => cases.recordCase(a, { caseId: w.pendingCase.id, result: 'UPHELD' }) },
      { operation: 'disclosureRequests', refused: notLedgerReader, call: (a) => reads.list(a, { first: 20 }) },
      { operation: 'disclosureRequest', refused: notLedgerReader, call: (a) => reads.get(a, { id }) },
      { operation: 'disclosureAdministrativeCases', refused: notLedgerReader, call: (a) => reads.listCases(a, { first: 20 }) },
      // Campaigns and award rounds: the office.
      { operation: 'createCampaign', refused: notOffice, call: (a) => campaigns.create(a, { year: 2025, title: '第九期', topic: '交通', description: '征集交通建议', opensAt: new Date('2025-10-01'), closesAt: new Date('2025-11-01'), categories: ['交通出行'] } as never) },
      { operation: 'openCampaign', refused: notOffice, call: (a) => campaigns.transition(a, w.draft.id, 'open') },
      { operation: 'computeAwardRound', refused: notOffice, call: (a) => awards.compute(a, '2025Q2') },
      { operation: 'setAwardWeights', refused: notOffice, call: (a) => awards.setWeights(a, { quarter: '2025Q2', weights: { response: 0.2, onTime: 0.2, satisfaction: 0.2, adoption: 0.2, evaluator: 0.2 } }) },
      { operation: 'confirmCitizenAwards', refused: notOffice, call: (a) => awards.confirmCitizenAwards(a, { quarter: '2025Q2', winners: [] }) },
      { operation: 'publishAwardRound', refused: notOffice, call: (a) => awards.publish(a, '2025Q2') },
      // The evaluator panel.
      { operation: 'createEvaluator', refused: ['auditor', 'evaluator', 'handlerA', 'unitAdminA', 'counterClerk', 'resident'], call: (a) => evaluations.createEvaluator(a, { username: `eval${Date.now()}`, displayName: '评议员', password: 'a-long-password-1' }) },
      { operation: 'setEvaluatorActive', refused: ['auditor', 'evaluator', 'handlerA', 'unitAdminA', 'counterClerk', 'resident'], call: (a) => evaluations.setEvaluatorActive(a, w.actors.evaluator.id, false) },
      { operation: 'evaluators', refused: ['auditor', 'evaluator', 'handlerA', 'unitAdminA', 'counterClerk', 'resident'], call: (a) => evaluations.evaluators(a, { first: 20 }) },
      { operation: 'repliesForEvaluation', refused: ['admin', 'auditor', 'handlerA', 'unitAdminA', 'counterClerk', 'resident'], call: (a) => evaluations.repliesForEvaluation(a, { first: 20 }) },
      { operation: 'answerEvaluatorOpinion', refused: notOffice, call: (a) => evaluations.answerOpinion(a, { opinionId: w.opinionId, answer: '已转告单位' }) },
      // The office's queues of items.
      { operation: 'screeningQueue', refused: notOffice, call: (a) => queries.screeningQueue(a, { first: 20 }) },
      { operation: 'overdueBoard', refused: notOffice, call: (a) => queries.overdueBoard(a, { first: 20 }) },
      { operation: 'pendingExtensionRequests', refused: notOffice, call: (a) => queries.pendingExtensionRequests(a, { first: 20 }) },
      { operation: 'replyReviewQueue', refused: notOffice, call: (a) => queries.replyReviewQueue(a, { first: 20 }) },
      // Administration.
      { operation: 'retryFailedJob', refused: notAdmin, call: (a) => m.app.get(FailedJobsService).retry(a, 'no-such-job:1') },
      { operation: 'createRoutingRule', refused: notAdmin, call: (a) => m.app.get(RoutingService).create(a, { name: '井盖', keywords: ['井盖'], leadUnitId: w.unitB.id }) },
      { operation: 'updateRoutingRule', refused: notAdmin, call: (a) => m.app.get(RoutingService).update(a, { id: w.rule.id, name: '路灯', keywords: ['路灯'], leadUnitId: w.unitB.id }) },
      { operation: 'setRoutingRuleActive', refused: notAdmin, call: (a) => m.app.get(RoutingService).setActive(a, w.rule.id, false) },
      { operation: 'createUnit', refused: notAdmin, call: (a) => m.app.get(UnitsService).create(a, { code: 'NEW1', name: '新单位', kind: 'DEPARTMENT' }) },
      { operation: 'updateUnit', refused: notAdmin, call: (a) => m.app.get(UnitsService).update(a, { id: w.unitB.id, active: false }) },
      { operation: 'staffUsers', refused: ['office', 'auditor', 'evaluator', 'handlerA', 'counterClerk', 'resident'], call: (a) => m.app.get(StaffService).list(a, { first: 20 }) },
      { operation: 'setCalendarDay', refused: ['auditor', 'evaluator', 'handlerA', 'unitAdminA', 'counterClerk', 'resident'], call: (a) => m.app.get(CalendarService).setDay(a, '2025-10-11', 'HOLIDAY', '本地调休') },
      // Refused before the body is read: the bytes are never asked for.
      { operation: 'POST /photos', refused: ['admin', 'auditor', 'evaluator'], call: (a) => m.app.get(PhotosService).upload(a, '10.1.0.9', () => Promise.reject(new Error('read the upload'))) },
      { operation: 'personalDataEvents', refused: ['office', 'evaluator', 'handlerA', 'unitAdminA', 'counterClerk', 'resident'], call: (a) => m.app.get(PrivacyService).events(a, { first: 20 }) },
    ];
  };

  it('refuses every caller the operation’s @Allow refuses, with FORBIDDEN, writing nothing', async () => {
    if (!m) return;
    // The whole table is compared at once, so a failure lists every gap, not the first.
    const seen: string[] = [];
    const expected: string[] = [];
    for (const c of cases()) {
      for (const caller of c.refused) {
        const before = await everything();
        const outcome = await Promise.resolve()
          .then(() => c.call(w.actors[caller]))
          .then(
            () => 'ALLOWED',
            (err: { code?: string }) => err.code ?? String(err),
          );
        const wrote = (await everything()) !== before ? ', WROTE' : '';
        seen.push(`${c.operation} as ${caller}: ${outcome}${wrote}`);
        expected.push(`${c.operation} as ${caller}: FORBIDDEN`);
      }
    }
    expect(seen).toEqual(expected);
  });

  it('the callers the operations allow still pass the services', async () => {
    if (!m) return;
    const { actors } = w;
    const reads = m.app.get(DisclosureReadsService);
    for (const reader of [actors.office, actors.auditor, actors.admin]) {
      expect((await reads.get(reader, { id: w.request.id }))?.id).toBe(w.request.id);
    }
    expect((await m.app.get(StaffService).list(actors.unitAdminA, { first: 20 })).edges.map((e) => e.node.unitId)).toContain(w.unitA.id);
    expect((await m.app.get(EvaluationsService).repliesForEvaluation(actors.evaluator, { first: 20 })).totalCount).toBeDefined();
    expect(await m.app.get(CalendarService).setDay(actors.office, '2025-10-18', 'HOLIDAY', '本地调休')).toMatchObject({ date: '2025-10-18', kind: 'HOLIDAY' });
    expect((await m.app.get(PrivacyService).events(actors.auditor, { first: 20 })).edges).toBeDefined();
  });
});
