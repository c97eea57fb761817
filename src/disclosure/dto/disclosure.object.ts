import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { maskName, maskPhone } from '../../common/masking.js';
import { Connection } from '../../graphql/connection.js';
import {
  APPLICANT_TYPES,
  CASE_KINDS,
  CASE_RESULTS,
  CHANNELS,
  DISCLOSURE_STATUSES,
  OUTCOMES,
  isOutcome,
  outcomeLabel,
  type ApplicantType,
  type CaseKind,
  type CaseResult,
  type Channel,
  type DisclosureStatus,
  type Outcome,
} from '../disclosure-codes.js';
import { isOnTime } from '../disclosure-deadlines.js';
import type { DisclosureCaseEntity } from '../disclosure-case.entity.js';
import type { DisclosureEventEntity } from '../disclosure-event.entity.js';
import type { DisclosureRequestEntity } from '../disclosure-request.entity.js';
import { formatLedgerNumber } from '../ledger-number.js';
import { readText } from '../../privacy/text-visibility.js';

/**
 * Free text of the ledger as its readers (the office, auditors, admins) may read it: a staff
 * record, masked for every one of them (text-visibility.ts), the applicant's name and number
 * included. Their contact is shown only through the audited revealDisclosureContact.
 */
function ledgerText(text: string | null, applicant: { applicantName: string; contactPhone?: string | null }): string | null {
  // The known number is masked like a name too, so a form the masker does not know still goes.
  return readText('OFFICE', 'STAFF_RECORD', text, { consentToPublish: false, authorName: applicant.applicantName }, [applicant.contactPhone]);
}

const enumOf = <T extends string>(codes: readonly T[]) => Object.fromEntries(codes.map((c) => [c, c])) as { [K in T]: K };
const describe = (rows: readonly { code: string; label?: string; item?: string | null }[]) =>
  Object.fromEntries(rows.map((r) => [r.code, { description: r.label ?? r.item ?? undefined }]));

export const ApplicantTypeEnum = enumOf(APPLICANT_TYPES.map((t) => t.code));
registerEnumType(ApplicantTypeEnum, {
  name: 'DisclosureApplicantType',
  description: 'Applicant columns of the national format: 自然人, and 法人或其他组织 split five ways',
  valuesMap: describe(APPLICANT_TYPES),
});
export const ChannelEnum = enumOf(CHANNELS.map((c) => c.code));
registerEnumType(ChannelEnum, { name: 'DisclosureChannel', description: 'How the request arrived', valuesMap: describe(CHANNELS) });
export const DisclosureStatusEnum = enumOf(DISCLOSURE_STATUSES);
registerEnumType(DisclosureStatusEnum, {
  name: 'DisclosureRequestStatus',
  description: 'IN_PROGRESS (clock running), AWAITING_CORRECTION (补正: clock paused), DECIDED (reply sent)',
});
export const OutcomeEnum = enumOf(OUTCOMES.map((o) => o.code));
registerEnumType(OutcomeEnum, {
  name: 'DisclosureOutcome',
  description: 'Outcome of a reply: one row of 三、本年度办理结果 in the national format',
  valuesMap: Object.fromEntries(OUTCOMES.map((o) => [o.code, { description: outcomeLabel(o.code) }])),
});
export const CaseKindEnum = enumOf(CASE_KINDS.map((k) => k.code));
registerEnumType(CaseKindEnum, { name: 'AdministrativeCaseKind', description: '行政复议, or 行政诉讼 (directly / after review)', valuesMap: describe(CASE_KINDS) });
export const CaseResultEnum = enumOf(CASE_RESULTS.map((r) => r.code));
registerEnumType(CaseResultEnum, { name: 'AdministrativeCaseResult', valuesMap: describe(CASE_RESULTS) });

@ObjectType('DisclosureEvent', { description: 'One step in the history of a ledger entry' })
export class DisclosureEventObject {
  @Field(() => Int) id: number;
  @Field() action: string;
  @Field(() => Int, { nullable: true, description: 'Staff member who acted; null for the system' }) actorId: number | null;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field() at: Date;
}

export function toDisclosureEventObject(e: DisclosureEventEntity, applicant: { applicantName: string }): DisclosureEventObject {
  return { id: e.id, action: e.action, actorId: e.actorId, note: ledgerText(e.note, applicant), at: e.at };
}

@ObjectType('DisclosureAdministrativeCase', { description: 'An administrative review (行政复议) or lawsuit (行政诉讼) about disclosure' })
export class DisclosureCaseObject {
  @Field(() => Int) id: number;
  @Field(() => Int, { nullable: true }) requestId: number | null;
  @Field(() => CaseKindEnum) kind: CaseKind;
  @Field(() => CaseResultEnum) result: CaseResult;
  @Field() filedAt: Date;
  @Field(() => Date, { nullable: true }) concludedAt: Date | null;
  @Field(() => String, { nullable: true }) caseNumber: string | null;
  @Field(() => String, { nullable: true }) note: string | null;
}

export function toDisclosureCaseObject(c: DisclosureCaseEntity): DisclosureCaseObject {
  return {
    id: c.id,
    requestId: c.requestId,
    kind: c.kind,
    result: c.result,
    filedAt: c.filedAt,
    concludedAt: c.concludedAt,
    caseNumber: c.caseNumber,
    note: readText('OFFICE', 'STAFF_RECORD', c.note, { consentToPublish: false, authorName: null }),
  };
}

@ObjectType('DisclosureRequest', { description: 'A request for government information (依申请公开) in the ledger; personal data masked in every text (revealDisclosureContact shows the contact)' })
export class DisclosureRequestObject {
  @Field(() => Int) id: number;
  @Field({ description: 'Ledger number, e.g. YSQ2026-0001' }) ledgerNumber: string;
  @Field(() => ApplicantTypeEnum) applicantType: ApplicantType;
  @Field({ description: 'Natural persons masked (张*); organisations by name' }) applicantDisplay: string;
  @Field({ description: 'Contact number, masked (138****1234)' }) contactPhoneMasked: string;
  @Field(() => ChannelEnum) channel: Channel;
  @Field() subject: string;
  @Field() content: string;
  @Field(() => DisclosureStatusEnum) status: DisclosureStatus;
  @Field() receivedAt: Date;
  @Field({ description: 'Reply deadline in force: receipt + 20 working days + extension + days paused for a correction' })
  dueAt: Date;
  @Field({ description: 'The clock is paused, waiting for the applicant’s correction (补正)' }) clockPaused: boolean;
  @Field({ description: 'Still open and past its due date' }) overdue: boolean;
  @Field(() => Int, { description: 'Working days granted by the one extension; 0 without' }) extensionWorkingDays: number;
  @Field(() => String, { nullable: true }) extensionReason: string | null;
  @Field(() => Date, { nullable: true }) extendedAt: Date | null;
  @Field(() => Date, { nullable: true }) correctionRequestedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'What the applicant was asked to correct' }) correctionNote: string | null;
  @Field(() => Date, { nullable: true }) correctionAnsweredAt: Date | null;
  @Field(() => Int, { description: 'Working days the clock stood still for the correction' }) pausedWorkingDays: number;
  @Field(() => String, { nullable: true, description: 'Who reviewed the reply’s legality (合法性审核)' }) legalReviewer: string | null;
  @Field(() => Date, { nullable: true }) legalReviewedAt: Date | null;
  @Field(() => String, { nullable: true }) legalReviewOpinion: string | null;
  @Field(() => OutcomeEnum, { nullable: true }) outcome: Outcome | null;
  @Field(() => String, { nullable: true, description: 'The outcome as in the national format, e.g. 无法提供·本机关不掌握相关政府信息' })
  outcomeLabel: string | null;
  @Field(() => String, { nullable: true }) replyNote: string | null;
  @Field(() => Date, { nullable: true, description: 'When the reply was sent' }) repliedAt: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Replied by the due date; null until replied' }) onTime: boolean | null;
  @Field(() => Date, { nullable: true, description: 'The follow-up call (回访) task was opened' }) callbackOpenedAt: Date | null;
  @Field(() => Date, { nullable: true }) callbackDoneAt: Date | null;
  @Field(() => String, { nullable: true }) callbackNote: string | null;
  @Field(() => Int) version: number;
  /** Not in the schema: lets the history resolver mask the applicant's name in event notes. */
  applicantName: string;
}

/** The contact number arrives decrypted from the service and leaves masked. */
export function toDisclosureRequestObject(r: DisclosureRequestEntity, contactPhone: string, now: Date): DisclosureRequestObject {
  const outcome = r.outcome && isOutcome(r.outcome) ? r.outcome : null;
  const text = (value: string | null) => ledgerText(value, { applicantName: r.applicantName, contactPhone });
  return {
    id: r.id,
    ledgerNumber: formatLedgerNumber(r.ledgerYear, r.ledgerSequence),
    applicantType: r.applicantType,
    applicantDisplay: r.applicantType === 'NATURAL_PERSON' ? maskName(r.applicantName) : r.applicantName,
    contactPhoneMasked: maskPhone(contactPhone),
    channel: r.channel,
    subject: text(r.subject) ?? '',
    content: text(r.content) ?? '',
    status: r.status,
    receivedAt: r.receivedAt,
    dueAt: r.dueAt,
    clockPaused: r.status === 'AWAITING_CORRECTION',
    overdue: r.status === 'IN_PROGRESS' && now.getTime() > r.dueAt.getTime(),
    extensionWorkingDays: r.extensionWorkingDays,
    extensionReason: text(r.extensionReason),
    extendedAt: r.extendedAt,
    correctionRequestedAt: r.correctionRequestedAt,
    correctionNote: text(r.correctionNote),
    correctionAnsweredAt: r.correctionAnsweredAt,
    pausedWorkingDays: r.pausedWorkingDays,
    legalReviewer: r.legalReviewer,
    legalReviewedAt: r.legalReviewedAt,
    legalReviewOpinion: text(r.legalReviewOpinion),
    outcome,
    outcomeLabel: outcome ? outcomeLabel(outcome) : null,
    replyNote: text(r.replyNote),
    repliedAt: r.repliedAt,
    onTime: r.repliedAt ? isOnTime(r.repliedAt, r.dueAt) : null,
    callbackOpenedAt: r.callbackOpenedAt,
    callbackDoneAt: r.callbackDoneAt,
    callbackNote: text(r.callbackNote),
    version: r.version,
    applicantName: r.applicantName,
  };
}

export const DisclosureRequestConnection = Connection(DisclosureRequestObject, 'DisclosureRequest');
export const DisclosureCaseConnection = Connection(DisclosureCaseObject, 'DisclosureAdministrativeCase');
