import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';
import { DEFAULT_SATISFACTION_BASIS, type AwardSettings, type SatisfactionBasis } from './award-scoring.js';

export type RoundSettingsJson = Omit<AwardSettings, 'satisfactionBasis'>;

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
  /** Weights, minimum volume and nominees (the JSON predates the satisfaction basis, which has its own column). */
  @Column({ type: 'simple-json' }) settings: RoundSettingsJson;
  /** Which ratings of a reopened item count (award-scoring.ts SATISFACTION_BASES); part of the snapshot. */
  @CodeColumn(16, { default: DEFAULT_SATISFACTION_BASIS }) satisfactionBasis: SatisfactionBasis;
  /** Adopted suggestions of the quarter that were scored. */
  @Column({ type: 'int', default: 0 }) citizenCandidates: number;
  @DateTimeColumn({ nullable: true }) computedAt: Date | null;
  @Column({ type: 'int', nullable: true }) computedById: number | null;
  @DateTimeColumn({ nullable: true }) publishedAt: Date | null;
  @Column({ type: 'int', nullable: true }) publishedById: number | null;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn() updatedAt: Date;
}

/** The settings a round is computed with: the JSON snapshot plus the satisfaction basis column. */
export function settingsOfRound(r: Pick<AwardRoundEntity, 'settings' | 'satisfactionBasis'>): AwardSettings {
  const { unitWeights, citizenWeights, minItemsToRank, citizenNominees } = r.settings;
  return { unitWeights, citizenWeights, minItemsToRank, citizenNominees, satisfactionBasis: r.satisfactionBasis ?? DEFAULT_SATISFACTION_BASIS };
}

/** The JSON part of settings (the basis lives in its column). */
export function settingsJson(s: AwardSettings | RoundSettingsJson): RoundSettingsJson {
  return { unitWeights: s.unitWeights, citizenWeights: s.citizenWeights, minItemsToRank: s.minItemsToRank, citizenNominees: s.citizenNominees };
}
