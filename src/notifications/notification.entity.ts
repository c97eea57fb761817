import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';
import type { NotificationChannel, NotificationKind, RecipientKind } from './notification-kinds.js';

/**
 * One message to one recipient: the in-app inbox row, and the record of its outgoing channel.
 * `params` hold ids, numbers and dates only, never names or phone numbers; the text is
 * rendered from the zh-CN template when read or sent.
 */
@Entity('notifications')
@Index('ix_notifications_recipient', ['recipientKind', 'recipientId', 'id'])
export class NotificationEntity {
  @PrimaryGeneratedColumn() id: number;
  @CodeColumn(16) recipientKind: RecipientKind;
  @Column({ type: 'int' }) recipientId: number;
  @CodeColumn(32) kind: NotificationKind;
  @CodeColumn(48) template: string;
  @Column({ type: 'simple-json' }) params: Record<string, string | number>;
  @Column({ type: 'int', nullable: true }) suggestionId: number | null;
  /** Unique per logical message: a job that runs twice writes one row. */
  @Index('uq_notifications_event_key', { unique: true })
  @Column({ type: 'varchar', length: 191 }) eventKey: string;
  /** Where it goes besides the inbox: SMS (through the gateway), WEBHOOK, LOG, or NONE (inbox only). */
  @CodeColumn(16) channel: NotificationChannel;
  @DateTimeColumn({ nullable: true }) readAt: Date | null;
  @DateTimeColumn() createdAt: Date;
}
