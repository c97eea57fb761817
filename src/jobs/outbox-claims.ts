import { In, IsNull, type EntityManager } from 'typeorm';
import { lockForUpdate } from '../database/dialect.js';
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
    // A relay that died after its job ran but before marking the row leaves it completed, undispatched.
    .andWhere('o.completedAt IS NULL')
    .orderBy('o.availableAt', 'ASC')
    .addOrderBy('o.id', 'ASC')
    .limit(limit);
  return lockForUpdate(em, qb, { skipLocked: true }).getMany();
}

/**
 * Claims due rows as a lease: locks them (see `lockDueRows`) and moves `availableAt` to
 * `leaseEnd`, so rows of a process that dies holding them come due again by themselves. The
 * SQL runner also counts the attempt; the relay does not (BullMQ counts its attempts).
 */
export async function leaseDueRows(em: EntityManager, dueBy: Date, limit: number, leaseEnd: Date, options: { countAttempt?: boolean } = {}): Promise<OutboxMessageEntity[]> {
  const rows = await lockDueRows(em, dueBy, limit);
  if (!rows.length) return rows;
  await em
    .createQueryBuilder()
    .update(OutboxMessageEntity)
    .set({ availableAt: leaseEnd, ...(options.countAttempt && { attempts: () => 'attempts + 1' }) })
    .where({ id: In(rows.map((r) => r.id)) })
    .execute();
  return options.countAttempt ? rows.map((r) => ({ ...r, attempts: r.attempts + 1 })) : rows;
}

/** Marks a row done (handler succeeded), unless it was already finished. */
export async function markCompleted(em: EntityManager, id: number, now: Date): Promise<void> {
  await em.update(OutboxMessageEntity, { id, completedAt: IsNull() }, { completedAt: now, lastError: null });
}

/**
 * Ends a relay's claim on rows: gives each back its own due time (the claim had moved it on)
 * and, when they reached the queue, marks them dispatched. Without `dispatchedAt` the rows are
 * handed back for the next pass, unless another relay has dispatched them meanwhile.
 */
export async function endClaim(em: EntityManager, rows: readonly Pick<OutboxMessageEntity, 'id' | 'availableAt'>[], dispatchedAt: Date | null): Promise<void> {
  if (!rows.length) return;
  const params: Record<string, Date> = {};
  const cases = rows.map((r, i) => ((params[`due${i}`] = r.availableAt), `WHEN ${Number(r.id)} THEN :due${i}`)).join(' ');
  const ids = rows.map((r) => r.id);
  await em
    .createQueryBuilder()
    .update(OutboxMessageEntity)
    .set({ dispatchedAt, availableAt: () => `CASE id ${cases} END` })
    .where(dispatchedAt ? { id: In(ids) } : { id: In(ids), dispatchedAt: IsNull(), completedAt: IsNull() })
    .setParameters(params)
    .execute();
}
