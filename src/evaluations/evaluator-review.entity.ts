import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../database/columns.js';

/**
 * A public evaluator's (金秤砣评议员) rubric marks for one published reply: timeliness,
 * substance and attitude, 1–5 each; one review per evaluator per reply (unique). The unit and
 * the reply's publication time are copied in so quarterly scoring groups by indexed columns.
 */
@Entity('evaluator_reviews')
@Index('uq_evaluator_reviews_reply_evaluator', ['replyId', 'evaluatorId'], { unique: true })
@Index('ix_evaluator_reviews_published_unit', ['replyPublishedAt', 'unitId'])
@Index('ix_evaluator_reviews_suggestion', ['suggestionId'])
@Index('ix_evaluator_reviews_evaluator', ['evaluatorId', 'id'])
@Index('ix_evaluator_reviews_unit', ['unitId', 'id'])
export class EvaluatorReviewEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) replyId: number;
  @Column({ type: 'int' }) suggestionId: number;
  @Column({ type: 'int' }) unitId: number;
  @Column({ type: 'int' }) evaluatorId: number;
  @Column({ type: 'int' }) timeliness: number;
  @Column({ type: 'int' }) substance: number;
  @Column({ type: 'int' }) attitude: number;
  @DateTimeColumn() replyPublishedAt: Date;
  @DateTimeColumn() createdAt: Date;
}
