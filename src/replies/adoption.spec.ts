import type BetterSqlite3 from 'better-sqlite3';
import { sqliteDriverFor } from '../database/sqlite-driver.js';
import { adoptedSql, isAdopted, notAdoptedSql } from './adoption.js';
import { ADOPTIONS } from './reply.entity.js';

describe('adopted', () => {
  it('is adopted in whole or in part; no decision is not adopted', () => {
    expect(ADOPTIONS.filter(isAdopted)).toEqual(['ADOPTED', 'PARTIALLY_ADOPTED']);
    expect(isAdopted(null)).toBe(false);
  });

  it('selects in SQL exactly what TypeScript says, and its negation the rest, NULL included', () => {
    const Database = sqliteDriverFor() as typeof BetterSqlite3;
    const db = new Database(':memory:');
    db.exec('CREATE TABLE r (adoption TEXT)');
    const insert = db.prepare('INSERT INTO r VALUES (?)');
    const values = [...ADOPTIONS, null];
    for (const a of values) insert.run(a);
    const pick = (where: string) => (db.prepare(`SELECT adoption FROM r WHERE ${where} ORDER BY rowid`).all() as { adoption: string | null }[]).map((r) => r.adoption);
    expect(pick(adoptedSql('r.adoption'))).toEqual(values.filter(isAdopted));
    expect(pick(notAdoptedSql('r.adoption'))).toEqual(values.filter((a) => !isAdopted(a)));
    // The count the statistics and the awards take.
    expect(db.prepare(`SELECT SUM(CASE WHEN ${adoptedSql('r.adoption')} THEN 1 ELSE 0 END) AS n FROM r`).get()).toEqual({ n: 2 });
    db.close();
  });
});
