import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';

/**
 * One uploaded photo, already re-encoded (the original is never stored). Uploaded unattached;
 * submitSuggestion or replyToSuggestion attaches it to one item, once, for its uploader only.
 * An upload left unattached is deleted by the `photos.discard-unattached` job.
 */
@Entity('photos')
@Index('ix_photos_suggestion', ['suggestionId', 'position'])
@Index('ix_photos_reply', ['replyId', 'position'])
@Index('ix_photos_uploader', ['uploaderKind', 'uploaderId'])
@Index('ix_photos_unattached', ['attachedAt', 'createdAt'])
export class PhotoEntity {
  /** Random (32 hex digits): also the upload id the client holds. */
  @PrimaryColumn({ type: 'varchar', length: 32 }) id: string;
  /** RESIDENT or STAFF. */
  @CodeColumn(16) uploaderKind: 'RESIDENT' | 'STAFF';
  @Column({ type: 'int' }) uploaderId: number;
  @Column({ type: 'int', nullable: true }) suggestionId: number | null;
  @Column({ type: 'int', nullable: true }) replyId: number | null;
  /** Order on its item, from 0. */
  @Column({ type: 'int', default: 0 }) position: number;
  /** What the bytes were (sniffed); the stored files are always JPEG. */
  @CodeColumn(16) sourceType: string;
  @Column({ type: 'int' }) width: number;
  @Column({ type: 'int' }) height: number;
  @Column({ type: 'int' }) thumbWidth: number;
  @Column({ type: 'int' }) thumbHeight: number;
  /** Bytes stored, full size plus thumbnail. */
  @Column({ type: 'int' }) bytes: number;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn({ nullable: true }) attachedAt: Date | null;
}
