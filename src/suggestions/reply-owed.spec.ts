import type BetterSqlite3 from 'better-sqlite3';
import { sqlCodeList } from '../database/sql-codes.js';
import { sqliteDriverFor } from '../database/sqlite-driver.js';
import { isUnitWork, owesReply, owesReplySql, owesSignature, REPLY_OWED_STATUSES } from './reply-owed.js';
import { SUGGESTION_STATUSES, TRANSITIONS } from './suggestion-workflow.js';

describe('owes a reply', () => {
  it('is assigned or in progress; a reply, even under review, ends it', () => {
    expect(SUGGESTION_STATUSES.filter(owesReply)).toEqual(['ASSIGNED', 'IN_PROGRESS']);
    expect(SUGGESTION_STATUSES.filter(owesSignature)).toEqual(['ASSIGNED']);
    expect(SUGGESTION_STATUSES.filter(isUnitWork)).toEqual(['ASSIGNED', 'IN_PROGRESS', 'REPLY_REVIEW']);
    // The lead unit may return, and the office transfer, exactly what still owes a reply.
    expect(TRANSITIONS.return.from).toEqual(REPLY_OWED_STATUSES);
    expect(TRANSITIONS.transfer.from).toEqual(REPLY_OWED_STATUSES);
  });

  it('selects in SQL exactly the statuses TypeScript says, NOT included', () => {
    const Database = sqliteDriverFor() as typeof BetterSqlite3;
    const db = new Database(':memory:');
    db.exec('CREATE TABLE s (status TEXT)');
    const insert = db.prepare('INSERT INTO s VALUES (?)');
    for (const status of SUGGESTION_STATUSES) insert.run(status);
    const pick = (where: string) => (db.prepare(`SELECT status FROM s WHERE ${where} ORDER BY rowid`).all() as { status: string }[]).map((r) => r.status);
    expect(pick(owesReplySql('s.status'))).toEqual(SUGGESTION_STATUSES.filter(owesReply));
    expect(pick(`NOT ${owesReplySql('s.status')}`)).toEqual(SUGGESTION_STATUSES.filter((st) => !owesReply(st)));
    db.close();
  });
});

describe('sqlCodeList', () => {
  it('quotes codes and refuses anything that is not one', () => {
    expect(sqlCodeList(['ADOPTED', 'PARTIALLY_ADOPTED'])).toBe("('ADOPTED', 'PARTIALLY_ADOPTED')");
    expect(() => sqlCodeList([])).toThrow(RangeError);
    expect(() => sqlCodeList(["X') OR ('1"])).toThrow(RangeError);
    expect(() => sqlCodeList(['adopted'])).toThrow(RangeError);
  });
});
