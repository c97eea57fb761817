import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CodeColumn, DateTimeColumn } from '../database/columns.js';
import type { ApplicantType, Channel, DisclosureStatus } from './disclosure-codes.js';

/**
 * One request for government information (依申请公开) in the ledger. Nothing is deleted;
 * the year-end carry-over is derived from `receivedAt` and `repliedAt`, never stored.
 */
@Entity('disclosure_requests')
@Index('uq_disclosure_requests_ledger', ['ledgerYear', 'ledgerSequence'], { unique: true })
@Index('ix_disclosure_requests_status_due', ['status', 'dueAt'])
export class DisclosureRequestEntity {
  @PrimaryGeneratedColumn() id: number;
  /** Shanghai year of receipt and the sequence within it: YSQ2026-0001. */
  @Column({ type: 'int' }) ledgerYear: number;
  @Column({ type: 'int' }) ledgerSequence: number;
  @CodeColumn(32) applicantType: ApplicantType;
  /** A person's name is personal data: responses show it masked for natural persons. */
  @Column({ type: 'varchar', length: 100 }) applicantName: string;
  /** AES-256-GCM ciphertext of the normalised contact number (PiiCrypto). */
  @Column({ type: 'varchar', length: 255 }) contactPhoneCiphertext: string;
  /** Keyed HMAC of the normalised number: finds an applicant's other requests without decrypting. */
  @Index('ix_disclosure_requests_phone')
  @Column({ type: 'varchar', length: 64 }) contactPhoneHash: string;
  @CodeColumn(16) channel: Channel;
  @Column({ type: 'varchar', length: 200 }) subject: string;
  @Column({ type: 'text' }) content: string;
  @CodeColumn(24) status: DisclosureStatus;
  /** Bumped by every change; updates are conditional on it. */
  @Column({ type: 'int' }) version: number;
  @Index('ix_disclosure_requests_received')
  @DateTimeColumn() receivedAt: Date;
  /** The reply deadline now in force: receipt + 20 working days + extension + paused days. */
  @DateTimeColumn() dueAt: Date;
  @Column({ type: 'int', default: 0 }) extensionWorkingDays: number;
  @Column({ type: 'varchar', length: 500, nullable: true }) extensionReason: string | null;
  @DateTimeColumn({ nullable: true }) extendedAt: Date | null;
  @DateTimeColumn({ nullable: true }) correctionRequestedAt: Date | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) correctionNote: string | null;
  @DateTimeColumn({ nullable: true }) correctionAnsweredAt: Date | null;
  @Column({ type: 'int', default: 0 }) pausedWorkingDays: number;
  /** Who reviewed the reply's legality (合法性审核, e.g. 市司法局) and when. */
  @Column({ type: 'varchar', length: 100, nullable: true }) legalReviewer: string | null;
  @DateTimeColumn({ nullable: true }) legalReviewedAt: Date | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) legalReviewOpinion: string | null;
  @CodeColumn(40, { nullable: true }) outcome: string | null;
  @Column({ type: 'text', nullable: true }) replyNote: string | null;
  /** When the reply was sent; the report counts outcomes and carry-over by it. */
  @Index('ix_disclosure_requests_replied')
  @DateTimeColumn({ nullable: true }) repliedAt: Date | null;
  @Column({ type: 'int', nullable: true }) decidedById: number | null;
  /** The follow-up call (回访) the office owes after the reply: opened by a job, closed by hand. */
  @DateTimeColumn({ nullable: true }) callbackOpenedAt: Date | null;
  @DateTimeColumn({ nullable: true }) callbackDoneAt: Date | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) callbackNote: string | null;
  @Column({ type: 'int' }) registeredById: number;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn() updatedAt: Date;
}

export type RegisteredFields = Pick<
  DisclosureRequestEntity,
  | 'ledgerYear'
  | 'ledgerSequence'
  | 'applicantType'
  | 'applicantName'
  | 'contactPhoneCiphertext'
  | 'contactPhoneHash'
  | 'channel'
  | 'subject'
  | 'content'
  | 'receivedAt'
  | 'dueAt'
  | 'registeredById'
>;

/** A freshly registered request: the one place its initial state is written down. */
export function newDisclosureRequestRow(fields: RegisteredFields, now: Date): Omit<DisclosureRequestEntity, 'id'> {
  return {
    ...fields,
    status: 'IN_PROGRESS',
    version: 1,
    extensionWorkingDays: 0,
    extensionReason: null,
    extendedAt: null,
    correctionRequestedAt: null,
    correctionNote: null,
    correctionAnsweredAt: null,
    pausedWorkingDays: 0,
    legalReviewer: null,
    legalReviewedAt: null,
    legalReviewOpinion: null,
    outcome: null,
    replyNote: null,
    repliedAt: null,
    decidedById: null,
    callbackOpenedAt: null,
    callbackDoneAt: null,
    callbackNote: null,
    createdAt: now,
    updatedAt: now,
  };
}
