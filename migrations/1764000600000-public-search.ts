import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { int } from './columns.js';
import { documentTokens } from '../src/search/search-tokens.js';

/**
 * The suggestion search table (src/search/search-index.ts). Not an entity, so it is made per
 * driver: MySQL/MariaDB gets a FULLTEXT-indexed table, SQLite an FTS5 virtual table whose
 * rowid is the suggestion id. Existing suggestions are indexed in batches.
 */
export class PublicSearch1764000600000 implements MigrationInterface {
  name = 'PublicSearch1764000600000';

  async up(q: QueryRunner): Promise<void> {
    const sqlite = isSqlite(q);
    if (sqlite) {
      await q.query(`CREATE VIRTUAL TABLE suggestion_search USING fts5(tokens, tokenize = 'ascii')`);
    } else {
      await q.createTable(
        new Table({
          name: 'suggestion_search',
          columns: [int('suggestionId', { isPrimary: true }), { name: 'tokens', type: 'mediumtext' }],
          indices: [new TableIndex({ name: 'ft_suggestion_search_tokens', columnNames: ['tokens'], isFulltext: true })],
        }),
      );
    }
    for (let afterId = 0; ; ) {
      const rows: { id: number; title: string; body: string }[] = await q.query(
        'SELECT id, title, body FROM suggestions WHERE id > ? ORDER BY id LIMIT 500',
        [afterId],
      );
      if (!rows.length) break;
      for (const r of rows) {
        const tokens = documentTokens(r.title, r.body).join(' ');
        await q.query(sqlite ? 'INSERT INTO suggestion_search (rowid, tokens) VALUES (?, ?)' : 'INSERT INTO suggestion_search (suggestionId, tokens) VALUES (?, ?)', [
          r.id,
          tokens,
        ]);
      }
      afterId = Number(rows.at(-1)!.id);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (isSqlite(q)) await q.query('DROP TABLE suggestion_search');
    else await q.dropTable('suggestion_search');
  }
}

function isSqlite(q: QueryRunner): boolean {
  return q.connection.options.type === 'better-sqlite3';
}
