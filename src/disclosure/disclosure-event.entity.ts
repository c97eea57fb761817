import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';

/** Append-only history of a ledger entry, written in the transaction of the change it records. */
@Entity('disclosure_events')
@Index('ix_disclosure_events_request', ['requestId', 'id'])
export class DisclosureEventEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) requestId: number;
  @CodeColumn(32) action: string;
  /** Staff member who acted; null for the system (jobs). */
  @Column({ type: 'int', nullable: true }) actorId: number | null;
  /** Never personal data: no names or phone numbers. */
  @Column({ type: 'varchar', length: 1000, nullable: true }) note: string | null;
  @DateTimeColumn() at: Date;
}
