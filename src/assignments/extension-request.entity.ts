import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';

export type ExtensionStatus = 'PENDING' | 'APPROVED' | 'DENIED';

/** A unit's request for more time to reply; the coordinator decides. */
@Entity('extension_requests')
@Index('ix_extension_requests_status', ['status', 'createdAt'])
@Index('ix_extension_requests_suggestion', ['suggestionId'])
export class ExtensionRequestEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) suggestionId: number;
  @Column({ type: 'int' }) unitId: number;
  @Column({ type: 'int' }) requestedById: number;
  @Column({ type: 'varchar', length: 500 }) reason: string;
  /** Working days asked for beyond the current reply deadline. */
  @Column({ type: 'int' }) extraWorkingDays: number;
  @DateTimeColumn() currentDueAt: Date;
  @DateTimeColumn() requestedDueAt: Date;
  @CodeColumn(10) status: ExtensionStatus;
  @Column({ type: 'int', nullable: true }) decidedById: number | null;
  @DateTimeColumn({ nullable: true }) decidedAt: Date | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) decisionNote: string | null;
  @DateTimeColumn() createdAt: Date;
}
