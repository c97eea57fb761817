import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';

export const ADOPTIONS = ['ADOPTED', 'PARTIALLY_ADOPTED', 'ALREADY_DONE', 'FOR_REFERENCE', 'NOT_ADOPTED'] as const;
export type Adoption = (typeof ADOPTIONS)[number];
export type ReplyStatus = 'PENDING_REVIEW' | 'PUBLISHED' | 'SENT_BACK';

/**
 * A lead unit's reply. Published replies are what residents rate and what statistics count:
 * replied = published; on time (按时办结) = `onTime` (submittedAt ≤ dueAt, the reply
 * deadline in force when the unit replied); adopted: adoption.ts.
 */
@Entity('replies')
@Index('ix_replies_suggestion', ['suggestionId', 'id'])
@Index('ix_replies_unit_published', ['unitId', 'publishedAt'])
@Index('ix_replies_status', ['status', 'submittedAt'])
// Quarterly on-time and adoption rates, and the citizen award candidates (awards).
@Index('ix_replies_due_window', ['status', 'dueAt', 'unitId', 'onTime'])
@Index('ix_replies_published_window', ['status', 'publishedAt', 'unitId', 'adoption', 'suggestionId'])
export class ReplyEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) suggestionId: number;
  @Column({ type: 'int' }) unitId: number;
  @Column({ type: 'int' }) authorId: number;
  @Column({ type: 'text' }) body: string;
  @CodeColumn(20) adoption: Adoption;
  @Column({ type: 'varchar', length: 500, nullable: true }) notAdoptedReason: string | null;
  @Column({ type: 'int', nullable: true }) templateId: number | null;
  @CodeColumn(16) status: ReplyStatus;
  @DateTimeColumn() submittedAt: Date;
  @DateTimeColumn() dueAt: Date;
  @Column({ type: 'boolean' }) onTime: boolean;
  @Column({ type: 'int', nullable: true }) reviewedById: number | null;
  @DateTimeColumn({ nullable: true }) reviewedAt: Date | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) reviewNote: string | null;
  @DateTimeColumn({ nullable: true }) publishedAt: Date | null;
}
