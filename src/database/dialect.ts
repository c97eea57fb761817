import type { DataSource, EntityManager, SelectQueryBuilder, ObjectLiteral } from 'typeorm';

/**
 * The SQL dialect of a connection, asked in one place. CivicLoop runs on two: SQLite through
 * better-sqlite3 (embedded mode) and MySQL/MariaDB through mysql2 (production). Code that writes
 * dialect-specific SQL, or that locks rows, asks here instead of comparing driver names.
 *
 * (The app config's `database.type` — 'sqlite' | 'mysql' | 'mariadb' — is a typed union that
 * code narrows on to reach its fields; that is configuration, not this question.)
 */
export type SqlDialect = 'sqlite' | 'mysql';

type Connected = Pick<DataSource, 'options'> | Pick<EntityManager, 'connection'>;

export function sqlDialect(of: Connected): SqlDialect {
  const options = 'connection' in of ? of.connection.options : of.options;
  return options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
}

export function isSqlite(of: Connected): boolean {
  return sqlDialect(of) === 'sqlite';
}

/**
 * Locks the rows a query reads until the transaction ends (`FOR UPDATE`, optionally `SKIP
 * LOCKED`) on MySQL/MariaDB. SQLite has no row locks and needs none: Transactions runs its
 * transactions one at a time.
 */
export function lockForUpdate<T extends ObjectLiteral>(em: EntityManager, qb: SelectQueryBuilder<T>, options: { skipLocked?: boolean } = {}): SelectQueryBuilder<T> {
  if (isSqlite(em)) return qb;
  qb.setLock('pessimistic_write');
  if (options.skipLocked) qb.setOnLocked('skip_locked');
  return qb;
}
