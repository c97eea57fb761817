import { Injectable } from '@nestjs/common';
import { In, IsNull, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { isStaffOfUnit } from '../auth/actor.js';
import { CalendarService } from '../calendar/calendar.service.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { CampaignEntity } from '../campaigns/campaign.entity.js';
import { Clock } from '../common/clock.js';
import { ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError, ValidationError } from '../common/errors.js';
import { RateLimits } from '../common/rate-limit/rate-limits.js';
import { isUniqueViolation } from '../database/db-errors.js';
import { lockRowById, lockRowsById } from '../database/row-locks.js';
import { Transactions } from '../database/transactions.js';
import { outboxEntry, type OutboxEntry, type ResidentNoticeStage } from '../jobs/job-types.js';
import { writeOutbox } from '../jobs/outbox.js';
import { deadlineReminders, replyFollowUps } from '../reminders/reminder-schedule.js';
import { AssignmentEntity, type AssignmentEnd } from '../assignments/assignment.entity.js';
import { ExtensionRequestEntity } from '../assignments/extension-request.entity.js';
import { ReplyEntity, type Adoption } from '../replies/reply.entity.js';
import { RatingEntity, type RatingLevel } from '../replies/rating.entity.js';
import { ReplyTemplateEntity } from '../replies/reply-template.entity.js';
import { UnitEntity } from '../units/unit.entity.js';
import { SuggestionEntity } from './suggestion.entity.js';
import { partiesOf } from './suggestion-access.js';
import { assertHasStanding, decideTransition, type Party, type SuggestionAction, type SuggestionStatus } from './suggestion-workflow.js';
import { isUnitWork, owesReply } from './reply-owed.js';
import { assignmentDeadlines, extendedReplyDueAt, ratingDueAt, reopenedReplyDueAt } from './suggestion-deadlines.js';
import { appendTimeline } from './timeline.js';
import { msg } from '../common/i18n/message.js';
import { attachPhotos } from '../photos/photo-attach.js';

type ActingParty = Actor | 'SYSTEM';

interface ApplyOptions {
  /** Extra columns to write with the status, given the target status. */
  set?: (to: SuggestionStatus) => Partial<SuggestionEntity>;
  note?: string | null;
  unitId?: number | null;
  /** The resident is told of this stage (and so are authors of items merged into this one). */
  stage?: (to: SuggestionStatus) => ResidentNoticeStage | null;
  outbox?: (after: SuggestionEntity, to: SuggestionStatus) => OutboxEntry[];
  expectedVersion?: number | null;
}

/** Reply text and decision, shared by single and bulk replies. */
export interface ReplyContent {
  body: string;
  adoption: Adoption;
  notAdoptedReason?: string | null;
  templateId?: number | null;
}


/**
 * Commands of the closed loop (链条式、闭环式处理). Every status change goes through `apply`:
 * the transition table decides, a conditional UPDATE … WHERE version = ? AND status = ?
 * writes (no row touched → CONFLICT), and the timeline event and outbox rows are written in
 * the same transaction.
 */
@Injectable()
export class WorkflowService {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly rateLimits: RateLimits,
  ) {}

  // ---- screening (coordinator) ----

  async assign(actor: Actor, input: { suggestionIds: number[]; leadUnitId: number; coUnitIds?: number[] | null; note?: string | null }): Promise<SuggestionEntity[]> {
    const coUnitIds = uniqueUnits(input.leadUnitId, input.coUnitIds ?? []);
    if (new Set(input.suggestionIds).size !== input.suggestionIds.length) {
      throw new ValidationError(msg('input.eachOnce', { field: 'suggestionIds' }), 'suggestionIds');
    }
    const calendar = await this.calendars.calendar();
    return this.tx.run(async (em) => {
      await this.requireActiveUnits(em, [input.leadUnitId, ...coUnitIds]);
      const results: SuggestionEntity[] = [];
      for (const id of input.suggestionIds) {
        const s = await this.load(em, id);
        results.push(await this.routeTo(em, actor, s, 'assign', input.leadUnitId, coUnitIds, input.note ?? null, calendar));
      }
      return results;
    });
  }

  async transfer(actor: Actor, input: { suggestionId: number; leadUnitId: number; coUnitIds?: number[] | null; reason: string; expectedVersion?: number | null }): Promise<SuggestionEntity> {
    const coUnitIds = uniqueUnits(input.leadUnitId, input.coUnitIds ?? []);
    const calendar = await this.calendars.calendar();
    return this.tx.run(async (em) => {
      await this.requireActiveUnits(em, [input.leadUnitId, ...coUnitIds]);
      const s = await this.load(em, input.suggestionId);
      assertHasStanding(partiesOf(actor, s));
      if (s.leadUnitId === input.leadUnitId) throw new ValidationError(msg('assign.sameUnit'), 'leadUnitId');
      await this.endAssignments(em, s.id, 'TRANSFERRED', input.reason);
      return this.routeTo(em, actor, s, 'transfer', input.leadUnitId, coUnitIds, input.reason, calendar, input.expectedVersion);
    });
  }

  /** Assign and transfer share this: new assignments, fresh deadlines, reminders. */
  private async routeTo(
    em: EntityManager,
    actor: Actor,
    s: SuggestionEntity,
    action: 'assign' | 'transfer',
    leadUnitId: number,
    coUnitIds: number[],
    note: string | null,
    calendar: WorkingDayCalendar,
    expectedVersion?: number | null,
  ): Promise<SuggestionEntity> {
    const campaign = await this.campaignOf(em, s);
    const now = this.clock.now();
    const { signDueAt, replyDueAt } = assignmentDeadlines(calendar, now, campaign);
    const after = await this.apply(em, actor, s, action, {
      set: () => ({ leadUnitId, signDueAt, replyDueAt, ratingDueAt: null }),
      note,
      unitId: leadUnitId,
      stage: () => 'ASSIGNED',
      outbox: (a) => deadlineReminders(calendar, a, { includeSign: true }),
      expectedVersion,
    });
    const base = { suggestionId: s.id, assignedById: actorId(actor), assignedAt: now, signDueAt, signedAt: null, signedById: null, contribution: null, contributedAt: null, endedAt: null, endReason: null, endNote: null };
    await em.insert(AssignmentEntity, [
      { ...base, unitId: leadUnitId, role: 'LEAD' as const },
      ...coUnitIds.map((unitId) => ({ ...base, unitId, role: 'CO' as const })),
    ]);
    return after;
  }

  reject(actor: Actor, input: { suggestionId: number; reason: string; expectedVersion?: number | null }): Promise<SuggestionEntity> {
    return this.tx.run(async (em) =>
      this.apply(em, actor, await this.load(em, input.suggestionId), 'reject', {
        set: () => ({ closeReason: input.reason }),
        note: input.reason,
        stage: () => 'REJECTED',
        expectedVersion: input.expectedVersion,
      }),
    );
  }

  /** A duplicate follows its target: its author is told of the target's later stages too. */
  merge(actor: Actor, input: { suggestionId: number; targetId: number; note?: string | null }): Promise<SuggestionEntity> {
    if (input.suggestionId === input.targetId) throw new ValidationError(msg('merge.self'), 'targetId');
    return this.tx.run(async (em) => {
      // Both rows locked together, in id order: merges P→Q and Q→P at once queue here, and the
      // second sees its target already MERGED.
      const locked = await lockRowsById(em, SuggestionEntity, [input.suggestionId, input.targetId]);
      const source = locked.find((x) => x.id === input.suggestionId);
      const target = locked.find((x) => x.id === input.targetId);
      if (!source) throw new NotFoundError('Suggestion', input.suggestionId);
      assertHasStanding(partiesOf(actor, source));
      if (!target) throw new NotFoundError('Suggestion', input.targetId);
      if (['WITHDRAWN', 'REJECTED', 'MERGED'].includes(target.status)) {
        throw new ConflictError(msg('merge.targetClosed', { status: target.status }), { field: 'targetId' });
      }
      return this.apply(em, actor, source, 'merge', {
        set: () => ({ mergedIntoId: target.id }),
        note: input.note ?? null,
        stage: () => 'MERGED',
      });
    });
  }

  withdraw(actor: Actor, input: { suggestionId: number }): Promise<SuggestionEntity> {
    return this.tx.run(async (em) => this.apply(em, actor, await this.load(em, input.suggestionId), 'withdraw', {}));
  }

  close(actor: Actor, input: { suggestionId: number; reason: string; expectedVersion?: number | null }): Promise<SuggestionEntity> {
    return this.tx.run(async (em) =>
      this.apply(em, actor, await this.load(em, input.suggestionId), 'close', {
        set: () => ({ closedAt: this.clock.now(), closeReason: input.reason }),
        note: input.reason,
        stage: () => 'CLOSED',
        expectedVersion: input.expectedVersion,
      }),
    );
  }

  // ---- unit work ----

  /** 签收. The lead unit's signature starts the work; a co-organiser's only records its own part. */
  sign(actor: Actor, input: { suggestionId: number; expectedVersion?: number | null }): Promise<SuggestionEntity> {
    return this.tx.run(async (em) => {
      const s = await this.load(em, input.suggestionId);
      const now = this.clock.now();
      if (!isStaffOfUnit(actor, s.leadUnitId)) {
        const co = await this.currentAssignmentOf(em, s.id, actor, 'CO');
        if (co) {
          if (!owesReply(s.status)) throw new InvalidTransitionError('sign', s.status, []);
          if (co.signedAt) throw new ConflictError(msg('sign.alreadySigned'));
          await em.update(AssignmentEntity, { id: co.id }, { signedAt: now, signedById: actorId(actor) });
          await appendTimeline(em, [{ suggestionId: s.id, actor, unitId: co.unitId, action: 'co-sign', fromStatus: null, toStatus: null, at: now }]);
          return s;
        }
      }
      const after = await this.apply(em, actor, s, 'sign', { unitId: s.leadUnitId, expectedVersion: input.expectedVersion });
      await em.update(AssignmentEntity, { suggestionId: s.id, unitId: s.leadUnitId!, role: 'LEAD', endedAt: IsNull() }, { signedAt: now, signedById: actorId(actor) });
      return after;
    });
  }

  returnToOffice(actor: Actor, input: { suggestionId: number; reason: string; expectedVersion?: number | null }): Promise<SuggestionEntity> {
    return this.tx.run(async (em) => {
      const s = await this.load(em, input.suggestionId);
      const after = await this.apply(em, actor, s, 'return', {
        set: () => ({ leadUnitId: null, signDueAt: null, replyDueAt: null }),
        note: input.reason,
        unitId: s.leadUnitId,
        expectedVersion: input.expectedVersion,
      });
      await this.endAssignments(em, s.id, 'RETURNED', input.reason);
      return after;
    });
  }

  /** Progress notes by the units holding the item, or the office; no status change. */
  addProgressNote(actor: Actor, input: { suggestionId: number; note: string }): Promise<SuggestionEntity> {
    return this.tx.run(async (em) => {
      const s = await this.load(em, input.suggestionId);
      const assignment = await this.currentAssignmentOf(em, s.id, actor);
      const isOffice = partiesOf(actor, s).includes('COORDINATOR');
      if (!assignment && !isOffice) throw new ForbiddenError(msg('progress.notHolder'));
      if (!isUnitWork(s.status)) throw new InvalidTransitionError('addProgressNote', s.status, []);
      await appendTimeline(em, [{ suggestionId: s.id, actor, unitId: assignment?.unitId ?? null, action: 'progress-note', fromStatus: null, toStatus: null, note: input.note, at: this.clock.now() }]);
      return s;
    });
  }

  /** A co-organiser's part of the answer (协办意见), which the lead unit merges into its reply. */
  contribute(actor: Actor, input: { suggestionId: number; contribution: string }): Promise<SuggestionEntity> {
    return this.tx.run(async (em) => {
      const s = await this.load(em, input.suggestionId);
      const co = await this.currentAssignmentOf(em, s.id, actor, 'CO');
      if (!co) throw new ForbiddenError(msg('contribute.notCo'));
      if (!owesReply(s.status)) throw new InvalidTransitionError('contribute', s.status, []);
      if (!co.signedAt) throw new ConflictError(msg('contribute.signFirst'));
      const now = this.clock.now();
      await em.update(AssignmentEntity, { id: co.id }, { contribution: input.contribution, contributedAt: now });
      await appendTimeline(em, [{ suggestionId: s.id, actor, unitId: co.unitId, action: 'co-contribute', fromStatus: null, toStatus: null, at: now }]);
      return s;
    });
  }

  async requestExtension(actor: Actor, input: { suggestionId: number; reason: string; extraWorkingDays: number }): Promise<ExtensionRequestEntity> {
    const calendar = await this.calendars.calendar();
    return this.tx.run(async (em) => {
      const s = await this.load(em, input.suggestionId);
      if (!isStaffOfUnit(actor, s.leadUnitId)) throw new ForbiddenError(msg('extension.leadOnly'));
      if (!owesReply(s.status) || !s.replyDueAt) throw new InvalidTransitionError('requestExtension', s.status, []);
      if (await em.findOneBy(ExtensionRequestEntity, { suggestionId: s.id, status: 'PENDING' })) {
        throw new ConflictError(msg('extension.pending'));
      }
      const now = this.clock.now();
      const row = {
        suggestionId: s.id,
        unitId: s.leadUnitId!,
        requestedById: actorId(actor),
        reason: input.reason,
        extraWorkingDays: input.extraWorkingDays,
        currentDueAt: s.replyDueAt,
        requestedDueAt: extendedReplyDueAt(calendar, s.replyDueAt, input.extraWorkingDays),
        status: 'PENDING' as const,
        decidedById: null,
        decidedAt: null,
        decisionNote: null,
        createdAt: now,
      };
      const r = await em.insert(ExtensionRequestEntity, row);
      await appendTimeline(em, [{ suggestionId: s.id, actor, unitId: s.leadUnitId, action: 'extension-requested', fromStatus: null, toStatus: null, note: input.reason, at: now }]);
      return { ...row, id: r.identifiers[0]!.id as number };
    });
  }

  async decideExtension(actor: Actor, input: { requestId: number; approve: boolean; note?: string | null }): Promise<ExtensionRequestEntity> {
    const calendar = await this.calendars.calendar();
    return this.tx.run(async (em) => {
      const request = await em.findOneBy(ExtensionRequestEntity, { id: input.requestId });
      if (!request) throw new NotFoundError('ExtensionRequest', input.requestId);
      const s = await this.load(em, request.suggestionId);
      if (!partiesOf(actor, s).includes('COORDINATOR')) throw new ForbiddenError(msg('extension.coordinatorOnly'));
      const now = this.clock.now();
      const status = input.approve ? 'APPROVED' : 'DENIED';
      const decided = await em.update(
        ExtensionRequestEntity,
        { id: request.id, status: 'PENDING' },
        { status, decidedById: actorId(actor), decidedAt: now, decisionNote: input.note ?? null },
      );
      if (!decided.affected) throw new ConflictError(msg('extension.alreadyDecided'), { status: request.status });
      if (input.approve) {
        if (!owesReply(s.status) || s.replyDueAt?.getTime() !== request.currentDueAt.getTime()) {
          throw new ConflictError(msg('extension.stale'));
        }
        const moved = await em
          .createQueryBuilder()
          .update(SuggestionEntity)
          .set({ replyDueAt: request.requestedDueAt, version: () => 'version + 1', updatedAt: now })
          .where('id = :id AND version = :version AND status = :status', { id: s.id, version: s.version, status: s.status })
          .execute();
        if (!moved.affected) throw new ConflictError(msg('common.changedMeanwhile'));
        await writeOutbox(em, now, deadlineReminders(calendar, { ...s, replyDueAt: request.requestedDueAt }, { includeSign: false }));
      }
      await appendTimeline(em, [{ suggestionId: s.id, actor, unitId: request.unitId, action: input.approve ? 'extension-approved' : 'extension-denied', fromStatus: null, toStatus: null, note: input.note ?? null, at: now }]);
      return { ...request, status, decidedById: actorId(actor), decidedAt: now, decisionNote: input.note ?? null };
    });
  }

  // ---- replies, review, rating ----

  reply(actor: Actor, input: ReplyContent & { suggestionId: number; expectedVersion?: number | null; photoIds?: string[] | null }): Promise<{ suggestion: SuggestionEntity; reply: ReplyEntity }> {
    return this.tx.run(async (em) => {
      await this.checkReplyContent(em, actor, input);
      const done = await this.replyIn(em, actor, await this.load(em, input.suggestionId), input, input.expectedVersion);
      await attachPhotos(em, actor, { suggestionId: done.suggestion.id, replyId: done.reply.id }, input.photoIds, this.clock.now());
      return done;
    });
  }

  /** One answer sent to many items at once (all or nothing). */
  replyMany(actor: Actor, input: ReplyContent & { suggestionIds: number[] }): Promise<{ suggestion: SuggestionEntity; reply: ReplyEntity }[]> {
    if (new Set(input.suggestionIds).size !== input.suggestionIds.length) throw new ValidationError(msg('input.eachOnce', { field: 'suggestionIds' }), 'suggestionIds');
    return this.tx.run(async (em) => {
      await this.checkReplyContent(em, actor, input);
      const out = [];
      for (const id of input.suggestionIds) out.push(await this.replyIn(em, actor, await this.load(em, id), input));
      return out;
    });
  }

  private async replyIn(em: EntityManager, actor: Actor, s: SuggestionEntity, content: ReplyContent, expectedVersion?: number | null) {
    const campaign = await this.campaignOf(em, s);
    const now = this.clock.now();
    let publishedReplyId: number | null = null;
    const reply = {
      suggestionId: s.id,
      unitId: s.leadUnitId ?? 0,
      authorId: actorId(actor),
      body: content.body,
      adoption: content.adoption,
      notAdoptedReason: content.notAdoptedReason ?? null,
      templateId: content.templateId ?? null,
      status: 'PENDING_REVIEW' as ReplyEntity['status'],
      submittedAt: now,
      dueAt: s.replyDueAt ?? now,
      onTime: !s.replyDueAt || now.getTime() <= s.replyDueAt.getTime(),
      reviewedById: null,
      reviewedAt: null,
      reviewNote: null,
      publishedAt: null as Date | null,
    };
    // The reply row is written first so its id can key the follow-up jobs.
    const inserted = await em.insert(ReplyEntity, reply);
    const replyId = inserted.identifiers[0]!.id as number;
    const after = await this.apply(em, actor, s, 'reply', {
      set: (to) => (to === 'REPLIED' ? this.publishFields(s, campaign, content.adoption, now) : {}),
      unitId: s.leadUnitId,
      stage: (to) => (to === 'REPLIED' ? 'REPLIED' : null),
      outbox: (a, to) => (to === 'REPLIED' ? replyFollowUps({ id: a.id, ratingDueAt: a.ratingDueAt! }, replyId, now) : []),
      expectedVersion,
    });
    if (after.status === 'REPLIED') {
      await em.update(ReplyEntity, { id: replyId }, { status: 'PUBLISHED', publishedAt: now });
      publishedReplyId = replyId;
    }
    return { suggestion: after, reply: { ...reply, id: replyId, ...(publishedReplyId && { status: 'PUBLISHED' as const, publishedAt: now }) } };
  }

  async reviewReply(actor: Actor, input: { replyId: number; approve: boolean; note?: string | null }): Promise<{ suggestion: SuggestionEntity; reply: ReplyEntity }> {
    return this.tx.run(async (em) => {
      const reply = await em.findOneBy(ReplyEntity, { id: input.replyId });
      if (!reply) throw new NotFoundError('Reply', input.replyId);
      const s = await this.load(em, reply.suggestionId);
      assertHasStanding(partiesOf(actor, s));
      if (reply.status !== 'PENDING_REVIEW') throw new ConflictError(msg('review.notPending'), { status: reply.status });
      const campaign = await this.campaignOf(em, s);
      const now = this.clock.now();
      const after = await this.apply(em, actor, s, input.approve ? 'approveReply' : 'sendBackReply', {
        set: () => (input.approve ? this.publishFields(s, campaign, reply.adoption, now) : {}),
        note: input.note ?? null,
        stage: () => (input.approve ? 'REPLIED' : null),
        outbox: (a) => (input.approve ? replyFollowUps({ id: a.id, ratingDueAt: a.ratingDueAt! }, reply.id, now) : []),
      });
      const changes = input.approve
        ? { status: 'PUBLISHED' as const, publishedAt: now, reviewedById: actorId(actor), reviewedAt: now, reviewNote: input.note ?? null }
        : { status: 'SENT_BACK' as const, reviewedById: actorId(actor), reviewedAt: now, reviewNote: input.note ?? null };
      await em.update(ReplyEntity, { id: reply.id }, changes);
      return { suggestion: after, reply: { ...reply, ...changes } };
    });
  }

  private publishFields(s: SuggestionEntity, campaign: CampaignEntity, adoption: Adoption, now: Date): Partial<SuggestionEntity> {
    return {
      adoption,
      published: s.consentToPublish,
      ratingDueAt: ratingDueAt(now, campaign),
    };
  }

  /** The author rates the published reply once. Unsatisfied reopens (重办) while reopens remain. */
  async rate(actor: Actor, input: { replyId: number; level: RatingLevel; comment?: string | null }, ip?: string): Promise<{ suggestion: SuggestionEntity; rating: RatingEntity }> {
    if (ip) await this.rateLimits.consume('ratePerIp', ip, msg('rating.tooMany'));
    if (actor.kind === 'resident') await this.rateLimits.consume('ratePerResident', String(actor.id));
    const calendar = await this.calendars.calendar();
    try {
      return await this.tx.run(async (em) => {
        const reply = await em.findOneBy(ReplyEntity, { id: input.replyId });
        if (!reply) throw new NotFoundError('Reply', input.replyId);
        const s = await this.load(em, reply.suggestionId);
        assertHasStanding(partiesOf(actor, s));
        if (reply.status !== 'PUBLISHED') throw new ConflictError(msg('rating.notPublished'));
        const latest = await em.findOne(ReplyEntity, { where: { suggestionId: s.id, status: 'PUBLISHED' }, order: { id: 'DESC' } });
        if (latest?.id !== reply.id) throw new ConflictError(msg('rating.notLatest'));
        const campaign = await this.campaignOf(em, s);
        const now = this.clock.now();
        const satisfied = input.level !== 'UNSATISFIED';
        const after = await this.apply(em, actor, s, satisfied ? 'rateSatisfied' : 'rateUnsatisfied', {
          set: (to) =>
            to === 'CLOSED'
              ? { closedAt: now, closeReason: satisfied ? null : '居民不满意，重办次数已用完' }
              : { reopenCount: s.reopenCount + 1, replyDueAt: reopenedReplyDueAt(calendar, now, campaign), ratingDueAt: null },
          note: input.comment ?? null,
          unitId: reply.unitId,
          stage: (to) => (to === 'CLOSED' ? 'CLOSED' : 'REOPENED'),
          outbox: (a, to) => (to === 'IN_PROGRESS' ? deadlineReminders(calendar, a, { includeSign: false }) : []),
        });
        const rating = { suggestionId: s.id, replyId: reply.id, unitId: reply.unitId, residentId: actor.kind === 'resident' ? actor.id : null, level: input.level, comment: input.comment ?? null, createdAt: now };
        const r = await em.insert(RatingEntity, rating);
        return { suggestion: after, rating: { ...rating, id: r.identifiers[0]!.id as number } };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(msg('rating.duplicate'));
      throw err;
    }
  }

  /** The rating window lapsed: close a replied item (called by the rating.auto-close job). */
  async autoCloseIfLapsed(suggestionId: number): Promise<boolean> {
    try {
      return await this.tx.run(async (em) => {
        const s = await em.findOneBy(SuggestionEntity, { id: suggestionId });
        const now = this.clock.now();
        if (!s || s.status !== 'REPLIED' || !s.ratingDueAt || s.ratingDueAt > now) return false;
        await this.apply(em, 'SYSTEM', s, 'autoClose', {
          set: () => ({ closedAt: now }),
          note: '评价期满，自动办结',
          stage: () => 'CLOSED',
        });
        return true;
      });
    } catch (err) {
      if (err instanceof ConflictError) return false; // someone rated it meanwhile
      throw err;
    }
  }

  // ---- the one place a status changes ----

  private async apply(em: EntityManager, actor: ActingParty, s: SuggestionEntity, action: SuggestionAction, options: ApplyOptions): Promise<SuggestionEntity> {
    const parties: Party[] = actor === 'SYSTEM' ? ['SYSTEM'] : partiesOf(actor, s);
    const campaign = await this.campaignOf(em, s);
    const to = decideTransition(s.status, action, parties, {
      requireReplyReview: campaign.requireReplyReview,
      reopenCount: s.reopenCount,
      maxReopens: campaign.maxReopens,
    });
    // Only after the table allowed this caller: the version is the item's state too.
    if (options.expectedVersion != null && options.expectedVersion !== s.version) {
      throw new ConflictError(msg('suggestion.staleVersion', { version: s.version, expected: Number(options.expectedVersion) }), { version: s.version });
    }
    const now = this.clock.now();
    const changes = { ...(options.set?.(to) ?? {}), status: to, updatedAt: now };
    const result = await em
      .createQueryBuilder()
      .update(SuggestionEntity)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :version AND status = :status', { id: s.id, version: s.version, status: s.status })
      .execute();
    if (!result.affected) throw new ConflictError(msg('suggestion.lostRace'));
    const after: SuggestionEntity = { ...s, ...changes, version: s.version + 1 };
    const [eventId] = await appendTimeline(em, [
      { suggestionId: s.id, actor, unitId: options.unitId ?? null, action, fromStatus: s.status, toStatus: to, note: options.note ?? null, at: now },
    ]);
    const stage = options.stage?.(to) ?? null;
    const entries = [...(stage ? await this.residentNotices(em, s.id, stage, eventId!) : []), ...(options.outbox?.(after, to) ?? [])];
    await writeOutbox(em, now, entries);
    return after;
  }

  private async residentNotices(em: EntityManager, suggestionId: number, stage: ResidentNoticeStage, eventId: number): Promise<OutboxEntry[]> {
    const followers = await em.find(SuggestionEntity, { select: { id: true }, where: { mergedIntoId: suggestionId } });
    return [suggestionId, ...followers.map((f) => f.id)].map((id) =>
      outboxEntry('notice.resident', { suggestionId: id, stage, timelineEventId: eventId }, `notice:${eventId}:${id}`),
    );
  }

  // ---- helpers ----

  /**
   * The item, locked until the command's transaction ends: commands on one item queue, so
   * every check a command makes (one pending extension, a co-organiser signing once, the
   * state of a merge target) still holds when it writes.
   */
  private async load(em: EntityManager, id: number): Promise<SuggestionEntity> {
    const s = await lockRowById(em, SuggestionEntity, id);
    if (!s) throw new NotFoundError('Suggestion', id);
    return s;
  }

  private async campaignOf(em: EntityManager, s: SuggestionEntity): Promise<CampaignEntity> {
    const c = await em.findOneBy(CampaignEntity, { id: s.campaignId });
    if (!c) throw new NotFoundError('Campaign', s.campaignId);
    return c;
  }

  private async requireActiveUnits(em: EntityManager, ids: number[]): Promise<void> {
    const units = await em.findBy(UnitEntity, { id: In(ids) });
    for (const id of ids) {
      const u = units.find((x) => x.id === id);
      if (!u) throw new NotFoundError('Unit', id);
      if (!u.active) throw new ValidationError(msg('unit.inactive', { code: u.code }), 'leadUnitId');
    }
  }

  private async endAssignments(em: EntityManager, suggestionId: number, reason: AssignmentEnd, note: string): Promise<void> {
    await em.update(AssignmentEntity, { suggestionId, endedAt: IsNull() }, { endedAt: this.clock.now(), endReason: reason, endNote: note });
  }

  /** The actor's unit's current assignment on the item, if any. */
  private async currentAssignmentOf(em: EntityManager, suggestionId: number, actor: Actor, role?: 'LEAD' | 'CO'): Promise<AssignmentEntity | null> {
    if (actor.kind !== 'staff' || actor.unitId === null) return null;
    const a = await em.findOneBy(AssignmentEntity, { suggestionId, unitId: actor.unitId, endedAt: IsNull(), ...(role && { role }) });
    return a && isStaffOfUnit(actor, a.unitId) ? a : null;
  }

  private async checkReplyContent(em: EntityManager, actor: Actor, c: ReplyContent): Promise<void> {
    if (c.adoption === 'NOT_ADOPTED' && !c.notAdoptedReason?.trim()) {
      throw new ValidationError(msg('reply.notAdoptedReason'), 'notAdoptedReason');
    }
    if (c.templateId != null) {
      const t = await em.findOneBy(ReplyTemplateEntity, { id: c.templateId });
      const mine = t && t.active && (t.unitId === null || (actor.kind === 'staff' && actor.unitId === t.unitId));
      if (!mine) throw new NotFoundError('ReplyTemplate', c.templateId);
    }
  }
}

function actorId(actor: Actor): number {
  if (actor.kind === 'anonymous') throw new ForbiddenError();
  return actor.id;
}

function uniqueUnits(leadUnitId: number, coUnitIds: number[]): number[] {
  const unique = [...new Set(coUnitIds)];
  if (unique.includes(leadUnitId)) throw new ValidationError(msg('assign.leadNotCo'), 'coUnitIds');
  if (unique.length > 10) throw new ValidationError(msg('assign.tooManyCo', { max: 10 }), 'coUnitIds');
  return unique;
}
