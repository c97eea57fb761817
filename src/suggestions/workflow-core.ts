import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { isStaffOfUnit } from '../auth/actor.js';
import { CampaignEntity } from '../campaigns/campaign.entity.js';
import { Clock } from '../common/clock.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { lockRowById } from '../database/row-locks.js';
import { outboxEntry, type OutboxEntry, type ResidentNoticeStage } from '../jobs/job-types.js';
import { writeOutbox } from '../jobs/outbox.js';
import { AssignmentEntity, type AssignmentEnd } from '../assignments/assignment.entity.js';
import { SuggestionEntity } from './suggestion.entity.js';
import { partiesOf } from './suggestion-access.js';
import { SUGGESTION_LIFECYCLE, type Party, type SuggestionAction, type SuggestionEffects, type SuggestionStatus, type TransitionContext } from './suggestion-workflow.js';
import { owesReply } from './reply-owed.js';
import { deadlineReminders, replyFollowUps } from '../reminders/reminder-schedule.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { appendTimeline } from './timeline.js';

export type ActingParty = Actor | 'SYSTEM';

export interface ApplyOptions {
  /** Extra columns to write with the status, given the target status. */
  set?: (to: SuggestionStatus) => Partial<SuggestionEntity>;
  note?: string | null;
  unitId?: number | null;
  expectedVersion?: number | null;
  /** Facts the action's guards read, beyond the campaign's rules and the item. */
  facts?: Partial<TransitionContext>;
  /** The actor's unit holds a current co-organiser assignment (a CO_UNIT party). */
  coUnit?: boolean;
  /** What the declared effects need: the calendar for reminders, the reply for its follow-ups. */
  calendar?: WorkingDayCalendar;
  replyId?: number;
}

/**
 * The campaigns a command needs, each read once per transaction: a bulk assign of 100 items
 * of one campaign reads it once, not twice per item.
 */
export class CampaignsOf {
  private readonly byId = new Map<number, Promise<CampaignEntity>>();
  constructor(private readonly em: EntityManager) {}

  of(s: { campaignId: number }): Promise<CampaignEntity> {
    let c = this.byId.get(s.campaignId);
    if (!c) {
      c = this.em.findOneBy(CampaignEntity, { id: s.campaignId }).then((row) => {
        if (!row) throw new NotFoundError('Campaign', s.campaignId);
        return row;
      });
      this.byId.set(s.campaignId, c);
    }
    return c;
  }
}

/**
 * What every area of the closed loop shares (screening, unit work, replies, closing): loading
 * an item under its lock, and `apply`, the one place a status changes. The transition table
 * (SUGGESTION_LIFECYCLE) decides, a conditional UPDATE … WHERE version = ? AND status = ? writes
 * (no row touched → CONFLICT), and the timeline event and the outbox rows of the transition's
 * declared effects are written in the same transaction. `record` decides the actions that change
 * no status the same way.
 */
@Injectable()
export class WorkflowCore {
  constructor(private readonly clock: Clock) {}

  now(): Date {
    return this.clock.now();
  }

  /**
   * The item, locked until the command's transaction ends: commands on one item queue, so
   * every check a command makes (one pending extension, a co-organiser signing once, the
   * state of a merge target) still holds when it writes.
   */
  async load(em: EntityManager, id: number): Promise<SuggestionEntity> {
    const s = await lockRowById(em, SuggestionEntity, id);
    if (!s) throw new NotFoundError('Suggestion', id);
    return s;
  }

  /** The campaign of an item, read once per transaction when commands share `campaigns`. */
  campaignOf(em: EntityManager, s: SuggestionEntity, campaigns = new CampaignsOf(em)): Promise<CampaignEntity> {
    return campaigns.of(s);
  }

  /** The table's decision for this actor, item and action (throws the refusal). */
  decide(actor: ActingParty, s: SuggestionEntity, action: SuggestionAction, campaign: CampaignEntity, options: Pick<ApplyOptions, 'facts' | 'coUnit'> = {}) {
    const parties: Party[] = actor === 'SYSTEM' ? ['SYSTEM'] : partiesOf(actor, s, options.coUnit);
    return SUGGESTION_LIFECYCLE.decide(s.status, action, parties, {
      requireReplyReview: campaign.requireReplyReview,
      reopenCount: s.reopenCount,
      maxReopens: campaign.maxReopens,
      ...options.facts,
    });
  }

  /**
   * An action the table allows without a status change (a co-organiser's signature or part, a
   * progress note, an extension request): decided like any other, then its timeline event.
   */
  async record(
    em: EntityManager,
    actor: Actor,
    s: SuggestionEntity,
    action: SuggestionAction,
    campaign: CampaignEntity,
    event: { timelineAction: string; unitId: number | null; note?: string | null },
    options: Pick<ApplyOptions, 'facts' | 'coUnit'> = {},
  ): Promise<void> {
    const decision = this.decide(actor, s, action, campaign, options);
    if (decision.changesStatus) throw new Error(`${action} changes the status: use apply()`);
    await appendTimeline(em, [{ suggestionId: s.id, actor, unitId: event.unitId, action: event.timelineAction, fromStatus: null, toStatus: null, note: event.note ?? null, at: this.clock.now() }]);
  }

  /** Changes the item's status as the table decides; `campaign` is the item's, read by the caller. */
  async apply(
    em: EntityManager,
    actor: ActingParty,
    s: SuggestionEntity,
    action: SuggestionAction,
    campaign: CampaignEntity,
    options: ApplyOptions,
  ): Promise<SuggestionEntity> {
    const { to, effects } = this.decide(actor, s, action, campaign, options);
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
    const stage = typeof effects?.notice === 'function' ? effects.notice(to) : (effects?.notice ?? null);
    const entries = [...(stage ? await this.residentNotices(em, s.id, stage, eventId!) : []), ...this.declaredJobs(effects, after, to, options, now)];
    await writeOutbox(em, now, entries);
    return after;
  }

  /** The outbox rows a transition's declared effects imply for the item after it. */
  private declaredJobs(effects: SuggestionEffects | undefined, after: SuggestionEntity, to: SuggestionStatus, options: ApplyOptions, now: Date): OutboxEntry[] {
    const jobs: OutboxEntry[] = [];
    if (effects?.reminders && owesReply(to)) {
      if (!options.calendar) throw new Error('reminders need the calendar');
      jobs.push(...deadlineReminders(options.calendar, after, { includeSign: effects.reminders === 'sign-and-reply' }));
    }
    if (effects?.replyFollowUps && to === 'REPLIED') {
      if (options.replyId == null) throw new Error('reply follow-ups need the reply');
      jobs.push(...replyFollowUps({ id: after.id, ratingDueAt: after.ratingDueAt! }, options.replyId, now));
    }
    return jobs;
  }

  private async residentNotices(em: EntityManager, suggestionId: number, stage: ResidentNoticeStage, eventId: number): Promise<OutboxEntry[]> {
    const followers = await em.find(SuggestionEntity, { select: { id: true }, where: { mergedIntoId: suggestionId } });
    return [suggestionId, ...followers.map((f) => f.id)].map((id) =>
      outboxEntry('notice.resident', { suggestionId: id, stage, timelineEventId: eventId }, `notice:${eventId}:${id}`),
    );
  }

  async endAssignments(em: EntityManager, suggestionId: number, reason: AssignmentEnd, note: string): Promise<void> {
    await em.update(AssignmentEntity, { suggestionId, endedAt: IsNull() }, { endedAt: this.clock.now(), endReason: reason, endNote: note });
  }

  /** The actor's unit's current assignment on the item, if any. */
  async currentAssignmentOf(em: EntityManager, suggestionId: number, actor: Actor, role?: 'LEAD' | 'CO'): Promise<AssignmentEntity | null> {
    if (actor.kind !== 'staff' || actor.unitId === null) return null;
    const a = await em.findOneBy(AssignmentEntity, { suggestionId, unitId: actor.unitId, endedAt: IsNull(), ...(role && { role }) });
    return a && isStaffOfUnit(actor, a.unitId) ? a : null;
  }
}

export function actorId(actor: Actor): number {
  if (actor.kind === 'anonymous') throw new ForbiddenError();
  return actor.id;
}
