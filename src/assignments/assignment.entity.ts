import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';

export type AssignmentRole = 'LEAD' | 'CO';
/** Why an assignment stopped being current. */
export type AssignmentEnd = 'TRANSFERRED' | 'RETURNED' | 'REPLIED' | 'CLOSED';

/**
 * A unit's responsibility for a suggestion: the lead unit (主办) or a co-organiser (协办).
 * Every assign or transfer adds rows; a transfer or return ends the current ones
 * (endedAt), so the history and the statistics keep every hand-over.
 * Response rate (响应率) = LEAD rows with signedAt ≤ signDueAt / LEAD rows assigned.
 */
@Entity('assignments')
@Index('ix_assignments_suggestion', ['suggestionId', 'endedAt'])
@Index('ix_assignments_unit_assigned', ['unitId', 'role', 'assignedAt'])
// Quarterly response rate (awards): covers the whole aggregation.
@Index('ix_assignments_lead_window', ['role', 'assignedAt', 'unitId', 'signDueAt', 'signedAt'])
export class AssignmentEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) suggestionId: number;
  @Column({ type: 'int' }) unitId: number;
  @CodeColumn(8) role: AssignmentRole;
  @Column({ type: 'int' }) assignedById: number;
  @DateTimeColumn() assignedAt: Date;
  @DateTimeColumn() signDueAt: Date;
  @DateTimeColumn({ nullable: true }) signedAt: Date | null;
  @Column({ type: 'int', nullable: true }) signedById: number | null;
  /** Co-organiser's contribution to the lead unit's reply. */
  @Column({ type: 'text', nullable: true }) contribution: string | null;
  @DateTimeColumn({ nullable: true }) contributedAt: Date | null;
  @DateTimeColumn({ nullable: true }) endedAt: Date | null;
  @CodeColumn(16, { nullable: true }) endReason: AssignmentEnd | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) endNote: string | null;
}
