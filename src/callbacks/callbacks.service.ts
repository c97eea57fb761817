import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { Clock } from '../common/clock.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors.js';
import { maskPhone } from '../common/masking.js';
import { PiiCrypto } from '../common/pii-crypto.js';
import { Transactions } from '../database/transactions.js';
import { applyKeyset, toConnection, type ConnectionShape, countLater } from '../graphql/connection.js';
import type { JobPayloads } from '../jobs/job-types.js';
import { ReplyEntity } from '../replies/reply.entity.js';
import { ResidentEntity } from '../residents/resident.entity.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import { callbackDueAt } from '../suggestions/suggestion-deadlines.js';
import { trackingNumberOf } from '../suggestions/tracking-number.js';
import { CallbackTaskEntity, type CallbackOutcome, type CallbackTaskStatus } from './callback-task.entity.js';
import type { CallbackTaskObject } from './dto/callback-task.dto.js';
import { msg } from '../common/i18n/message.js';
import { AssignmentEntity } from '../assignments/assignment.entity.js';
import { callbackScope, HANDED_AWAY } from './callback-access.js';

@Injectable()
export class CallbacksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly pii: PiiCrypto,
  ) {}

  /** From the callback.create job: one task per published reply, however often the job runs. */
  async createForReply(p: JobPayloads['callback.create']): Promise<void> {
    const reply = await this.dataSource.getRepository(ReplyEntity).findOneBy({ id: p.replyId });
    if (!reply || reply.status !== 'PUBLISHED' || reply.suggestionId !== p.suggestionId) return;
    const now = this.clock.now();
    const dueAt = callbackDueAt(await this.calendars.calendar(), reply.publishedAt ?? now);
    await this.tx.run((em) =>
      em
        .createQueryBuilder()
        .insert()
        .into(CallbackTaskEntity)
        .values({ suggestionId: p.suggestionId, replyId: p.replyId, status: 'OPEN', dueAt, outcome: null, note: null, completedById: null, completedAt: null, createdAt: now })
        .orIgnore()
        .execute(),
    );
  }

  /** The caller's share of the tasks (callback-access.ts): all of them, or those of the items their unit handles. */
  async list(
    actor: Actor,
    args: { first: number; after?: string | null; status?: CallbackTaskStatus | null; suggestionId?: number | null },
  ): Promise<ConnectionShape<CallbackTaskObject>> {
    const scope = callbackScope(actor);
    if (scope.kind === 'NONE') throw new ForbiddenError();
    const qb = this.dataSource.getRepository(CallbackTaskEntity).createQueryBuilder('c').where('1 = 1');
    if (args.status) qb.andWhere('c.status = :status', { status: args.status });
    if (args.suggestionId) qb.andWhere('c.suggestionId = :suggestionId', { suggestionId: args.suggestionId });
    if (scope.kind === 'UNIT') {
      const handled = qb
        .subQuery()
        .select('a.suggestionId')
        .from(AssignmentEntity, 'a')
        .where('a.unitId = :scopeUnitId')
        .andWhere('(a.endReason IS NULL OR a.endReason NOT IN (:...handedAway))')
        .getQuery();
      qb.andWhere(`c.suggestionId IN ${handled}`, { scopeUnitId: scope.unitId, handedAway: [...HANDED_AWAY] });
    }
    const total = countLater(qb);
    // The work list: open tasks soonest due first; history newest first.
    if (args.status === 'OPEN') applyKeyset(qb, 'c.dueAt', 'c.id', 'ASC', args.after, true);
    else applyKeyset(qb, 'c.id', 'c.id', 'DESC', args.after);
    const rows = await qb.take(args.first + 1).getMany();
    const objects = await this.toObjects(rows);
    const byId = new Map(objects.map((o) => [o.id, o]));
    return toConnection(rows, args.first, total, (c) => (args.status === 'OPEN' ? [c.dueAt.toISOString(), c.id] : [c.id, c.id]), (c) => byId.get(c.id)!);
  }

  async complete(actor: Actor, input: { id: number; outcome: CallbackOutcome; note?: string | null }): Promise<CallbackTaskObject> {
    if (actor.kind !== 'staff') throw new ForbiddenError();
    const now = this.clock.now();
    const task = await this.tx.run(async (em) => {
      const t = await em.findOneBy(CallbackTaskEntity, { id: input.id });
      if (!t) throw new NotFoundError('CallbackTask', input.id);
      const changes = { status: 'DONE' as const, outcome: input.outcome, note: input.note?.trim() || null, completedById: actor.id, completedAt: now };
      const done = await em.update(CallbackTaskEntity, { id: t.id, status: 'OPEN' }, changes);
      if (!done.affected) throw new ConflictError(msg('callback.alreadyDone'), { status: 'DONE' });
      return { ...t, ...changes };
    });
    return (await this.toObjects([task]))[0]!;
  }

  /** Two queries for the whole page, whatever its size. */
  private async toObjects(rows: CallbackTaskEntity[]): Promise<CallbackTaskObject[]> {
    if (!rows.length) return [];
    const suggestions = await this.dataSource.getRepository(SuggestionEntity).find({
      select: { id: true, submittedAt: true, trackingNumber: true, authorId: true },
      where: { id: In([...new Set(rows.map((r) => r.suggestionId))]) },
    });
    const sById = new Map(suggestions.map((s) => [s.id, s]));
    const authorIds = [...new Set(suggestions.map((s) => s.authorId).filter((id): id is number => id !== null))];
    const residents = authorIds.length
      ? await this.dataSource.getRepository(ResidentEntity).find({ select: { id: true, phoneCiphertext: true }, where: { id: In(authorIds) } })
      : [];
    const phoneOf = new Map(residents.map((r) => [r.id, r.phoneCiphertext ? maskPhone(this.pii.decrypt(r.phoneCiphertext)) : null]));
    return rows.map((t) => {
      const s = sById.get(t.suggestionId);
      return {
        id: t.id,
        status: t.status,
        suggestionId: t.suggestionId,
        trackingNumber: s ? trackingNumberOf(s) : '',
        replyId: t.replyId,
        phoneMasked: s?.authorId ? (phoneOf.get(s.authorId) ?? null) : null,
        dueAt: t.dueAt,
        outcome: t.outcome,
        rawNote: t.note,
        completedById: t.completedById,
        completedAt: t.completedAt,
        createdAt: t.createdAt,
      };
    });
  }
}
