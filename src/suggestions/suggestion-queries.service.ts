import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { hasRole, requireRole } from '../auth/actor.js';
import { OFFICE_ROLES, UNIT_ROLES } from '../auth/roles.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { Clock } from '../common/clock.js';
import { ForbiddenError } from '../common/errors.js';
import { applyKeyset, toConnection, type ConnectionShape, countLater } from '../graphql/connection.js';
import { AssignmentEntity } from '../assignments/assignment.entity.js';
import { ExtensionRequestEntity } from '../assignments/extension-request.entity.js';
import { deadlinesLeft, dueSoonHorizon, workingDaysOverdue } from './suggestion-deadlines.js';
import { owesReplySql, UNIT_WORK_STATUSES } from './reply-owed.js';
import type { SuggestionStatus } from './suggestion-workflow.js';
import { SuggestionEntity } from './suggestion.entity.js';
import { canViewSuggestion } from './suggestion-access.js';
import type { InboxFilter } from './dto/workflow.inputs.js';
import { msg } from '../common/i18n/message.js';
import { leanMany } from '../database/lean-rows.js';

/** Read side of the closed loop: screening queue, unit inbox, one item. Rows; the resolver maps them. */
@Injectable()
export class SuggestionQueriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
  ) {}

  /** New and returned items, oldest first (the office screens in arrival order). */
  async screeningQueue(actor: Actor, args: { first: number; after?: string | null; campaignId?: number | null }): Promise<ConnectionShape<SuggestionEntity>> {
    requireRole(actor, OFFICE_ROLES);
    const qb = this.dataSource.getRepository(SuggestionEntity).createQueryBuilder('s').where('s.status IN (:...statuses)', { statuses: ['SUBMITTED', 'RETURNED'] });
    if (args.campaignId) qb.andWhere('s.campaignId = :campaignId', { campaignId: args.campaignId });
    const total = countLater(qb);
    applyKeyset(qb, 's.submittedAt', 's.id', 'ASC', args.after, true);
    const rows = await qb.take(args.first + 1).getMany();
    return toConnection(rows, args.first, total, (s) => [s.submittedAt.toISOString(), s.id], asRow);
  }

  /** A unit's work, soonest deadline first. One indexed query for the page, one for the count. */
  async unitInbox(actor: Actor, args: { first: number; after?: string | null; filter?: InboxFilter | null; asCoOrganiser?: boolean | null }): Promise<ConnectionShape<SuggestionEntity>> {
    if (actor.kind !== 'staff' || actor.unitId === null || !hasRole(actor, ...UNIT_ROLES)) {
      throw new ForbiddenError(msg('suggestion.inboxForUnits'));
    }
    const now = this.clock.now();
    const qb = this.dataSource.getRepository(SuggestionEntity).createQueryBuilder('s');
    if (args.asCoOrganiser) {
      qb.innerJoin(AssignmentEntity, 'a', 'a.suggestionId = s.id AND a.unitId = :unit AND a.role = :co AND a.endedAt IS NULL', { unit: actor.unitId, co: 'CO' });
    } else {
      qb.where('s.leadUnitId = :unit', { unit: actor.unitId });
    }
    switch (args.filter ?? null) {
      case 'AWAITING_SIGNATURE':
        qb.andWhere('s.status = :st', { st: 'ASSIGNED' });
        break;
      case 'IN_PROGRESS':
        qb.andWhere('s.status = :st', { st: 'IN_PROGRESS' });
        break;
      case 'IN_REVIEW':
        qb.andWhere('s.status = :st', { st: 'REPLY_REVIEW' });
        break;
      case 'REOPENED':
        qb.andWhere('s.status = :st AND s.reopenCount > 0', { st: 'IN_PROGRESS' });
        break;
      case 'OVERDUE':
        qb.andWhere(`${owesReplySql('s.status')} AND s.replyDueAt < :now`, { now });
        break;
      case 'DUE_SOON': {
        const soon = dueSoonHorizon(await this.calendars.calendar(), now);
        qb.andWhere(`${owesReplySql('s.status')} AND s.replyDueAt >= :now AND s.replyDueAt <= :soon`, { now, soon });
        break;
      }
      default:
        qb.andWhere('s.status IN (:...sts)', { sts: UNIT_WORK_STATUSES });
    }
    const total = countLater(qb);
    applyKeyset(qb, 's.replyDueAt', 's.id', 'ASC', args.after, true);
    // A hot page: entities made from the raw rows (a co-organiser's inbox joins, and takes getMany).
    const rows = await leanMany(qb.take(args.first + 1));
    return toConnection(rows, args.first, total, (s) => [s.replyDueAt?.toISOString() ?? '', s.id], asRow);
  }

  /** 督办: items across units still held past their reply deadline, longest overdue first (the office's view). */
  async overdueBoard(actor: Actor, args: { first: number; after?: string | null; unitId?: number | null }): Promise<ConnectionShape<SuggestionEntity>> {
    requireRole(actor, OFFICE_ROLES);
    const qb = this.dataSource
      .getRepository(SuggestionEntity)
      .createQueryBuilder('s')
      .where(`${owesReplySql('s.status')} AND s.replyDueAt < :now`, { now: this.clock.now() });
    if (args.unitId) qb.andWhere('s.leadUnitId = :unit', { unit: args.unitId });
    const total = countLater(qb);
    applyKeyset(qb, 's.replyDueAt', 's.id', 'ASC', args.after, true);
    const rows = await qb.take(args.first + 1).getMany();
    return toConnection(rows, args.first, total, (s) => [s.replyDueAt?.toISOString() ?? '', s.id], asRow);
  }

  /** Extension requests awaiting the office's decision, oldest first. */
  async pendingExtensionRequests(actor: Actor, args: { first: number; after?: string | null }): Promise<ConnectionShape<ExtensionRequestEntity>> {
    requireRole(actor, OFFICE_ROLES);
    const qb = this.dataSource.getRepository(ExtensionRequestEntity).createQueryBuilder('e').where('e.status = :st', { st: 'PENDING' });
    const total = countLater(qb);
    applyKeyset(qb, 'e.createdAt', 'e.id', 'ASC', args.after, true);
    const rows = await qb.take(args.first + 1).getMany();
    return toConnection(rows, args.first, total, (e) => [e.createdAt.toISOString(), e.id], asRow);
  }

  /** Items whose reply waits for the office's review (REPLY_REVIEW), soonest reply deadline first. */
  async replyReviewQueue(actor: Actor, args: { first: number; after?: string | null }): Promise<ConnectionShape<SuggestionEntity>> {
    requireRole(actor, OFFICE_ROLES);
    const qb = this.dataSource.getRepository(SuggestionEntity).createQueryBuilder('s').where('s.status = :st', { st: 'REPLY_REVIEW' });
    const total = countLater(qb);
    applyKeyset(qb, 's.replyDueAt', 's.id', 'ASC', args.after, true);
    const rows = await qb.take(args.first + 1).getMany();
    return toConnection(rows, args.first, total, (s) => [s.replyDueAt?.toISOString() ?? '', s.id], asRow);
  }

  /** Working days past the reply deadline (the one calendar), or null when not overdue. */
  async workingDaysOverdue(s: { status: SuggestionStatus; replyDueAt: Date | null }): Promise<number | null> {
    const now = this.clock.now();
    if (!s.replyDueAt || s.replyDueAt >= now) return null;
    return workingDaysOverdue(s, now, await this.calendars.calendar());
  }

  /** Working days left on the item's running sign and reply deadlines (the one calendar); null where none runs. */
  async deadlinesLeft(s: { status: SuggestionStatus; signDueAt: Date | null; replyDueAt: Date | null }): Promise<{ sign: number | null; reply: number | null }> {
    if (!s.signDueAt && !s.replyDueAt) return { sign: null, reply: null };
    return deadlinesLeft(s, this.clock.now(), await this.calendars.calendar());
  }

  /** One item, for those who may read its record; null otherwise (no existence leak). */
  async get(actor: Actor, id: number): Promise<SuggestionEntity | null> {
    const s = await this.dataSource.getRepository(SuggestionEntity).findOneBy({ id });
    if (!s) return null;
    const involved = await this.unitsInvolved([s.id]);
    return canViewSuggestion(actor, s, involved.get(s.id) ?? []) ? s : null;
  }

  /** Every unit that holds or held each item (current and ended assignments). */
  async unitsInvolved(ids: number[]): Promise<Map<number, number[]>> {
    const rows = await this.dataSource.getRepository(AssignmentEntity).find({ select: { suggestionId: true, unitId: true }, where: { suggestionId: In(ids) } });
    const map = new Map<number, number[]>();
    for (const r of rows) (map.get(r.suggestionId) ?? map.set(r.suggestionId, []).get(r.suggestionId)!).push(r.unitId);
    return map;
  }
}

const asRow = <R>(row: R): R => row;
