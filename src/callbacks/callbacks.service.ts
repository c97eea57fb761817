import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { Clock } from '../common/clock.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { applyKeyset, toConnection, type ConnectionShape, countLater } from '../graphql/connection.js';
import type { JobPayloads } from '../jobs/job-types.js';
import { ReplyEntity } from '../replies/reply.entity.js';
import { callbackDueAt } from '../suggestions/suggestion-deadlines.js';
import { CallbackTaskEntity, type CallbackOutcome, type CallbackTaskStatus } from './callback-task.entity.js';
import { msg } from '../common/i18n/message.js';
import { AssignmentEntity } from '../assignments/assignment.entity.js';
import { callbackParties, callbackScope, HANDED_AWAY } from './callback-access.js';
import { CALLBACK_LIFECYCLE } from './callback-lifecycle.js';

@Injectable()
export class CallbacksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
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

  /** The caller's share of the tasks (callback-access.ts): all of them, or those of the items their unit handles. Rows; CallbackTaskView shows them. */
  async list(
    actor: Actor,
    args: { first: number; after?: string | null; status?: CallbackTaskStatus | null; suggestionId?: number | null },
  ): Promise<ConnectionShape<CallbackTaskEntity>> {
    const scope = callbackScope(actor);
    if (scope.kind === 'NONE') throw new ForbiddenError();
    const qb = this.dataSource.getRepository(CallbackTaskEntity).createQueryBuilder('c').where('1 = 1');
    if (args.status) qb.andWhere('c.status = :status', { status: args.status });
    if (args.suggestionId) qb.andWhere('c.suggestionId = :suggestionId', { suggestionId: args.suggestionId });
    if (scope.kind === 'UNIT') {
      qb.andWhere(`c.suggestionId IN ${handledItems(qb.subQuery()).getQuery()}`, { scopeUnitId: scope.unitId, handedAway: [...HANDED_AWAY] });
    }
    const total = countLater(qb);
    // The work list: open tasks soonest due first; history newest first.
    if (args.status === 'OPEN') applyKeyset(qb, 'c.dueAt', 'c.id', 'ASC', args.after, true);
    else applyKeyset(qb, 'c.id', 'c.id', 'DESC', args.after);
    const rows = await qb.take(args.first + 1).getMany();
    return toConnection(rows, args.first, total, (c) => (args.status === 'OPEN' ? [c.dueAt.toISOString(), c.id] : [c.id, c.id]), (c) => c);
  }

  /** Records a call's outcome, as CALLBACK_LIFECYCLE decides (the office, once); conditional on the status read. */
  async complete(actor: Actor, input: { id: number; outcome: CallbackOutcome; note?: string | null }): Promise<CallbackTaskEntity> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const t = await em.findOneBy(CallbackTaskEntity, { id: input.id });
      if (!t) throw new NotFoundError('CallbackTask', input.id);
      const parties = await callbackParties(actor, (unitId) => this.unitHandles(em, unitId, t.suggestionId));
      const { to } = CALLBACK_LIFECYCLE.decide(t.status, 'complete', parties, {});
      const changes = { status: to, outcome: input.outcome, note: input.note?.trim() || null, completedById: actor.kind === 'staff' ? actor.id : null, completedAt: now };
      // Two calls recorded at once: one wins.
      const done = await em.update(CallbackTaskEntity, { id: t.id, status: t.status }, changes);
      if (!done.affected) throw new ConflictError(msg('callback.alreadyDone'), { status: 'DONE' });
      return { ...t, ...changes };
    });
  }

  private async unitHandles(em: EntityManager, unitId: number, suggestionId: number): Promise<boolean> {
    const qb = handledItems(em.createQueryBuilder()).andWhere('a.suggestionId = :suggestionId', { suggestionId });
    return (await qb.setParameters({ scopeUnitId: unitId, handedAway: [...HANDED_AWAY] }).limit(1).getRawOne()) !== undefined;
  }
}

/** The items a unit (:scopeUnitId) handles or handled to the reply: an assignment not handed away (callback-access.ts). */
function handledItems<T extends SelectQueryBuilder<any>>(qb: T): T {
  return qb
    .select('a.suggestionId')
    .from(AssignmentEntity, 'a')
    .where('a.unitId = :scopeUnitId')
    .andWhere('(a.endReason IS NULL OR a.endReason NOT IN (:...handedAway))') as T;
}
