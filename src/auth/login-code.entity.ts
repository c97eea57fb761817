import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../database/columns.js';

/** A one-time sign-in code: stored hashed, single use, few tries; a resend replaces it. */
@Entity('login_codes')
export class LoginCodeEntity {
  @PrimaryGeneratedColumn() id: number;
  @Index('uq_login_codes_phone_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 }) phoneHash: string;
  @Column({ type: 'varchar', length: 64 }) codeHash: string;
  @DateTimeColumn() expiresAt: Date;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @DateTimeColumn() createdAt: Date;
}
