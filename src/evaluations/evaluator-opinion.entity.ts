import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';

export const OPINION_STATUSES = ['OPEN', 'CLOSED'] as const;
export type OpinionStatus = (typeof OPINION_STATUSES)[number];

/**
 * An evaluator's written opinion on a reply, handled as an item of its own: the coordinating
 * office answers it, which closes it. Statistics count opinions handled by `answeredAt`.
 */
@Entity('evaluator_opinions')
@Index('uq_evaluator_opinions_review', ['reviewId'], { unique: true })
@Index('ix_evaluator_opinions_status', ['status', 'id'])
@Index('ix_evaluator_opinions_answered', ['answeredAt'])
export class EvaluatorOpinionEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) reviewId: number;
  @Column({ type: 'int' }) evaluatorId: number;
  @Column({ type: 'int' }) replyId: number;
  @Column({ type: 'int' }) suggestionId: number;
  @Column({ type: 'int' }) unitId: number;
  @Column({ type: 'text' }) body: string;
  @CodeColumn(10) status: OpinionStatus;
  @Column({ type: 'text', nullable: true }) answer: string | null;
  @Column({ type: 'int', nullable: true }) answeredById: number | null;
  @DateTimeColumn({ nullable: true }) answeredAt: Date | null;
  @DateTimeColumn() createdAt: Date;
}
