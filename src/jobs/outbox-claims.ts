import { In, IsNull, type EntityManager } from 'typeorm';
import { OutboxMessageEntity } from './outbox-message.entity.js';

/**
 * Due rows not yet taken, oldest first, locked with `FOR UPDATE SKIP LOCKED` on MySQL/MariaDB
 * so several relays or runners each take different rows. SQLite has no row locks; its single
 * writer (Transactions runs them one at a time) needs none.
 */
export async function lockDueRows(em: EntityManager, dueBy: Date, limit: number): Promise<OutboxMessageEntity[]> {
  const qb = em
    .getRepository(OutboxMessageEntity)
    .createQueryBuilder('o')
    .where('o.dispatchedAt IS NULL')
    .andWhere('o.availableAt <= :dueBy', { dueBy })
    .orderBy('o.availableAt', 'ASC')
    .addOrderBy('o.id', 'ASC')
    .limit(limit);
  if (em.connection.options.type !== 'better-sqlite3') qb.setLock('pessimistic_write').setOnLocked('skip_locked');
  return qb.getMany();
}

/** Marks a row done (handler succeeded), unless it was already finished. */
export async function markCompleted(em: EntityManager, id: number, now: Date): Promise<void> {
  await em.update(OutboxMessageEntity, { id, completedAt: IsNull() }, { completedAt: now, lastError: null });
}

export async function markDispatched(em: EntityManager, ids: number[], now: Date): Promise<void> {
  if (ids.length) await em.update(OutboxMessageEntity, { id: In(ids) }, { dispatchedAt: now });
}
