import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';

/** Append-only record of every dead-lettered job an operator sent back to the queue (retryFailedJob). */
@Entity('job_retry_events')
@Index('ix_job_retry_events_at', ['at', 'id'])
export class JobRetryEventEntity {
  @PrimaryGeneratedColumn() id: number;
  /** The id `failedJobs` showed: the outbox dedupe key (sql) or the BullMQ job id (bullmq). */
  @Column({ type: 'varchar', length: 191 }) jobId: string;
  @Column({ type: 'varchar', length: 64 }) jobName: string;
  @CodeColumn(8) driver: 'sql' | 'bullmq';
  @Column({ type: 'int' }) actorStaffId: number;
  /** Why it had failed, as the driver recorded it. */
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  @DateTimeColumn() at: Date;
}
