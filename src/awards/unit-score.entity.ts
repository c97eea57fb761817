import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn } from '../database/columns.js';
import type { AwardGroup, Standing } from './award-scoring.js';

/**
 * One unit's result in a round, with every count and component kept so the score explains
 * itself. Scores are centi-points (0–10000 = 0.00–100.00); null means nothing to measure.
 */
@Entity('unit_scores')
@Index('uq_unit_scores_round_unit', ['roundId', 'unitId'], { unique: true })
@Index('ix_unit_scores_round_group', ['roundId', 'unitGroup', 'position'])
export class UnitScoreEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) roundId: number;
  @Column({ type: 'int' }) unitId: number;
  /** Code and name as they were when the round was computed. */
  @Column({ type: 'varchar', length: 32 }) unitCode: string;
  @Column({ type: 'varchar', length: 100 }) unitName: string;
  @CodeColumn(16) unitGroup: AwardGroup;
  /** Order within the group: ranked units first, then below the minimum, then nothing due. */
  @Column({ type: 'int' }) position: number;
  @CodeColumn(16) standing: Standing;
  @Column({ type: 'int', nullable: true }) rank: number | null;
  @Column({ type: 'int' }) assignedCount: number;
  @Column({ type: 'int' }) signedOnTimeCount: number;
  @Column({ type: 'int' }) repliesDueCount: number;
  @Column({ type: 'int' }) repliedOnTimeCount: number;
  @Column({ type: 'int' }) ratedCount: number;
  @Column({ type: 'int' }) satisfactionPoints: number;
  @Column({ type: 'int' }) repliedCount: number;
  @Column({ type: 'int' }) adoptedCount: number;
  @Column({ type: 'int' }) reviewCount: number;
  @Column({ type: 'int' }) reviewPoints: number;
  @Column({ type: 'int', nullable: true }) responseRate: number | null;
  @Column({ type: 'int', nullable: true }) onTimeRate: number | null;
  @Column({ type: 'int', nullable: true }) satisfaction: number | null;
  @Column({ type: 'int', nullable: true }) adoptionRate: number | null;
  @Column({ type: 'int', nullable: true }) evaluatorScore: number | null;
  @Column({ type: 'int', nullable: true }) composite: number | null;
}
