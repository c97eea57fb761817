import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';

/** SENT once; DEAD after the last failed attempt; SKIPPED when there is nobody left to send to. */
export type DeliveryStatus = 'SENDING' | 'SENT' | 'DEAD' | 'SKIPPED';

/**
 * The claim an outgoing message makes before it leaves (ARCHITECTURE §4): one row per event
 * key, so a redelivered job never sends twice. While SENDING, `leaseUntil` keeps a second
 * worker from sending at the same time; the event key also goes to the gateway, which drops
 * a repeat if a worker died between sending and recording SENT.
 */
@Entity('notification_deliveries')
@Index('ix_notification_deliveries_status', ['status', 'id'])
export class NotificationDeliveryEntity {
  @PrimaryGeneratedColumn() id: number;
  @Index('uq_notification_deliveries_event_key', { unique: true })
  @Column({ type: 'varchar', length: 191 }) eventKey: string;
  @Column({ type: 'int' }) notificationId: number;
  @CodeColumn(16) channel: string;
  @CodeColumn(16) status: DeliveryStatus;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ type: 'varchar', length: 500, nullable: true }) lastError: string | null;
  @DateTimeColumn({ nullable: true }) leaseUntil: Date | null;
  @DateTimeColumn({ nullable: true }) sentAt: Date | null;
  @DateTimeColumn() createdAt: Date;
}
