import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../database/columns.js';

/**
 * A confirmed 最佳民众建言奖 winner with the coordinator's citation. Kept apart from the
 * score rows so recomputing a round (which replaces those) keeps the confirmation.
 */
@Entity('award_winners')
@Index('uq_award_winners_round_suggestion', ['roundId', 'suggestionId'], { unique: true })
export class AwardWinnerEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) roundId: number;
  @Column({ type: 'int' }) suggestionId: number;
  @Column({ type: 'varchar', length: 500 }) citation: string;
  @Column({ type: 'int' }) confirmedById: number;
  @DateTimeColumn() confirmedAt: Date;
}
