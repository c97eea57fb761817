import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { datetime, index, int, nullable, varchar } from './columns.js';

// Issue 19 §1: photos on suggestions and replies (docs/photos.md). Bytes live in storage; this
// row says whose they are and which item they belong to.
export class Photos1764001500000 implements MigrationInterface {
  name = 'Photos1764001500000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'photos',
        columns: [
          varchar('id', 32, { isPrimary: true }),
          varchar('uploaderKind', 16),
          int('uploaderId'),
          int('suggestionId', nullable),
          int('replyId', nullable),
          int('position', { default: 0 }),
          varchar('sourceType', 16),
          int('width'),
          int('height'),
          int('thumbWidth'),
          int('thumbHeight'),
          int('bytes'),
          datetime('createdAt'),
          datetime('attachedAt', nullable),
        ],
        indices: [
          index('ix_photos_suggestion', ['suggestionId', 'position']),
          index('ix_photos_reply', ['replyId', 'position']),
          index('ix_photos_uploader', ['uploaderKind', 'uploaderId']),
          index('ix_photos_unattached', ['attachedAt', 'createdAt']),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('photos');
  }
}
