import type { MigrationInterface, QueryRunner } from 'typeorm';
import { index } from './columns.js';

// Issue 12 §6: the public feed's index gains consentToPublish. Every public read filters on
// published AND consentToPublish and walks newest first; with the flag in the index, counting the
// newest 50,000 public items (a public search's scan window) reads the index alone instead of
// every row (measured at 1,000,000 rows: docs/benchmarks.md, public search).
export class PublicFeedIndex1764001600000 implements MigrationInterface {
  name = 'PublicFeedIndex1764001600000';

  async up(q: QueryRunner): Promise<void> {
    await q.dropIndex('suggestions', 'ix_suggestions_public_feed');
    await q.createIndex('suggestions', index('ix_suggestions_public_feed', ['published', 'consentToPublish', 'id']));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('suggestions', 'ix_suggestions_public_feed');
    await q.createIndex('suggestions', index('ix_suggestions_public_feed', ['published', 'id']));
  }
}
