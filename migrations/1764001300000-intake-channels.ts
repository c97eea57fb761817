import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, index, int, varchar } from './columns.js';

// Issue 19: counter and hotline intake (代录). How each item arrived (existing items were all
// submitted online), who recorded it, and whether the consent was given in person.
export class IntakeChannels1764001300000 implements MigrationInterface {
  name = 'IntakeChannels1764001300000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('suggestions', new TableColumn(varchar('channel', 16, { default: "'ONLINE'" })));
    await q.addColumn('suggestions', new TableColumn(int('recordedById', { isNullable: true })));
    await q.addColumn('suggestions', new TableColumn(bool('consentInPerson', { default: false })));
    await q.createIndex('suggestions', index('ix_suggestions_channel_submitted', ['channel', 'submittedAt']));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('suggestions', 'ix_suggestions_channel_submitted');
    await q.dropColumn('suggestions', 'consentInPerson');
    await q.dropColumn('suggestions', 'recordedById');
    await q.dropColumn('suggestions', 'channel');
  }
}
