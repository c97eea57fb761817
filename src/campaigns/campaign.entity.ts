import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';
import { DEFAULT_DEADLINES } from '../suggestions/suggestion-deadlines.js';

export const CAMPAIGN_STATUSES = ['DRAFT', 'OPEN', 'CLOSED', 'ARCHIVED'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

@Entity('campaigns')
@Index('uq_campaigns_year_number', ['year', 'number'], { unique: true })
export class CampaignEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) year: number;
  /** 第N期 within the year. */
  @Column({ type: 'int' }) number: number;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'varchar', length: 100 }) topic: string;
  @Column({ type: 'text' }) description: string;
  @DateTimeColumn() opensAt: Date;
  @DateTimeColumn() closesAt: Date;
  @Index('ix_campaigns_status')
  @CodeColumn(16) status: CampaignStatus;
  @Column({ type: 'simple-json' }) categories: string[];
  @Column({ type: 'int', default: DEFAULT_DEADLINES.signDays }) signDays: number;
  @Column({ type: 'int', default: DEFAULT_DEADLINES.replyDays }) replyDays: number;
  @Column({ type: 'int', default: DEFAULT_DEADLINES.reopenReplyDays }) reopenReplyDays: number;
  @Column({ type: 'int', default: DEFAULT_DEADLINES.ratingWindowDays }) ratingWindowDays: number;
  @Column({ type: 'int', default: 1 }) maxReopens: number;
  @Column({ type: 'boolean', default: false }) requireReplyReview: boolean;
  @Column({ type: 'varchar', length: 500, nullable: true }) prizeText: string | null;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn() updatedAt: Date;
}
