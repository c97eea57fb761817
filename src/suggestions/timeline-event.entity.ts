import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';

export type ActorKind = 'RESIDENT' | 'STAFF' | 'SYSTEM';

/** Append-only history of a suggestion, written in the transaction of the change it records. */
@Entity('timeline_events')
@Index('ix_timeline_suggestion', ['suggestionId', 'id'])
export class TimelineEventEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) suggestionId: number;
  @CodeColumn(16) actorKind: ActorKind;
  @Column({ type: 'int', nullable: true }) actorId: number | null;
  @Column({ type: 'int', nullable: true }) unitId: number | null;
  @CodeColumn(32) action: string;
  @CodeColumn(20, { nullable: true }) fromStatus: string | null;
  @CodeColumn(20, { nullable: true }) toStatus: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @DateTimeColumn() at: Date;
}
