import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';

/** Append-only audit of a round: who created, weighted, computed, confirmed and published it, and when. */
@Entity('award_round_events')
@Index('ix_award_round_events_round', ['roundId', 'id'])
export class AwardRoundEventEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) roundId: number;
  @CodeColumn(24) action: string;
  @CodeColumn(16) actorKind: 'STAFF' | 'SYSTEM';
  @Column({ type: 'int', nullable: true }) actorId: number | null;
  /** Ids and settings only; nothing personal. */
  @Column({ type: 'simple-json' }) details: Record<string, unknown>;
  @DateTimeColumn() at: Date;
}
