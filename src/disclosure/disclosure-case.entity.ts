import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';
import type { CaseKind, CaseResult } from './disclosure-codes.js';

/**
 * An administrative review (行政复议) or lawsuit (行政诉讼) about disclosure, for section 四.
 * Counted in the year it was filed; a case concluded after that year's end counts as 尚未审结.
 */
@Entity('disclosure_cases')
export class DisclosureCaseEntity {
  @PrimaryGeneratedColumn() id: number;
  /** The ledger request it challenges, when there is one. */
  @Index('ix_disclosure_cases_request')
  @Column({ type: 'int', nullable: true }) requestId: number | null;
  @CodeColumn(24) kind: CaseKind;
  @CodeColumn(16) result: CaseResult;
  @Index('ix_disclosure_cases_filed')
  @DateTimeColumn() filedAt: Date;
  @DateTimeColumn({ nullable: true }) concludedAt: Date | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) caseNumber: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) note: string | null;
  @Column({ type: 'int' }) recordedById: number;
  @Column({ type: 'int' }) version: number;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn() updatedAt: Date;
}
