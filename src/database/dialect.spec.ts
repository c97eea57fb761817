import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { isSqlite, lockForUpdate, sqlDialect } from './dialect.js';

const source = (type: string) => ({ options: { type } }) as unknown as DataSource;
const manager = (type: string) => ({ connection: { options: { type } } }) as unknown as EntityManager;

describe('sqlDialect', () => {
  it('tells SQLite from MySQL/MariaDB on a data source and on an entity manager', () => {
    expect(sqlDialect(source('better-sqlite3'))).toBe('sqlite');
    expect(sqlDialect(source('mysql'))).toBe('mysql');
    expect(sqlDialect(source('mariadb'))).toBe('mysql');
    expect(sqlDialect(manager('better-sqlite3'))).toBe('sqlite');
    expect(sqlDialect(manager('mariadb'))).toBe('mysql');
    expect([isSqlite(manager('better-sqlite3')), isSqlite(source('mysql'))]).toEqual([true, false]);
  });
});

describe('lockForUpdate', () => {
  function recordingQb() {
    const calls: string[] = [];
    const qb = {
      setLock(mode: string) {
        calls.push(`lock:${mode}`);
        return qb;
      },
      setOnLocked(mode: string) {
        calls.push(`onLocked:${mode}`);
        return qb;
      },
    };
    return { qb: qb as unknown as SelectQueryBuilder<object>, calls };
  }

  it('locks on MySQL/MariaDB, skipping locked rows when asked, and leaves SQLite queries alone', () => {
    const mysql = recordingQb();
    expect(lockForUpdate(manager('mariadb'), mysql.qb)).toBe(mysql.qb);
    expect(mysql.calls).toEqual(['lock:pessimistic_write']);
    const relay = recordingQb();
    lockForUpdate(manager('mysql'), relay.qb, { skipLocked: true });
    expect(relay.calls).toEqual(['lock:pessimistic_write', 'onLocked:skip_locked']);
    const sqlite = recordingQb();
    expect(lockForUpdate(manager('better-sqlite3'), sqlite.qb, { skipLocked: true })).toBe(sqlite.qb);
    expect(sqlite.calls).toEqual([]);
  });
});
