import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../database/columns.js';
import type { StaffRole } from '../auth/roles.js';

@Entity('staff_users')
export class StaffUserEntity {
  @PrimaryGeneratedColumn() id: number;
  @Index('uq_staff_users_username', { unique: true })
  @Column({ type: 'varchar', length: 64 }) username: string;
  @Column({ type: 'varchar', length: 255 }) passwordHash: string;
  @Column({ type: 'varchar', length: 100 }) displayName: string;
  @Column({ type: 'simple-array' }) roles: StaffRole[];
  @Index('ix_staff_users_unit')
  @Column({ type: 'int', nullable: true }) unitId: number | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @DateTimeColumn() createdAt: Date;
}
