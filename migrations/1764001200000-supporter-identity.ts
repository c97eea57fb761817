import { createHash } from 'node:crypto';
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { index, varchar } from './columns.js';

// Issue 12 §5: one support per person, surviving account deletion. Supports are keyed by a
// digest of the person's phone lookup hash and the suggestion (supporterKey), not the account.
// Kept in step with supporterKeyOf() in src/awards/support.service.ts.
export class SupporterIdentity1764001200000 implements MigrationInterface {
  name = 'SupporterIdentity1764001200000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('suggestion_supports', new TableColumn(varchar('supporterKey', 64, { isNullable: true })));
    const rows: { id: number; suggestionId: number; residentId: number; phoneHash: string | null }[] = await q.query(
      'SELECT s.id, s.suggestionId, s.residentId, r.phoneHash FROM suggestion_supports s LEFT JOIN residents r ON r.id = s.residentId',
    );
    for (const r of rows) {
      // An account deleted before this migration has no phone hash left: its account id stands in.
      const key = r.phoneHash
        ? createHash('sha256').update(`support:${r.suggestionId}:${r.phoneHash}`).digest('hex')
        : createHash('sha256').update(`support:${r.suggestionId}:resident:${r.residentId}`).digest('hex');
      await q.query('UPDATE suggestion_supports SET supporterKey = ? WHERE id = ?', [key, r.id]);
    }
    await q.changeColumn('suggestion_supports', 'supporterKey', new TableColumn(varchar('supporterKey', 64)));
    await q.createIndex('suggestion_supports', index('uq_suggestion_supports_suggestion_supporter', ['suggestionId', 'supporterKey'], true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('suggestion_supports', 'uq_suggestion_supports_suggestion_supporter');
    await q.dropColumn('suggestion_supports', 'supporterKey');
  }
}
