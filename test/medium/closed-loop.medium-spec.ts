import type { Actor } from '../../src/auth/actor.js';
import { workflowOf } from '../helpers/workflow.js';
import { SuggestionsService } from '../../src/suggestions/suggestions.service.js';
import { SuggestionEntity } from '../../src/suggestions/suggestion.entity.js';
import { TimelineEventEntity } from '../../src/suggestions/timeline-event.entity.js';
import { ReplyEntity } from '../../src/replies/reply.entity.js';
import { RatingEntity } from '../../src/replies/rating.entity.js';
import { OutboxMessageEntity } from '../../src/jobs/outbox-message.entity.js';
import { given, idempotencyKey } from '../factories/given.js';
import { describeDb } from '../helpers/test-app.js';
import { startMedium, type Medium } from '../helpers/medium.js';

// Medium tier: the real workflow on a real database, through service calls (no HTTP, no GraphQL).
// Each test reads as the story of one suggestion going round the closed loop.

describe(describeDb('the closed loop, through the services'), () => {
  let m: Medium;
  beforeAll(async () => {
    m = (await startMedium('closed_loop'))!;
  });
  afterAll(async () => m?.close());

  /** A campaign, a unit with a handler, the office and a resident with one suggestion submitted. */
  async function aSubmittedSuggestion(campaign: { requireReplyReview?: boolean; maxReopens?: number } = {}) {
    const g = given(m);
    m.clock.set('2025-09-22T02:00:00Z'); // a Monday
    const unit = await g.unit();
    const handler = await g.staff(['UNIT_HANDLER'], unit.id);
    const office = await g.staff(['COORDINATOR']);
    const resident = await g.resident();
    const c = await g.campaign({ opensAt: new Date('2025-01-01'), closesAt: new Date('2027-01-01'), ...campaign });
    const actors = {
      office: { kind: 'staff', id: office.id, roles: ['COORDINATOR'], unitId: null } satisfies Actor,
      handler: { kind: 'staff', id: handler.id, roles: ['UNIT_HANDLER'], unitId: unit.id } satisfies Actor,
      author: { kind: 'resident', id: resident.id } satisfies Actor,
    };
    const { suggestion } = await m.app.get(SuggestionsService).submit(actors.author, { campaignId: c.id, title: '小区门口增设公交站', body: '建议在小区门口增设一个公交站，方便老人出行。', category: '交通出行', consentToPublish: true, idempotencyKey: idempotencyKey() }, '10.1.0.1');
    return { id: suggestion.id, unit, actors };
  }

  const statusOf = async (id: number) => (await m.dataSource.getRepository(SuggestionEntity).findOneByOrFail({ id })).status;
  const timeline = async (id: number) => (await m.dataSource.getRepository(TimelineEventEntity).find({ where: { suggestionId: id }, order: { id: 'ASC' } })).map((e) => `${e.action}${e.toStatus ? ` → ${e.toStatus}` : ''}`);
  const residentNotices = async (id: number) =>
    (await m.dataSource.getRepository(OutboxMessageEntity).find({ where: { topic: 'notice.resident' }, order: { id: 'ASC' } }))
      .filter((o) => o.payload.suggestionId === id)
      .map((o) => o.payload.stage);

  it('assigned, signed, replied and rated satisfied: the item closes and the resident heard of each stage', async () => {
    if (!m) return;
    const workflow = workflowOf(m.app);
    const { id, unit, actors } = await aSubmittedSuggestion();
    expect(await statusOf(id)).toBe('SUBMITTED');

    const [assigned] = await workflow.assign(actors.office, { suggestionIds: [id], leadUnitId: unit.id });
    expect(assigned).toMatchObject({ status: 'ASSIGNED', leadUnitId: unit.id });
    expect(assigned!.signDueAt).not.toBeNull();
    expect(assigned!.replyDueAt).not.toBeNull();

    m.clock.advance(3600_000);
    expect(await workflow.sign(actors.handler, { suggestionId: id })).toMatchObject({ status: 'IN_PROGRESS' });

    m.clock.advance(2 * 86400_000);
    const { suggestion: replied, reply } = await workflow.reply(actors.handler, { suggestionId: id, body: '经研究，已协调公交公司在小区门口增设站点。', adoption: 'ADOPTED' });
    expect(replied).toMatchObject({ status: 'REPLIED', adoption: 'ADOPTED', published: true });
    expect(reply).toMatchObject({ status: 'PUBLISHED', onTime: true, unitId: unit.id });
    // The reply starts the rating window and its follow-ups: a rating request, the automatic close, the call-back.
    const followUps = await m.dataSource.getRepository(OutboxMessageEntity).find({ order: { id: 'ASC' } });
    expect(followUps.filter((o) => o.payload.suggestionId === id).map((o) => o.topic)).toEqual(expect.arrayContaining(['rating.request', 'rating.auto-close', 'callback.create']));

    const { suggestion: closed, rating } = await workflow.rate(actors.author, { replyId: reply.id, level: 'SATISFIED', comment: '很满意' });
    expect(closed).toMatchObject({ status: 'CLOSED', closeReason: null });
    expect(await m.dataSource.getRepository(RatingEntity).findOneByOrFail({ id: rating.id })).toMatchObject({ suggestionId: id, replyId: reply.id, unitId: unit.id, residentId: actors.author.id, level: 'SATISFIED' });

    expect(await statusOf(id)).toBe('CLOSED');
    expect(await timeline(id)).toEqual(['submit → SUBMITTED', 'assign → ASSIGNED', 'sign → IN_PROGRESS', 'reply → REPLIED', 'rateSatisfied → CLOSED']);
    expect(await residentNotices(id)).toEqual(['RECEIVED', 'ASSIGNED', 'REPLIED', 'CLOSED']);
  });

  it('a reply under review reaches the resident only once the office approves it; unsatisfied, the item is redone once, then closes', async () => {
    if (!m) return;
    const workflow = workflowOf(m.app);
    const { id, unit, actors } = await aSubmittedSuggestion({ requireReplyReview: true, maxReopens: 1 });
    await workflow.assign(actors.office, { suggestionIds: [id], leadUnitId: unit.id });
    await workflow.sign(actors.handler, { suggestionId: id });

    const first = await workflow.reply(actors.handler, { suggestionId: id, body: '暂不具备增设条件。', adoption: 'NOT_ADOPTED', notAdoptedReason: '道路宽度不足' });
    expect(first.suggestion.status).toBe('REPLY_REVIEW');
    expect(first.reply.status).toBe('PENDING_REVIEW');
    // Not published yet: the author has nothing to rate.
    await expect(workflow.rate(actors.author, { replyId: first.reply.id, level: 'SATISFIED' })).rejects.toMatchObject({ code: 'CONFLICT' });

    const approved = await workflow.reviewReply(actors.office, { replyId: first.reply.id, approve: true });
    expect(approved.suggestion.status).toBe('REPLIED');
    expect(approved.reply.status).toBe('PUBLISHED');

    const reopened = await workflow.rate(actors.author, { replyId: first.reply.id, level: 'UNSATISFIED', comment: '希望再研究' });
    expect(reopened.suggestion).toMatchObject({ status: 'IN_PROGRESS', reopenCount: 1 });

    const second = await workflow.reply(actors.handler, { suggestionId: id, body: '已改为在附近路口增设站点。', adoption: 'FOR_REFERENCE' });
    expect(second.suggestion.status).toBe('REPLY_REVIEW');
    await workflow.reviewReply(actors.office, { replyId: second.reply.id, approve: true });

    // No reopens left: unsatisfied again closes the item, saying why.
    const closed = await workflow.rate(actors.author, { replyId: second.reply.id, level: 'UNSATISFIED' });
    expect(closed.suggestion).toMatchObject({ status: 'CLOSED', reopenCount: 1 });
    expect(closed.suggestion.closeReason).toBeTruthy();

    expect(await timeline(id)).toEqual([
      'submit → SUBMITTED',
      'assign → ASSIGNED',
      'sign → IN_PROGRESS',
      'reply → REPLY_REVIEW',
      'approveReply → REPLIED',
      'rateUnsatisfied → IN_PROGRESS',
      'reply → REPLY_REVIEW',
      'approveReply → REPLIED',
      'rateUnsatisfied → CLOSED',
    ]);
    expect(await m.dataSource.getRepository(ReplyEntity).find({ where: { suggestionId: id }, order: { id: 'ASC' } })).toMatchObject([{ status: 'PUBLISHED' }, { status: 'PUBLISHED' }]);
    expect(await residentNotices(id)).toEqual(['RECEIVED', 'ASSIGNED', 'REPLIED', 'REOPENED', 'REPLIED', 'CLOSED']);
  });
});
