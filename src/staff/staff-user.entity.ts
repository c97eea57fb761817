import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../database/columns.js';
import type { StaffRole } from '../auth/roles.js';

@Entity('staff_users')
export class StaffUserEntity {
  @PrimaryGeneratedColumn() id: number;
  /** Canonical form only (canonicalUsername): storage, lookup and rate-limit keys agree. */
  @Index('uq_staff_users_username', { unique: true })
  @Column({ type: 'varchar', length: 64 }) username: string;
  @Column({ type: 'varchar', length: 255 }) passwordHash: string;
  @Column({ type: 'varchar', length: 100 }) displayName: string;
  @Column({ type: 'simple-array' }) roles: StaffRole[];
  @Index('ix_staff_users_unit')
  @Column({ type: 'int', nullable: true }) unitId: number | null;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /**
   * Tokens carry the version they were issued under; deactivation and every password change
   * bump it, so older tokens stop working on every instance (AccountAccess).
   */
  @Column({ type: 'integer', default: 1 }) authzVersion: number;
  /** AES-256-GCM ciphertext of the mobile number set-password codes go to. */
  @Column({ type: 'varchar', length: 255, nullable: true }) phoneCiphertext: string | null;
  @DateTimeColumn() createdAt: Date;
}
