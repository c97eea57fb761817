import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, datetime, id, index, int, nullable, text, varchar } from './columns.js';

export class ClosedLoop1764000100000 implements MigrationInterface {
  name = 'ClosedLoop1764000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'calendar_days',
        columns: [
          { name: 'date', type: 'varchar', length: '10', isPrimary: true },
          varchar('kind', 10),
          varchar('name', 50, nullable),
          varchar('source', 50),
          datetime('updatedAt'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'assignments',
        columns: [
          id(),
          int('suggestionId'),
          int('unitId'),
          varchar('role', 8),
          int('assignedById'),
          datetime('assignedAt'),
          datetime('signDueAt'),
          datetime('signedAt', nullable),
          int('signedById', nullable),
          text('contribution', nullable),
          datetime('contributedAt', nullable),
          datetime('endedAt', nullable),
          varchar('endReason', 16, nullable),
          varchar('endNote', 500, nullable),
        ],
        indices: [index('ix_assignments_suggestion', ['suggestionId', 'endedAt']), index('ix_assignments_unit_assigned', ['unitId', 'role', 'assignedAt'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'extension_requests',
        columns: [
          id(),
          int('suggestionId'),
          int('unitId'),
          int('requestedById'),
          varchar('reason', 500),
          int('extraWorkingDays'),
          datetime('currentDueAt'),
          datetime('requestedDueAt'),
          varchar('status', 10),
          int('decidedById', nullable),
          datetime('decidedAt', nullable),
          varchar('decisionNote', 500, nullable),
          datetime('createdAt'),
        ],
        indices: [index('ix_extension_requests_status', ['status', 'createdAt']), index('ix_extension_requests_suggestion', ['suggestionId'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'replies',
        columns: [
          id(),
          int('suggestionId'),
          int('unitId'),
          int('authorId'),
          text('body'),
          varchar('adoption', 20),
          varchar('notAdoptedReason', 500, nullable),
          int('templateId', nullable),
          varchar('status', 16),
          datetime('submittedAt'),
          datetime('dueAt'),
          bool('onTime'),
          int('reviewedById', nullable),
          datetime('reviewedAt', nullable),
          varchar('reviewNote', 500, nullable),
          datetime('publishedAt', nullable),
        ],
        indices: [
          index('ix_replies_suggestion', ['suggestionId', 'id']),
          index('ix_replies_unit_published', ['unitId', 'publishedAt']),
          index('ix_replies_status', ['status', 'submittedAt']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ratings',
        columns: [
          id(),
          int('suggestionId'),
          int('replyId'),
          int('unitId'),
          int('residentId', nullable),
          varchar('level', 20),
          varchar('comment', 500, nullable),
          datetime('createdAt'),
        ],
        indices: [index('uq_ratings_reply', ['replyId'], true), index('ix_ratings_unit_created', ['unitId', 'createdAt'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'reply_templates',
        columns: [
          id(),
          int('unitId', nullable),
          varchar('title', 100),
          text('body'),
          varchar('adoption', 20, nullable),
          bool('active', { default: true }),
          int('createdById'),
          datetime('createdAt'),
        ],
        indices: [index('ix_reply_templates_unit', ['unitId', 'active'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'routing_rules',
        columns: [
          id(),
          varchar('name', 100),
          int('campaignId', nullable),
          varchar('category', 50, nullable),
          text('keywords'),
          varchar('area', 100, nullable),
          int('leadUnitId'),
          text('coUnitIds'),
          int('priority', { default: 100 }),
          bool('active', { default: true }),
          int('createdById'),
          datetime('createdAt'),
        ],
        indices: [index('ix_routing_rules_active', ['active', 'priority'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['routing_rules', 'reply_templates', 'ratings', 'replies', 'extension_requests', 'assignments', 'calendar_days']) await q.dropTable(t);
  }
}
