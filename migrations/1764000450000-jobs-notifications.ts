import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { datetime, id, index, int, nullable, text, varchar } from './columns.js';

/** Jobs and notifications: outbox completion, the inbox, delivery claims, follow-up call tasks. */
export class JobsNotifications1764000450000 implements MigrationInterface {
  name = 'JobsNotifications1764000450000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('outbox_messages', new TableColumn(datetime('completedAt', nullable)));
    await q.createIndex('outbox_messages', index('ix_outbox_open', ['completedAt', 'dispatchedAt']));
    await q.createTable(
      new Table({
        name: 'notifications',
        columns: [
          id(),
          varchar('recipientKind', 16),
          int('recipientId'),
          varchar('kind', 32),
          varchar('template', 48),
          text('params'),
          int('suggestionId', nullable),
          varchar('eventKey', 191),
          varchar('channel', 16),
          datetime('readAt', nullable),
          datetime('createdAt'),
        ],
        indices: [
          index('ix_notifications_recipient', ['recipientKind', 'recipientId', 'id']),
          index('uq_notifications_event_key', ['eventKey'], true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notification_deliveries',
        columns: [
          id(),
          varchar('eventKey', 191),
          int('notificationId'),
          varchar('channel', 16),
          varchar('status', 16),
          int('attempts', { default: 0 }),
          varchar('lastError', 500, nullable),
          datetime('leaseUntil', nullable),
          datetime('sentAt', nullable),
          datetime('createdAt'),
        ],
        indices: [
          index('uq_notification_deliveries_event_key', ['eventKey'], true),
          index('ix_notification_deliveries_status', ['status', 'id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'callback_tasks',
        columns: [
          id(),
          int('suggestionId'),
          int('replyId'),
          varchar('status', 8),
          datetime('dueAt'),
          varchar('outcome', 24, nullable),
          varchar('note', 500, nullable),
          int('completedById', nullable),
          datetime('completedAt', nullable),
          datetime('createdAt'),
        ],
        indices: [index('uq_callback_tasks_reply', ['replyId'], true), index('ix_callback_tasks_status', ['status', 'id'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['callback_tasks', 'notification_deliveries', 'notifications']) await q.dropTable(t);
    await q.dropIndex('outbox_messages', 'ix_outbox_open');
    await q.dropColumn('outbox_messages', 'completedAt');
  }
}
