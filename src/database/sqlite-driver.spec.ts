import { createRequire } from 'node:module';
import { nodeMajor, sqliteDriverFor } from './sqlite-driver.js';

const require = createRequire(import.meta.url);

describe('sqliteDriverFor', () => {
  it('reads the major version', () => {
    expect(nodeMajor('20.19.0')).toBe(20);
    expect(nodeMajor('24.21.0')).toBe(24);
  });

  it('gives Node 20 better-sqlite3 12 (13 would crash it)', () => {
    expect(sqliteDriverFor('20.19.0')).toBe(require('better-sqlite3'));
  });

  it('gives the running Node a driver that opens a database and answers', () => {
    const Database = sqliteDriverFor() as new (path: string) => { prepare(sql: string): { get(): { v: number } }; close(): void };
    const db = new Database(':memory:');
    expect(db.prepare('select 41 + 1 as v').get().v).toBe(42);
    db.close();
  });
});
