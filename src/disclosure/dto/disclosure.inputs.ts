import { ArgsType, Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { ConnectionArgs } from '../../graphql/connection.js';
import {
  APPLICANT_TYPE_CODES,
  CASE_KIND_CODES,
  CASE_RESULT_CODES,
  CHANNEL_CODES,
  DISCLOSURE_STATUSES,
  OUTCOME_CODES,
  type ApplicantType,
  type CaseKind,
  type CaseResult,
  type Channel,
  type DisclosureStatus,
  type Outcome,
} from '../disclosure-codes.js';
import { MAX_EXTENSION_WORKING_DAYS } from '../disclosure-deadlines.js';
import {
  ApplicantTypeEnum,
  CaseKindEnum,
  CaseResultEnum,
  ChannelEnum,
  DisclosureCaseObject,
  DisclosureRequestObject,
  DisclosureStatusEnum,
  OutcomeEnum,
} from './disclosure.object.js';

@InputType()
export class RegisterDisclosureRequestInput {
  @Field(() => ApplicantTypeEnum) @IsIn(APPLICANT_TYPE_CODES) applicantType: ApplicantType;
  @Field({ description: 'Name of the person or organisation, 1–100 characters' }) @IsString() @Length(1, 100) applicantName: string;
  @Field({ description: 'Mainland mobile (13812341234) or landline with area code (0795-3273397); stored encrypted' })
  @IsString()
  @Length(7, 24)
  contactPhone: string;
  @Field(() => ChannelEnum) @IsIn(CHANNEL_CODES) channel: Channel;
  @Field({ description: 'The information asked for, in short; 2–200 characters' }) @IsString() @Length(2, 200) subject: string;
  @Field({ description: 'The request as submitted; 2–5,000 characters' }) @IsString() @Length(2, 5000) content: string;
  @Field({ nullable: true, description: 'When the request was received; defaults to now, never in the future' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  receivedAt?: Date;
}

@InputType()
export class ExtendDisclosureRequestInput {
  @Field(() => Int) @IsInt() @Min(1) id: number;
  @Field(() => Int, { description: `Extra working days, 1–${MAX_EXTENSION_WORKING_DAYS}` })
  @IsInt()
  @Min(1)
  @Max(MAX_EXTENSION_WORKING_DAYS)
  workingDays: number;
  @Field({ description: 'Why, as told to the applicant; 2–500 characters' }) @IsString() @Length(2, 500) reason: string;
}

@InputType()
export class RequestDisclosureCorrectionInput {
  @Field(() => Int) @IsInt() @Min(1) id: number;
  @Field({ description: 'Everything the applicant must correct, at once; 2–1,000 characters' }) @IsString() @Length(2, 1000) note: string;
}

@InputType()
export class RecordDisclosureCorrectionInput {
  @Field(() => Int) @IsInt() @Min(1) id: number;
  @Field({ nullable: true, description: 'When the corrected application arrived; defaults to now' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  answeredAt?: Date;
}

@InputType()
export class RecordLegalReviewInput {
  @Field(() => Int) @IsInt() @Min(1) id: number;
  @Field({ description: 'Who reviewed the reply’s legality, e.g. 市司法局 and the reviewer; 2–100 characters' })
  @IsString()
  @Length(2, 100)
  reviewer: string;
  @Field({ nullable: true, description: 'When; defaults to now' }) @IsOptional() @Type(() => Date) @IsDate() reviewedAt?: Date;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) opinion?: string;
}

@InputType()
export class DecideDisclosureRequestInput {
  @Field(() => Int) @IsInt() @Min(1) id: number;
  @Field(() => OutcomeEnum) @IsIn(OUTCOME_CODES) outcome: Outcome;
  @Field({ nullable: true, description: 'When the reply was sent; defaults to now' }) @IsOptional() @Type(() => Date) @IsDate() repliedAt?: Date;
  @Field({ nullable: true, description: 'Summary of the reply; up to 5,000 characters' }) @IsOptional() @IsString() @MaxLength(5000) replyNote?: string;
}

@InputType({ description: 'Records a new case (kind and filedAt given), or concludes a pending one (caseId given)' })
export class RecordAdministrativeCaseInput {
  @Field(() => Int, { nullable: true, description: 'A pending case to conclude' }) @IsOptional() @IsInt() @Min(1) caseId?: number;
  @Field(() => Int, { nullable: true, description: 'The ledger request the case challenges (new cases)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  requestId?: number;
  @Field(() => CaseKindEnum, { nullable: true, description: 'Required for a new case' }) @IsOptional() @IsIn(CASE_KIND_CODES) kind?: CaseKind;
  @Field({ nullable: true, description: 'Required for a new case; never in the future' }) @IsOptional() @Type(() => Date) @IsDate() filedAt?: Date;
  @Field(() => CaseResultEnum, { description: 'PENDING (尚未审结) while open' }) @IsIn(CASE_RESULT_CODES) result: CaseResult;
  @Field({ nullable: true, description: 'When the case ended (not for PENDING); defaults to now' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  concludedAt?: Date;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 100) caseNumber?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

@InputType()
export class DisclosureRequestIdInput {
  @Field(() => Int) @IsInt() @Min(1) id: number;
}

@InputType()
export class CompleteDisclosureCallbackInput {
  @Field(() => Int) @IsInt() @Min(1) id: number;
  @Field({ description: 'What the call found; 1–500 characters, no personal data' }) @IsString() @Length(1, 500) note: string;
}

@ObjectType()
export class DisclosureRequestPayload {
  @Field(() => DisclosureRequestObject) request: DisclosureRequestObject;
}

@ObjectType()
export class AdministrativeCasePayload {
  @Field(() => DisclosureCaseObject) administrativeCase: DisclosureCaseObject;
}

@ObjectType({ description: 'The applicant’s contact, revealed for the follow-up call; every reveal is recorded in the history' })
export class DisclosureContactPayload {
  @Field(() => Int) id: number;
  @Field() applicantName: string;
  @Field() contactPhone: string;
}

@ArgsType()
export class DisclosureRequestsArgs extends ConnectionArgs {
  @Field(() => DisclosureStatusEnum, { nullable: true }) @IsOptional() @IsIn(DISCLOSURE_STATUSES) status?: DisclosureStatus;
  @Field(() => ApplicantTypeEnum, { nullable: true }) @IsOptional() @IsIn(APPLICANT_TYPE_CODES) applicantType?: ApplicantType;
  @Field(() => OutcomeEnum, { nullable: true }) @IsOptional() @IsIn(OUTCOME_CODES) outcome?: Outcome;
  @Field(() => Int, { nullable: true, description: 'Received in this (Shanghai) year' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  receivedYear?: number;
  @Field({ nullable: true, description: 'Only open requests past their due date' }) @IsOptional() @IsBoolean() overdue?: boolean;
  @Field({ nullable: true, description: 'Only requests whose follow-up call is open' }) @IsOptional() @IsBoolean() callbackPending?: boolean;
}

@ArgsType()
export class DisclosureRequestArgs {
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) id?: number;
  @Field({ nullable: true, description: 'e.g. YSQ2026-0001' }) @IsOptional() @IsString() @Length(9, 20) ledgerNumber?: string;
}

@ArgsType()
export class DisclosureCasesArgs extends ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Filed in this (Shanghai) year' }) @IsOptional() @IsInt() @Min(2000) @Max(2100) year?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) requestId?: number;
  @Field(() => CaseKindEnum, { nullable: true, description: '行政复议, or 行政诉讼 directly / after review' }) @IsOptional() @IsIn(CASE_KIND_CODES) kind?: CaseKind;
  @Field(() => CaseResultEnum, { nullable: true, description: 'The result as recorded; PENDING for 尚未审结' }) @IsOptional() @IsIn(CASE_RESULT_CODES) result?: CaseResult;
}

@ArgsType()
export class DisclosureReportArgs {
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year: number;
}
