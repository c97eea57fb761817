import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';

export const UNIT_KINDS = ['DEPARTMENT', 'COUNTY', 'DISTRICT', 'OFFICE'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

@Entity('units')
export class UnitEntity {
  @PrimaryGeneratedColumn() id: number;
  @Index('uq_units_code', { unique: true })
  @CodeColumn(32) code: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @CodeColumn(16) kind: UnitKind;
  @Column({ type: 'int', nullable: true }) parentId: number | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn() updatedAt: Date;
}
