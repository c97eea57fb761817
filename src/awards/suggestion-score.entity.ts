import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn } from '../database/columns.js';

/**
 * One adopted suggestion's result in a round (最佳民众建言奖 candidates), every component kept.
 * Rows are written by SQL (INSERT … SELECT and UPDATE) so a large quarter never passes
 * through Node; scores are centi-points. `rank` is kept for the leading places only.
 */
@Entity('suggestion_scores')
@Index('uq_suggestion_scores_round_suggestion', ['roundId', 'suggestionId'], { unique: true })
@Index('ix_suggestion_scores_round_order', ['roundId', 'composite', 'adoptionScore', 'supportCount'])
export class SuggestionScoreEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) roundId: number;
  @Column({ type: 'int' }) suggestionId: number;
  @Column({ type: 'int', nullable: true }) unitId: number | null;
  @CodeColumn(20) adoption: string;
  @Column({ type: 'int' }) adoptionScore: number;
  @Column({ type: 'int' }) supportCount: number;
  @Column({ type: 'int' }) supportScore: number;
  @Column({ type: 'int' }) reviewCount: number;
  @Column({ type: 'int' }) reviewPoints: number;
  @Column({ type: 'int', nullable: true }) evaluatorScore: number | null;
  @Column({ type: 'int' }) composite: number;
  @Column({ type: 'int', nullable: true }) rank: number | null;
  @Column({ type: 'boolean', default: false }) nominated: boolean;
}
