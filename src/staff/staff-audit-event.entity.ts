import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../database/columns.js';

export const STAFF_AUDIT_ACTIONS = ['CREATED', 'UPDATED', 'ACTIVATED', 'DEACTIVATED', 'PASSWORD_RESET', 'PASSWORD_SET', 'PASSWORD_CHANGED'] as const;
export type StaffAuditAction = (typeof STAFF_AUDIT_ACTIONS)[number];

/** Append-only record of every change to a staff account; never holds a password or a code. */
@Entity('staff_audit_events')
@Index('ix_staff_audit_events_target', ['targetStaffId', 'id'])
export class StaffAuditEventEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 24 }) action: StaffAuditAction;
  /** Who made the change; null for the system (demo seed) and for a code redeemed by its owner. */
  @Column({ type: 'int', nullable: true }) actorStaffId: number | null;
  @Column({ type: 'int' }) targetStaffId: number;
  /** What changed: before/after of roles, unit, display name, active. */
  @Column({ type: 'simple-json' }) details: Record<string, unknown>;
  @DateTimeColumn() at: Date;
}
