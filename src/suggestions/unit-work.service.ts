import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { isStaffOfUnit } from '../auth/actor.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { ConflictError, InvalidTransitionError, NotFoundError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { Transactions } from '../database/transactions.js';
import { writeOutbox } from '../jobs/outbox.js';
import { deadlineReminders } from '../reminders/reminder-schedule.js';
import { AssignmentEntity } from '../assignments/assignment.entity.js';
import { ExtensionRequestEntity } from '../assignments/extension-request.entity.js';
import { SuggestionEntity } from './suggestion.entity.js';
import { partiesOf } from './suggestion-access.js';
import { owesReply } from './reply-owed.js';
import { extendedReplyDueAt } from './suggestion-deadlines.js';
import { EXTENSION_LIFECYCLE } from './extension-lifecycle.js';
import { appendTimeline } from './timeline.js';
import { actorId, WorkflowCore } from './workflow-core.js';

/**
 * The units' work on an item they hold: signing (签收), progress notes, a co-organiser's part
 * (协办意见), and extensions of the reply deadline asked by the lead unit and decided by the office.
 */
@Injectable()
export class UnitWorkService {
  constructor(
    private readonly tx: Transactions,
    private readonly core: WorkflowCore,
    private readonly calendars: CalendarService,
  ) {}

  /** 签收. The lead unit's signature starts the work; a co-organiser's only records its own part. */
  sign(actor: Actor, input: { suggestionId: number; expectedVersion?: number | null }): Promise<SuggestionEntity> {
    return this.tx.run(async (em) => {
      const s = await this.core.load(em, input.suggestionId);
      const campaign = await this.core.campaignOf(em, s);
      const now = this.core.now();
      if (!isStaffOfUnit(actor, s.leadUnitId)) {
        const co = await this.core.currentAssignmentOf(em, s.id, actor, 'CO');
        if (co) {
          await this.core.record(em, actor, s, 'coSign', campaign, { timelineAction: 'co-sign', unitId: co.unitId }, { coUnit: true, facts: { coSigned: co.signedAt !== null } });
          await em.update(AssignmentEntity, { id: co.id }, { signedAt: now, signedById: actorId(actor) });
          return s;
        }
      }
      const after = await this.core.apply(em, actor, s, 'sign', campaign, { unitId: s.leadUnitId, expectedVersion: input.expectedVersion });
      await em.update(AssignmentEntity, { suggestionId: s.id, unitId: s.leadUnitId!, role: 'LEAD', endedAt: IsNull() }, { signedAt: now, signedById: actorId(actor) });
      return after;
    });
  }

  /** Progress notes by the units holding the item, or the office; no status change. */
  addProgressNote(actor: Actor, input: { suggestionId: number; note: string }): Promise<SuggestionEntity> {
    return this.tx.run(async (em) => {
      const s = await this.core.load(em, input.suggestionId);
      const assignment = await this.core.currentAssignmentOf(em, s.id, actor);
      await this.core.record(em, actor, s, 'addProgressNote', await this.core.campaignOf(em, s), { timelineAction: 'progress-note', unitId: assignment?.unitId ?? null, note: input.note }, { coUnit: assignment?.role === 'CO' });
      return s;
    });
  }

  /** A co-organiser's part of the answer (协办意见), which the lead unit merges into its reply. */
  contribute(actor: Actor, input: { suggestionId: number; contribution: string }): Promise<SuggestionEntity> {
    return this.tx.run(async (em) => {
      const s = await this.core.load(em, input.suggestionId);
      const co = await this.core.currentAssignmentOf(em, s.id, actor, 'CO');
      await this.core.record(em, actor, s, 'contribute', await this.core.campaignOf(em, s), { timelineAction: 'co-contribute', unitId: co?.unitId ?? null }, { coUnit: co !== null, facts: { coSigned: co?.signedAt != null } });
      await em.update(AssignmentEntity, { id: co!.id }, { contribution: input.contribution, contributedAt: this.core.now() });
      return s;
    });
  }

  async requestExtension(actor: Actor, input: { suggestionId: number; reason: string; extraWorkingDays: number }): Promise<ExtensionRequestEntity> {
    const calendar = await this.calendars.calendar();
    return this.tx.run(async (em) => {
      const s = await this.core.load(em, input.suggestionId);
      const pendingExtension = await em.existsBy(ExtensionRequestEntity, { suggestionId: s.id, status: 'PENDING' });
      await this.core.record(em, actor, s, 'requestExtension', await this.core.campaignOf(em, s), { timelineAction: 'extension-requested', unitId: s.leadUnitId, note: input.reason }, { facts: { pendingExtension } });
      // An item owing a reply always has its deadline (assign and reopen set it).
      if (!s.replyDueAt) throw new InvalidTransitionError('requestExtension', s.status, []);
      const now = this.core.now();
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
      return { ...row, id: r.identifiers[0]!.id as number };
    });
  }

  async decideExtension(actor: Actor, input: { requestId: number; approve: boolean; note?: string | null }): Promise<ExtensionRequestEntity> {
    const calendar = await this.calendars.calendar();
    return this.tx.run(async (em) => {
      const request = await em.findOneBy(ExtensionRequestEntity, { id: input.requestId });
      if (!request) throw new NotFoundError('ExtensionRequest', input.requestId);
      const s = await this.core.load(em, request.suggestionId);
      const office = partiesOf(actor, s).includes('COORDINATOR');
      const stillApplies = owesReply(s.status) && s.replyDueAt?.getTime() === request.currentDueAt.getTime();
      const { to: status, effects } = EXTENSION_LIFECYCLE.decide(request.status, input.approve ? 'approve' : 'deny', office ? ['COORDINATOR'] : [], { stillApplies });
      const now = this.core.now();
      // Conditional on PENDING: two decisions at once, one wins.
      const decided = await em.update(
        ExtensionRequestEntity,
        { id: request.id, status: 'PENDING' },
        { status, decidedById: actorId(actor), decidedAt: now, decisionNote: input.note ?? null },
      );
      if (!decided.affected) throw new ConflictError(msg('extension.alreadyDecided'), { status: request.status });
      if (effects?.movesDeadline) {
        const moved = await em
          .createQueryBuilder()
          .update(SuggestionEntity)
          .set({ replyDueAt: request.requestedDueAt, version: () => 'version + 1', updatedAt: now })
          .where('id = :id AND version = :version AND status = :status', { id: s.id, version: s.version, status: s.status })
          .execute();
        if (!moved.affected) throw new ConflictError(msg('common.changedMeanwhile'));
        await writeOutbox(em, now, deadlineReminders(calendar, { ...s, replyDueAt: request.requestedDueAt }, { includeSign: false }));
      }
      await appendTimeline(em, [{ suggestionId: s.id, actor, unitId: request.unitId, action: effects!.timelineAction, fromStatus: null, toStatus: null, note: input.note ?? null, at: now }]);
      return { ...request, status, decidedById: actorId(actor), decidedAt: now, decisionNote: input.note ?? null };
    });
  }
}
