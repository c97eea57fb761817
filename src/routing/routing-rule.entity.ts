import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../database/columns.js';

/**
 * Admin-maintained routing: when every given condition matches (campaign, category,
 * any keyword in title or body, area in location), propose the lead and co-organiser units.
 * Lower priority numbers are tried first.
 */
@Entity('routing_rules')
@Index('ix_routing_rules_active', ['active', 'priority'])
export class RoutingRuleEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'int', nullable: true }) campaignId: number | null;
  @Column({ type: 'varchar', length: 50, nullable: true }) category: string | null;
  @Column({ type: 'simple-json' }) keywords: string[];
  @Column({ type: 'varchar', length: 100, nullable: true }) area: string | null;
  @Column({ type: 'int' }) leadUnitId: number;
  @Column({ type: 'simple-json' }) coUnitIds: number[];
  @Column({ type: 'int', default: 100 }) priority: number;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'int' }) createdById: number;
  @DateTimeColumn() createdAt: Date;
}
