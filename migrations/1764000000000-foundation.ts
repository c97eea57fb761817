import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, datetime, id, index, int, nullable, text, varchar } from './columns.js';

export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'units',
        columns: [
          id(),
          varchar('code', 32),
          varchar('name', 100),
          varchar('kind', 16),
          int('parentId', nullable),
          bool('active', { default: true }),
          datetime('createdAt'),
          datetime('updatedAt'),
        ],
        indices: [index('uq_units_code', ['code'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'staff_users',
        columns: [
          id(),
          varchar('username', 64),
          varchar('passwordHash', 255),
          varchar('displayName', 100),
          text('roles'),
          int('unitId', nullable),
          bool('active', { default: true }),
          datetime('createdAt'),
        ],
        indices: [index('uq_staff_users_username', ['username'], true), index('ix_staff_users_unit', ['unitId'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'residents',
        columns: [
          id(),
          varchar('phoneCiphertext', 255, nullable),
          varchar('phoneHash', 64, nullable),
          varchar('displayName', 50),
          datetime('verifiedAt', nullable),
          text('notificationOptOuts'),
          datetime('deletedAt', nullable),
          datetime('createdAt'),
        ],
        indices: [index('uq_residents_phone_hash', ['phoneHash'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'login_codes',
        columns: [
          id(),
          varchar('phoneHash', 64),
          varchar('codeHash', 64),
          datetime('expiresAt'),
          int('attempts', { default: 0 }),
          datetime('createdAt'),
        ],
        indices: [index('uq_login_codes_phone_hash', ['phoneHash'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'campaigns',
        columns: [
          id(),
          int('year'),
          int('number'),
          varchar('title', 100),
          varchar('topic', 100),
          text('description'),
          datetime('opensAt'),
          datetime('closesAt'),
          varchar('status', 16),
          text('categories'),
          int('signDays', { default: 1 }),
          int('replyDays', { default: 10 }),
          int('reopenReplyDays', { default: 5 }),
          int('ratingWindowDays', { default: 7 }),
          int('maxReopens', { default: 1 }),
          bool('requireReplyReview', { default: false }),
          varchar('prizeText', 500, nullable),
          datetime('createdAt'),
          datetime('updatedAt'),
        ],
        indices: [index('uq_campaigns_year_number', ['year', 'number'], true), index('ix_campaigns_status', ['status'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'suggestions',
        columns: [
          id(),
          int('campaignId'),
          int('authorId', nullable),
          varchar('title', 100),
          text('body'),
          varchar('category', 50),
          varchar('location', 200, nullable),
          bool('consentToPublish'),
          bool('anonymous'),
          varchar('authorName', 50, nullable),
          varchar('status', 20),
          varchar('idempotencyKey', 64),
          varchar('contentHash', 64),
          int('version'),
          int('reopenCount', { default: 0 }),
          int('leadUnitId', nullable),
          datetime('signDueAt', nullable),
          datetime('replyDueAt', nullable),
          datetime('ratingDueAt', nullable),
          int('mergedIntoId', nullable),
          varchar('adoption', 20, nullable),
          bool('published', { default: false }),
          varchar('closeReason', 500, nullable),
          datetime('closedAt', nullable),
          datetime('submittedAt'),
          datetime('updatedAt'),
        ],
        indices: [
          index('uq_suggestions_author_idempotency', ['authorId', 'idempotencyKey'], true),
          index('ix_suggestions_author_submitted', ['authorId', 'submittedAt']),
          index('ix_suggestions_status_submitted', ['status', 'submittedAt']),
          index('ix_suggestions_campaign_status', ['campaignId', 'status']),
          index('ix_suggestions_unit_status_due', ['leadUnitId', 'status', 'replyDueAt']),
          index('ix_suggestions_public_feed', ['published', 'id']),
          index('ix_suggestions_submitted', ['submittedAt']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'timeline_events',
        columns: [
          id(),
          int('suggestionId'),
          varchar('actorKind', 16),
          int('actorId', nullable),
          int('unitId', nullable),
          varchar('action', 32),
          varchar('fromStatus', 20, nullable),
          varchar('toStatus', 20, nullable),
          text('note', nullable),
          datetime('at'),
        ],
        indices: [index('ix_timeline_suggestion', ['suggestionId', 'id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'outbox_messages',
        columns: [
          id(),
          varchar('topic', 64),
          text('payload'),
          varchar('dedupeKey', 191),
          datetime('availableAt'),
          datetime('dispatchedAt', nullable),
          int('attempts', { default: 0 }),
          text('lastError', nullable),
          datetime('createdAt'),
        ],
        indices: [index('uq_outbox_dedupe_key', ['dedupeKey'], true), index('ix_outbox_due', ['dispatchedAt', 'availableAt'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['outbox_messages', 'timeline_events', 'suggestions', 'campaigns', 'login_codes', 'residents', 'staff_users', 'units']) {
      await q.dropTable(t);
    }
  }
}
