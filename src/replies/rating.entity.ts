import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';

export const RATING_LEVELS = ['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

/** The author's rating of a published reply: one per reply (unique). Satisfaction score: 100 / 80 / 0. */
@Entity('ratings')
@Index('uq_ratings_reply', ['replyId'], { unique: true })
@Index('ix_ratings_unit_created', ['unitId', 'createdAt'])
// Quarterly satisfaction (awards).
@Index('ix_ratings_created_unit', ['createdAt', 'unitId', 'level'])
// The final-rating basis looks for a later rating of the same item and unit.
@Index('ix_ratings_suggestion_unit', ['suggestionId', 'unitId'])
export class RatingEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) suggestionId: number;
  @Column({ type: 'int' }) replyId: number;
  /** The unit whose reply was rated (denormalised for scoring). */
  @Column({ type: 'int' }) unitId: number;
  @Column({ type: 'int', nullable: true }) residentId: number | null;
  @CodeColumn(20) level: RatingLevel;
  @Column({ type: 'varchar', length: 500, nullable: true }) comment: string | null;
  @DateTimeColumn() createdAt: Date;
}
