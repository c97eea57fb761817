import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../database/columns.js';

/** A job implied by a domain change, written in the same transaction (ARCHITECTURE §4). */
@Entity('outbox_messages')
@Index('ix_outbox_due', ['dispatchedAt', 'availableAt'])
@Index('ix_outbox_open', ['completedAt', 'dispatchedAt'])
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 64 }) topic: string;
  /** Ids only, never phone numbers or names (Redis keeps job data in clear). */
  @Column({ type: 'simple-json' }) payload: Record<string, unknown>;
  @Index('uq_outbox_dedupe_key', { unique: true })
  @Column({ type: 'varchar', length: 191 }) dedupeKey: string;
  @DateTimeColumn() availableAt: Date;
  /** Set when relayed to BullMQ, or when the SQL runner finished the row. */
  @DateTimeColumn({ nullable: true }) dispatchedAt: Date | null;
  /** Set once the handler succeeded, or gave up (then `lastError` says why: dead-lettered). */
  @DateTimeColumn({ nullable: true }) completedAt: Date | null;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  @DateTimeColumn() createdAt: Date;
}
