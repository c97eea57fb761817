import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { index, varchar } from './columns.js';

// Issue 15: a round's satisfaction basis for reopened (重办) items. Existing rounds were computed
// counting every rating, so that is the default.
export class SatisfactionBasis1764001400000 implements MigrationInterface {
  name = 'SatisfactionBasis1764001400000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('award_rounds', new TableColumn(varchar('satisfactionBasis', 16, { default: "'EVERY_RATING'" })));
    // FINAL_RATING asks, per rating, whether the same item and unit had a later one.
    await q.createIndex('ratings', index('ix_ratings_suggestion_unit', ['suggestionId', 'unitId']));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('ratings', 'ix_ratings_suggestion_unit');
    await q.dropColumn('award_rounds', 'satisfactionBasis');
  }
}
