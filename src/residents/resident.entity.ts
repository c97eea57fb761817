import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../database/columns.js';

@Entity('residents')
export class ResidentEntity {
  @PrimaryGeneratedColumn() id: number;
  /** AES-256-GCM ciphertext of the normalised phone number; null once the account is deleted. */
  @Column({ type: 'varchar', length: 255, nullable: true }) phoneCiphertext: string | null;
  /** Keyed HMAC of the normalised phone number, for lookup. */
  @Index('uq_residents_phone_hash', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true }) phoneHash: string | null;
  @Column({ type: 'varchar', length: 50 }) displayName: string;
  @DateTimeColumn({ nullable: true }) verifiedAt: Date | null;
  /** Notification kinds the resident opted out of (non-essential ones only). */
  @Column({ type: 'simple-json' }) notificationOptOuts: string[];
  @DateTimeColumn({ nullable: true }) deletedAt: Date | null;
  @DateTimeColumn() createdAt: Date;
}
