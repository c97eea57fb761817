import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';

export const CALLBACK_OUTCOMES = ['REACHED_SATISFIED', 'REACHED_UNSATISFIED', 'REACHED_NO_COMMENT', 'NOT_REACHED', 'DECLINED'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];
export type CallbackTaskStatus = 'OPEN' | 'DONE';

/** The office's follow-up call (回访) after a reply was sent: one per published reply. */
@Entity('callback_tasks')
@Index('ix_callback_tasks_status', ['status', 'id'])
export class CallbackTaskEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) suggestionId: number;
  @Index('uq_callback_tasks_reply', { unique: true })
  @Column({ type: 'int' }) replyId: number;
  @CodeColumn(8) status: CallbackTaskStatus;
  /** Call within this many working days of the reply (CALLBACK_WORKING_DAYS, src/suggestions/suggestion-deadlines.ts). */
  @DateTimeColumn() dueAt: Date;
  @CodeColumn(24, { nullable: true }) outcome: CallbackOutcome | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) note: string | null;
  @Column({ type: 'int', nullable: true }) completedById: number | null;
  @DateTimeColumn({ nullable: true }) completedAt: Date | null;
  @DateTimeColumn() createdAt: Date;
}
