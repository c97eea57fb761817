import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { datetime, id, index, int, nullable, text, varchar } from './columns.js';

// Issue 15: operators retry dead-lettered jobs from the admin workbench; each retry is recorded.
export class JobRetries1764001750000 implements MigrationInterface {
  name = 'JobRetries1764001750000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'job_retry_events',
        columns: [id(), varchar('jobId', 191), varchar('jobName', 64), varchar('driver', 8), int('actorStaffId'), text('lastError', nullable), datetime('at')],
        indices: [index('ix_job_retry_events_at', ['at', 'id'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('job_retry_events');
  }
}
