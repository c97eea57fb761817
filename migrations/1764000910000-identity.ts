import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { canonicalUsername } from '../src/staff/username.js';
import { datetime, id, index, int, nullable, text, varchar } from './columns.js';

// Issue 12 §2–4: canonical usernames, token versions, staff onboarding codes and the staff audit.
export class Identity1764000910000 implements MigrationInterface {
  name = 'Identity1764000910000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('staff_users', new TableColumn(int('authzVersion', { default: 1 })));
    await q.addColumn('staff_users', new TableColumn(varchar('phoneCiphertext', 255, nullable)));
    await q.createTable(
      new Table({
        name: 'staff_audit_events',
        columns: [id(), varchar('action', 24), int('actorStaffId', nullable), int('targetStaffId'), text('details'), datetime('at')],
        indices: [index('ix_staff_audit_events_target', ['targetStaffId', 'id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'staff_password_codes',
        columns: [id(), int('staffId'), varchar('codeHash', 64), datetime('expiresAt'), int('attempts', { default: 0 }), datetime('createdAt')],
        indices: [index('uq_staff_password_codes_staff', ['staffId'], true)],
      }),
    );
    // Existing names into the one canonical form. Two rows that meet there keep the older one's
    // name; the newer gets `-<id>` appended (and must be told), rather than failing the upgrade.
    const rows: { id: number; username: string }[] = await q.query('SELECT id, username FROM staff_users ORDER BY id');
    const taken = new Set<string>();
    const renames: { id: number; to: string }[] = [];
    for (const row of rows) {
      let to = canonicalUsername(row.username);
      if (taken.has(to)) to = `${to.slice(0, 50)}-${row.id}`;
      taken.add(to);
      if (to !== row.username) renames.push({ id: row.id, to });
    }
    // Through a temporary name first: the unique index may hold a name another row is about to take.
    for (const r of renames) await q.query('UPDATE staff_users SET username = ? WHERE id = ?', [`~tmp-${r.id}`, r.id]);
    for (const r of renames) await q.query('UPDATE staff_users SET username = ? WHERE id = ?', [r.to, r.id]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('staff_password_codes');
    await q.dropTable('staff_audit_events');
    await q.dropColumn('staff_users', 'phoneCiphertext');
    await q.dropColumn('staff_users', 'authzVersion');
  }
}
