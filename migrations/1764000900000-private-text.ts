import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { index, nullable, varchar } from './columns.js';
import { publicSearchText, searchTableRow } from '../src/search/search-index.js';

/**
 * Issue 12 §1. Unguessable tracking numbers: a random `suggestions.trackingNumber` under a
 * unique index (older items keep their id-derived number, so the column stays null for them).
 * Public search on what the public page shows: the search table is rebuilt from masked text,
 * which it now also keeps (`publicText`) to confirm phrases against.
 */
export class PrivateText1764000900000 implements MigrationInterface {
  name = 'PrivateText1764000900000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('suggestions', new TableColumn(varchar('trackingNumber', 20, nullable)));
    await q.createIndex('suggestions', index('uq_suggestions_tracking_number', ['trackingNumber'], true));
    const sqlite = isSqlite(q);
    if (sqlite) {
      await q.query('DROP TABLE suggestion_search');
      await q.query(`CREATE VIRTUAL TABLE suggestion_search USING fts5(tokens, publicText UNINDEXED, tokenize = 'ascii')`);
    } else {
      await q.query('DELETE FROM suggestion_search');
      await q.addColumn('suggestion_search', new TableColumn({ name: 'publicText', type: 'mediumtext', isNullable: true }));
    }
    for (let afterId = 0; ; ) {
      const rows: { id: number; title: string; body: string; authorName: string | null }[] = await q.query(
        'SELECT id, title, body, authorName FROM suggestions WHERE id > ? ORDER BY id LIMIT 500',
        [afterId],
      );
      if (!rows.length) break;
      for (const r of rows) {
        const { tokens, publicText } = searchTableRow(publicSearchText(r));
        await q.query(
          sqlite
            ? 'INSERT INTO suggestion_search (rowid, tokens, publicText) VALUES (?, ?, ?)'
            : 'INSERT INTO suggestion_search (suggestionId, tokens, publicText) VALUES (?, ?, ?)',
          [r.id, tokens, publicText],
        );
      }
      afterId = Number(rows.at(-1)!.id);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    // The index keeps masked text from now on; rebuilding the old unmasked one is not wanted.
    if (isSqlite(q)) {
      await q.query('DROP TABLE suggestion_search');
      await q.query(`CREATE VIRTUAL TABLE suggestion_search USING fts5(tokens, tokenize = 'ascii')`);
    } else {
      await q.dropColumn('suggestion_search', 'publicText');
    }
    await q.dropIndex('suggestions', 'uq_suggestions_tracking_number');
    await q.dropColumn('suggestions', 'trackingNumber');
  }
}

function isSqlite(q: QueryRunner): boolean {
  return q.connection.options.type === 'better-sqlite3';
}
