import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { datetime, id, index, int, nullable, varchar } from './columns.js';

// The personal-data audit: contact reveals, exports and account deletions (issue 8, §5).
export class Privacy1764000800000 implements MigrationInterface {
  name = 'Privacy1764000800000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'personal_data_events',
        columns: [
          id(),
          varchar('action', 24),
          varchar('actorKind', 16),
          int('actorId'),
          int('actorUnitId', nullable),
          int('residentId'),
          int('suggestionId', nullable),
          varchar('reason', 500, nullable),
          datetime('at'),
        ],
        indices: [index('ix_personal_data_events_resident', ['residentId', 'id']), index('ix_personal_data_events_at', ['at', 'id'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('personal_data_events');
  }
}
