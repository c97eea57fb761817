import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';

export const PERSONAL_DATA_ACTIONS = ['REVEAL_CONTACT', 'EXPORT', 'DELETE_ACCOUNT', 'LOOKUP_BY_PHONE'] as const;
export type PersonalDataAction = (typeof PERSONAL_DATA_ACTIONS)[number];

/**
 * The audit of every access to a resident's personal data outside masking: who (actor), why
 * (reason), when, about whom (residentId) and, for a reveal, on which item. Append-only.
 */
@Entity('personal_data_events')
@Index('ix_personal_data_events_resident', ['residentId', 'id'])
@Index('ix_personal_data_events_at', ['at', 'id'])
export class PersonalDataEventEntity {
  @PrimaryGeneratedColumn() id: number;
  @CodeColumn(24) action: PersonalDataAction;
  /** STAFF or RESIDENT. */
  @CodeColumn(16) actorKind: 'STAFF' | 'RESIDENT';
  @Column({ type: 'int' }) actorId: number;
  /** The staff member's unit when they acted for it. */
  @Column({ type: 'int', nullable: true }) actorUnitId: number | null;
  @Column({ type: 'int' }) residentId: number;
  @Column({ type: 'int', nullable: true }) suggestionId: number | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) reason: string | null;
  @DateTimeColumn() at: Date;
}
