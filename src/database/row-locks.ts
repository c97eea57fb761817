import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { lockForUpdate } from './dialect.js';

/**
 * Rows read with an exclusive lock held until the transaction ends, in ascending id order
 * (two transactions locking the same rows then queue instead of deadlocking).
 *
 * This is how a check-then-act stays exact under concurrency on MySQL/MariaDB: whoever holds
 * the lock checks and writes, the others wait and then see the result. Lock before any plain
 * read in the transaction: InnoDB's repeatable-read snapshot is taken at the first plain read,
 * and a snapshot taken before the wait would hide the winner's rows from a later count.
 * SQLite runs transactions one at a time (Transactions), so a plain read is exact there.
 */
export function lockRowsById<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, ids: readonly number[]): Promise<T[]> {
  if (!ids.length) return Promise.resolve([]);
  const qb = em
    .getRepository(entity)
    .createQueryBuilder('locked')
    .where('locked.id IN (:...lockIds)', { lockIds: [...new Set(ids)] })
    .orderBy('locked.id', 'ASC');
  return lockForUpdate(em, qb).getMany();
}

/** One row by id under the same lock; null when it does not exist. */
export async function lockRowById<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, id: number): Promise<T | null> {
  const [row] = await lockRowsById(em, entity, [id]);
  return row ?? null;
}
