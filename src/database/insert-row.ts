import type { EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';

/**
 * Inserts one row and returns its generated id, in one statement on every driver. `em.insert`
 * reads back the columns the database fills (ids, defaults, versions): on MariaDB by a RETURNING
 * clause it then hydrates, on SQLite and MySQL 8 (no RETURNING) by a SELECT after the INSERT.
 * A hot-path caller that wrote every column itself needs only the id, which the driver reports
 * anyway: mysql2's `insertId`, better-sqlite3's `lastInsertRowid`.
 */
export async function insertRow<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, row: QueryDeepPartialEntity<T>): Promise<number> {
  const result = await em.createQueryBuilder().insert().into(entity).values(row).updateEntity(false).execute();
  const raw = result.raw as { insertId?: number | bigint } | number | bigint;
  const id = typeof raw === 'object' && raw !== null ? raw.insertId : raw;
  if (id === undefined || id === null || Number(id) <= 0) throw new Error('insertRow: the driver reported no generated id');
  return Number(id);
}
