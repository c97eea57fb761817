import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { datetime, id, index, int, nullable, text, varchar } from './columns.js';

/** The disclosure-request ledger (依申请公开), its history, review/lawsuit cases and per-year numbering. */
export class DisclosureLedger1764000700000 implements MigrationInterface {
  name = 'DisclosureLedger1764000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'disclosure_requests',
        columns: [
          id(),
          int('ledgerYear'),
          int('ledgerSequence'),
          varchar('applicantType', 32),
          varchar('applicantName', 100),
          varchar('contactPhoneCiphertext', 255),
          varchar('contactPhoneHash', 64),
          varchar('channel', 16),
          varchar('subject', 200),
          text('content'),
          varchar('status', 24),
          int('version'),
          datetime('receivedAt'),
          datetime('dueAt'),
          int('extensionWorkingDays', { default: 0 }),
          varchar('extensionReason', 500, nullable),
          datetime('extendedAt', nullable),
          datetime('correctionRequestedAt', nullable),
          varchar('correctionNote', 1000, nullable),
          datetime('correctionAnsweredAt', nullable),
          int('pausedWorkingDays', { default: 0 }),
          varchar('legalReviewer', 100, nullable),
          datetime('legalReviewedAt', nullable),
          varchar('legalReviewOpinion', 500, nullable),
          varchar('outcome', 40, nullable),
          text('replyNote', nullable),
          datetime('repliedAt', nullable),
          int('decidedById', nullable),
          datetime('callbackOpenedAt', nullable),
          datetime('callbackDoneAt', nullable),
          varchar('callbackNote', 500, nullable),
          int('registeredById'),
          datetime('createdAt'),
          datetime('updatedAt'),
        ],
        indices: [
          index('uq_disclosure_requests_ledger', ['ledgerYear', 'ledgerSequence'], true),
          index('ix_disclosure_requests_status_due', ['status', 'dueAt']),
          index('ix_disclosure_requests_phone', ['contactPhoneHash']),
          index('ix_disclosure_requests_received', ['receivedAt']),
          index('ix_disclosure_requests_replied', ['repliedAt']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'disclosure_events',
        columns: [id(), int('requestId'), varchar('action', 32), int('actorId', nullable), varchar('note', 1000, nullable), datetime('at')],
        indices: [index('ix_disclosure_events_request', ['requestId', 'id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'disclosure_cases',
        columns: [
          id(),
          int('requestId', nullable),
          varchar('kind', 24),
          varchar('result', 16),
          datetime('filedAt'),
          datetime('concludedAt', nullable),
          varchar('caseNumber', 100, nullable),
          varchar('note', 500, nullable),
          int('recordedById'),
          int('version'),
          datetime('createdAt'),
          datetime('updatedAt'),
        ],
        indices: [index('ix_disclosure_cases_request', ['requestId']), index('ix_disclosure_cases_filed', ['filedAt'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'disclosure_ledger_counters',
        columns: [int('year', { isPrimary: true }), int('lastSequence')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['disclosure_ledger_counters', 'disclosure_cases', 'disclosure_events', 'disclosure_requests']) await q.dropTable(t);
  }
}
