import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';
import type { SuggestionStatus } from './suggestion-workflow.js';
import { newTrackingNumber } from './tracking-number.js';
import type { IntakeChannel } from './intake-channel.js';

@Entity('suggestions')
@Index('uq_suggestions_author_idempotency', ['authorId', 'idempotencyKey'], { unique: true })
@Index('ix_suggestions_author_submitted', ['authorId', 'submittedAt'])
@Index('ix_suggestions_status_submitted', ['status', 'submittedAt'])
@Index('ix_suggestions_campaign_status', ['campaignId', 'status'])
@Index('ix_suggestions_unit_status_due', ['leadUnitId', 'status', 'replyDueAt'])
@Index('ix_suggestions_public_feed', ['published', 'consentToPublish', 'id'])
@Index('ix_suggestions_channel_submitted', ['channel', 'submittedAt'])
// Overdue, unanswered items per unit for a quarter (awards).
@Index('ix_suggestions_status_reply_due', ['status', 'replyDueAt', 'leadUnitId'])
export class SuggestionEntity {
  @PrimaryGeneratedColumn() id: number;
  /** Random tracking number (tracking-number.ts); null on items from before it, which keep their id-derived one. */
  @Index('uq_suggestions_tracking_number', { unique: true })
  @Column({ type: 'varchar', length: 20, nullable: true }) trackingNumber: string | null;
  @Column({ type: 'int' }) campaignId: number;
  /** Null once the author deleted their account (the item stays, anonymised). */
  @Column({ type: 'int', nullable: true }) authorId: number | null;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'varchar', length: 50 }) category: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) location: string | null;
  @Column({ type: 'boolean' }) consentToPublish: boolean;
  @Column({ type: 'boolean' }) anonymous: boolean;
  /** Author's display name at submission, shown masked; cleared when the author deletes their account. */
  @Column({ type: 'varchar', length: 50, nullable: true }) authorName: string | null;
  @CodeColumn(20) status: SuggestionStatus;
  /** How it reached the office (intake-channel.ts): ONLINE when the resident submitted it. */
  @CodeColumn(16, { default: 'ONLINE' }) channel: IntakeChannel;
  /** The staff member who recorded it for the resident (代录); null when self-submitted. Never shown publicly. */
  @Column({ type: 'int', nullable: true }) recordedById: number | null;
  /** Consent to publication given in person to the recording staff member, not by the resident online. */
  @Column({ type: 'boolean', default: false }) consentInPerson: boolean;
  @Column({ type: 'varchar', length: 64 }) idempotencyKey: string;
  @Column({ type: 'varchar', length: 64 }) contentHash: string;
  @VersionColumn() version: number;
  @Column({ type: 'int', default: 0 }) reopenCount: number;
  @Column({ type: 'int', nullable: true }) leadUnitId: number | null;
  @DateTimeColumn({ nullable: true }) signDueAt: Date | null;
  @DateTimeColumn({ nullable: true }) replyDueAt: Date | null;
  @DateTimeColumn({ nullable: true }) ratingDueAt: Date | null;
  @Column({ type: 'int', nullable: true }) mergedIntoId: number | null;
  /** Adoption decision of the published reply, kept here for the feed and statistics. */
  @CodeColumn(20, { nullable: true }) adoption: string | null;
  /** Published in the public feed: author consented and a reply is published. */
  @Column({ type: 'boolean', default: false }) published: boolean;
  @Column({ type: 'varchar', length: 500, nullable: true }) closeReason: string | null;
  @DateTimeColumn({ nullable: true }) closedAt: Date | null;
  @Index('ix_suggestions_submitted')
  @DateTimeColumn() submittedAt: Date;
  @DateTimeColumn() updatedAt: Date;
}

/** What a resident supplies when submitting; everything else starts as `newSuggestionRow` sets it. */
export type SubmittedFields = Pick<
  SuggestionEntity,
  'campaignId' | 'authorId' | 'title' | 'body' | 'category' | 'location' | 'consentToPublish' | 'anonymous' | 'authorName' | 'idempotencyKey' | 'contentHash'
> &
  Partial<Pick<SuggestionEntity, 'channel' | 'recordedById' | 'consentInPerson'>>;

/** A freshly submitted suggestion: the one place its initial workflow state is written down. */
export function newSuggestionRow(fields: SubmittedFields, now: Date): Omit<SuggestionEntity, 'id'> {
  return {
    ...fields,
    // Self-submitted unless staff recorded it for the resident.
    channel: fields.channel ?? 'ONLINE',
    recordedById: fields.recordedById ?? null,
    consentInPerson: fields.consentInPerson ?? false,
    trackingNumber: newTrackingNumber(now),
    status: 'SUBMITTED',
    version: 1,
    reopenCount: 0,
    leadUnitId: null,
    signDueAt: null,
    replyDueAt: null,
    ratingDueAt: null,
    mergedIntoId: null,
    adoption: null,
    published: false,
    closeReason: null,
    closedAt: null,
    submittedAt: now,
    updatedAt: now,
  };
}
