import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../database/columns.js';

/** A one-time set-password code: stored hashed, few tries, single use; a new one replaces it. */
@Entity('staff_password_codes')
export class StaffPasswordCodeEntity {
  @PrimaryGeneratedColumn() id: number;
  @Index('uq_staff_password_codes_staff', { unique: true })
  @Column({ type: 'int' }) staffId: number;
  @Column({ type: 'varchar', length: 64 }) codeHash: string;
  @DateTimeColumn() expiresAt: Date;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @DateTimeColumn() createdAt: Date;
}
