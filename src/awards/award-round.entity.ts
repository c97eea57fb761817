import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';
import type { AwardSettings } from './award-scoring.js';

export const AWARD_ROUND_STATUSES = ['DRAFT', 'COMPUTED', 'PUBLISHED'] as const;
export type AwardRoundStatus = (typeof AWARD_ROUND_STATUSES)[number];

/**
 * One quarter's awards (最佳服务之星, 最佳民众建言奖): DRAFT → COMPUTED → PUBLISHED. The
 * settings (weights, minimum volume, nominee count) are a snapshot taken with the round, so a
 * published result can always be recomputed and explained from what it holds.
 */
@Entity('award_rounds')
@Index('uq_award_rounds_quarter', ['quarter'], { unique: true })
export class AwardRoundEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 6 }) quarter: string;
  @CodeColumn(12) status: AwardRoundStatus;
  @Column({ type: 'simple-json' }) settings: AwardSettings;
  /** Adopted suggestions of the quarter that were scored. */
  @Column({ type: 'int', default: 0 }) citizenCandidates: number;
  @DateTimeColumn({ nullable: true }) computedAt: Date | null;
  @Column({ type: 'int', nullable: true }) computedById: number | null;
  @DateTimeColumn({ nullable: true }) publishedAt: Date | null;
  @Column({ type: 'int', nullable: true }) publishedById: number | null;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn() updatedAt: Date;
}
