import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { canonicalUsername } from '../../src/staff/username.js';
import { testDatabase } from '../helpers/test-db.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { Identity1764000910000 } from '../../migrations/1764000910000-identity.js';

// Issue 12 §2: the identity migration puts existing usernames into the canonical form, and two
// that meet there do not stop the upgrade.
describe(`identity migration canonicalises existing usernames (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  it('rewrites every name to its canonical form; a collision keeps the older name and suffixes the newer', async () => {
    const db = await testDatabase('usernames');
    if (!db) return;
    const ds = new DataSource({ ...dataSourceOptions(db), migrationsTransactionMode: 'each' });
    await ds.initialize();
    try {
      await ds.runMigrations();
      // Back to the schema before the identity migration (and any that came after it).
      for (let i = MIGRATIONS.indexOf(Identity1764000910000); i < MIGRATIONS.length; i++) await ds.undoLastMigration();
      // MariaDB's case-insensitive unique index never let two spellings of a name in; SQLite's did.
      const collides = db.database.type === 'sqlite';
      const before = ['Coordinator ', 'ＨＯＵＳＩＮＧ.admin', 'auditor', 'Ops.Lead', ...(collides ? ['ops.lead\u3000'] : [])];
      for (const [i, username] of before.entries()) {
        await ds.query(`INSERT INTO staff_users (username, passwordHash, displayName, roles, unitId, active, createdAt) VALUES (?, 'x', ?, 'AUDITOR', NULL, 1, ?)`, [username, `u${i}`, '2026-01-01 00:00:00.000']);
      }
      await ds.runMigrations();
      const rows: { id: number; username: string }[] = await ds.query('SELECT id, username FROM staff_users ORDER BY id');
      expect(rows.map((r) => r.username)).toEqual(['coordinator', 'housing.admin', 'auditor', 'ops.lead', ...(collides ? [`ops.lead-${rows[4]!.id}`] : [])]);
      for (const r of rows.slice(0, 4)) expect(canonicalUsername(r.username)).toBe(r.username);
    } finally {
      await ds.destroy();
      await db.cleanup();
    }
  }, 120_000);
});
