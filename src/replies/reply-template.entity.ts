import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';
import type { Adoption } from './reply.entity.js';

/** A reusable reply text; unitId null means shared by all units. */
@Entity('reply_templates')
@Index('ix_reply_templates_unit', ['unitId', 'active'])
export class ReplyTemplateEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int', nullable: true }) unitId: number | null;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'text' }) body: string;
  @CodeColumn(20, { nullable: true }) adoption: Adoption | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'int' }) createdById: number;
  @DateTimeColumn() createdAt: Date;
}
