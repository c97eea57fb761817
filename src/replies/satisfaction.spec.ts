import type BetterSqlite3 from 'better-sqlite3';
import { sqliteDriverFor } from '../database/sqlite-driver.js';
import { RATING_LEVELS } from './rating.entity.js';
import { SATISFACTION_POINTS, satisfactionPointsSql } from './satisfaction.js';

describe('satisfaction points', () => {
  it('gives SQL the same points as TypeScript for every level', () => {
    const Database = sqliteDriverFor() as typeof BetterSqlite3;
    const db = new Database(':memory:');
    db.exec('CREATE TABLE g (level TEXT)');
    for (const level of RATING_LEVELS) {
      db.prepare('DELETE FROM g').run();
      db.prepare('INSERT INTO g VALUES (?)').run(level);
      const row = db.prepare(`SELECT ${satisfactionPointsSql('g.level')} AS p FROM g`).get() as { p: number };
      expect(row.p).toBe(SATISFACTION_POINTS[level]);
    }
    db.close();
  });
});
