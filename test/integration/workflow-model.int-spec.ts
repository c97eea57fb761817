import fc from 'fast-check';
import { DomainError } from '../../src/common/errors.js';
import type { Actor } from '../../src/auth/actor.js';
import { CalendarService } from '../../src/calendar/calendar.service.js';
import { shanghaiDate } from '../../src/calendar/shanghai-time.js';
import { WorkflowService } from '../../src/suggestions/workflow.service.js';
import { SuggestionsService } from '../../src/suggestions/suggestions.service.js';
import { SuggestionEntity } from '../../src/suggestions/suggestion.entity.js';
import { TimelineEventEntity } from '../../src/suggestions/timeline-event.entity.js';
import { replayStatus } from '../../src/suggestions/suggestion-workflow.js';
import { ReplyEntity } from '../../src/replies/reply.entity.js';
import { StaffUserEntity } from '../../src/staff/staff-user.entity.js';
import { given, idempotencyKey } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';

type Who = 'coordinator' | 'handlerA' | 'handlerB' | 'author' | 'stranger';
const WHO: Who[] = ['coordinator', 'handlerA', 'handlerB', 'author', 'stranger'];
const command = fc.oneof(
  fc.record({ kind: fc.constant('assign' as const), who: fc.constantFrom(...WHO), toB: fc.boolean() }),
  fc.record({ kind: fc.constantFrom('sign' as const, 'withdraw' as const, 'autoClose' as const), who: fc.constantFrom(...WHO) }),
  fc.record({ kind: fc.constantFrom('return' as const, 'reject' as const, 'close' as const, 'transfer' as const), who: fc.constantFrom(...WHO) }),
  fc.record({ kind: fc.constant('reply' as const), who: fc.constantFrom(...WHO), adoption: fc.constantFrom('ADOPTED' as const, 'NOT_ADOPTED' as const, 'FOR_REFERENCE' as const) }),
  fc.record({ kind: fc.constant('review' as const), who: fc.constantFrom(...WHO), approve: fc.boolean() }),
  fc.record({ kind: fc.constant('rate' as const), who: fc.constantFrom(...WHO), level: fc.constantFrom('SATISFIED' as const, 'BASICALLY_SATISFIED' as const, 'UNSATISFIED' as const) }),
  fc.record({ kind: fc.constant('extend' as const), who: fc.constantFrom(...WHO), days: fc.integer({ min: 1, max: 10 }) }),
  fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 9 }) }),
);

describe(describeDb('workflow model: random command sequences keep the invariants'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('model'))!;
  });
  afterAll(async () => t?.close());

  it('holds after every step', async () => {
    if (!t) return;
    const g = given(t);
    const workflow = t.app.get(WorkflowService);
    const intake = t.app.get(SuggestionsService);
    const calendar = await t.app.get(CalendarService).calendar();
    const unitA = await g.unit();
    const unitB = await g.unit();
    const staff = {
      coordinator: await g.staff(['COORDINATOR']),
      handlerA: await g.staff(['UNIT_HANDLER'], unitA.id),
      handlerB: await g.staff(['UNIT_HANDLER'], unitB.id),
    };
    const stranger = await g.resident();
    const actors: Record<Who, Actor> = {
      coordinator: { kind: 'staff', id: staff.coordinator.id, roles: ['COORDINATOR'], unitId: null },
      handlerA: { kind: 'staff', id: staff.handlerA.id, roles: ['UNIT_HANDLER'], unitId: unitA.id },
      handlerB: { kind: 'staff', id: staff.handlerB.id, roles: ['UNIT_HANDLER'], unitId: unitB.id },
      author: { kind: 'resident', id: 0 }, // a new author each run (submission limits)
      stranger: { kind: 'resident', id: stranger.id },
    };
    const staffUnit = new Map((await t.dataSource.getRepository(StaffUserEntity).find()).map((s) => [s.id, s.unitId]));

    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(command, { minLength: 1, maxLength: 14 }), async (review, commands) => {
        t.clock.set('2025-09-22T02:00:00Z');
        actors.author = { kind: 'resident', id: (await g.resident()).id };
        const campaign = await g.campaign({ requireReplyReview: review, opensAt: new Date('2025-01-01'), closesAt: new Date('2027-01-01') });
        const { suggestion } = await intake.submit(actors.author, { campaignId: campaign.id, title: '测试建议', body: '这是一条用于模型测试的建议内容。', category: '城市建设', consentToPublish: true, idempotencyKey: idempotencyKey() }, '127.0.0.1');
        const id = suggestion.id;
        for (const c of commands) {
          const s = await t.dataSource.getRepository(SuggestionEntity).findOneByOrFail({ id });
          const actor = 'who' in c ? actors[c.who] : actors.coordinator;
          const latestReply = await t.dataSource.getRepository(ReplyEntity).findOne({ where: { suggestionId: id }, order: { id: 'DESC' } });
          try {
            switch (c.kind) {
              case 'assign': await workflow.assign(actor, { suggestionIds: [id], leadUnitId: c.toB ? unitB.id : unitA.id }); break;
              case 'transfer': await workflow.transfer(actor, { suggestionId: id, leadUnitId: s.leadUnitId === unitA.id ? unitB.id : unitA.id, reason: '调整' }); break;
              case 'sign': await workflow.sign(actor, { suggestionId: id }); break;
              case 'withdraw': await workflow.withdraw(actor, { suggestionId: id }); break;
              case 'autoClose': await workflow.autoCloseIfLapsed(id); break;
              case 'return': await workflow.returnToOffice(actor, { suggestionId: id, reason: '退回' }); break;
              case 'reject': await workflow.reject(actor, { suggestionId: id, reason: '不予受理' }); break;
              case 'close': await workflow.close(actor, { suggestionId: id, reason: '办结' }); break;
              case 'reply': await workflow.reply(actor, { suggestionId: id, body: '答复内容答复内容', adoption: c.adoption, notAdoptedReason: '理由' }); break;
              case 'review': if (latestReply) await workflow.reviewReply(actor, { replyId: latestReply.id, approve: c.approve }); break;
              case 'rate': if (latestReply) await workflow.rate(actor, { replyId: latestReply.id, level: c.level }); break;
              case 'extend': await workflow.requestExtension(actor, { suggestionId: id, reason: '需要协调', extraWorkingDays: c.days }); break;
              case 'wait': t.clock.advance(c.days * 86400_000); break;
            }
          } catch (err) {
            if (!(err instanceof DomainError)) throw err; // refusals are fine; anything else is a bug
          }
          // Invariants.
          const after = await t.dataSource.getRepository(SuggestionEntity).findOneByOrFail({ id });
          const events = await t.dataSource.getRepository(TimelineEventEntity).find({ where: { suggestionId: id }, order: { id: 'ASC' } });
          expect(replayStatus(events)).toBe(after.status);
          const statusEvents = events.filter((e) => e.toStatus);
          for (let i = 1; i < statusEvents.length; i++) expect(statusEvents[i]!.fromStatus).toBe(statusEvents[i - 1]!.toStatus);
          if (after.status === 'CLOSED') {
            const published = await t.dataSource.getRepository(ReplyEntity).countBy({ suggestionId: id, status: 'PUBLISHED' });
            expect(published > 0 || !!after.closeReason).toBe(true);
          }
          for (const e of events.filter((e) => ['sign', 'return', 'reply'].includes(e.action))) {
            expect(e.actorKind).toBe('STAFF');
            expect(staffUnit.get(e.actorId!)).toBe(e.unitId);
          }
          for (const due of [after.signDueAt, after.replyDueAt]) {
            if (due) expect(calendar.isWorkingDate(shanghaiDate(due))).toBe(true);
          }
        }
      }),
      { numRuns: Number(process.env.MODEL_RUNS ?? 40) },
    );
  }, 120_000);
});
