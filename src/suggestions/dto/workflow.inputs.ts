import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { messageKey } from '../../common/i18n/message.js';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_ITEM } from '../../photos/photo-rules.js';
import { ConnectionArgs } from '../../graphql/connection.js';
import { ADOPTIONS, type Adoption } from '../../replies/reply.entity.js';
import { RATING_LEVELS, type RatingLevel } from '../../replies/rating.entity.js';
import { AdoptionEnum, RatingLevelEnum, RatingObject, ReplyObject } from '../../replies/dto/reply.object.js';
import { ExtensionRequestObject } from '../../assignments/dto/assignment.object.js';
import { SuggestionObject } from './suggestion.object.js';

const VersionField = () =>
  Field(() => Int, { nullable: true, description: 'The version you saw; a stale one answers CONFLICT' });

@InputType()
export class AssignSuggestionInput {
  @Field(() => [Int], { description: 'One or many items (up to 100), assigned together' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  suggestionIds: number[];
  @Field(() => Int) @IsInt() @Min(1) leadUnitId: number;
  @Field(() => [Int], { nullable: true }) @IsOptional() @ArrayMaxSize(10) @IsInt({ each: true }) coUnitIds?: number[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) note?: string | null;
}

@InputType()
export class SuggestionReasonInput {
  @Field(() => Int) @IsInt() @Min(1) suggestionId: number;
  @Field() @IsString() @Length(2, 500) reason: string;
  @VersionField() @IsOptional() @IsInt() expectedVersion?: number | null;
}

@InputType()
export class MergeSuggestionInput {
  @Field(() => Int) @IsInt() @Min(1) suggestionId: number;
  @Field(() => Int, { description: 'The suggestion this one duplicates' }) @IsInt() @Min(1) targetId: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) note?: string | null;
}

@InputType()
export class SuggestionIdInput {
  @Field(() => Int) @IsInt() @Min(1) suggestionId: number;
  @VersionField() @IsOptional() @IsInt() expectedVersion?: number | null;
}

@InputType()
export class TransferSuggestionInput {
  @Field(() => Int) @IsInt() @Min(1) suggestionId: number;
  @Field(() => Int) @IsInt() @Min(1) leadUnitId: number;
  @Field(() => [Int], { nullable: true }) @IsOptional() @ArrayMaxSize(10) @IsInt({ each: true }) coUnitIds?: number[] | null;
  @Field() @IsString() @Length(2, 500) reason: string;
  @VersionField() @IsOptional() @IsInt() expectedVersion?: number | null;
}

@InputType()
export class ProgressNoteInput {
  @Field(() => Int) @IsInt() @Min(1) suggestionId: number;
  @Field() @IsString() @Length(1, 2000) note: string;
}

@InputType()
export class ContributeInput {
  @Field(() => Int) @IsInt() @Min(1) suggestionId: number;
  @Field() @IsString() @Length(1, 5000) contribution: string;
}

@InputType()
export class RequestExtensionInput {
  @Field(() => Int) @IsInt() @Min(1) suggestionId: number;
  @Field() @IsString() @Length(2, 500) reason: string;
  @Field(() => Int, { description: 'Working days beyond the current reply deadline (1–20)' }) @IsInt() @Min(1) @Max(20) extraWorkingDays: number;
}

@InputType()
export class DecideExtensionInput {
  @Field(() => Int) @IsInt() @Min(1) requestId: number;
  @Field() @IsBoolean() approve: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) note?: string | null;
}

@InputType()
export class ReplyContentInput {
  @Field() @IsString() @Length(10, 10000) body: string;
  @Field(() => AdoptionEnum) @IsIn(ADOPTIONS) adoption: Adoption;
  @Field(() => String, { nullable: true, description: 'Required when NOT_ADOPTED' }) @IsOptional() @IsString() @MaxLength(500) notAdoptedReason?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) templateId?: number | null;
}

@InputType()
export class ReplyToSuggestionInput extends ReplyContentInput {
  @Field(() => Int) @IsInt() @Min(1) suggestionId: number;
  @VersionField() @IsOptional() @IsInt() expectedVersion?: number | null;
  @Field(() => [String], {
    nullable: true,
    description: `Upload ids from POST /photos (JPEG, PNG, WebP or HEIC, at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB each), at most ${MAX_PHOTOS_PER_ITEM}; each your own and not yet attached`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PHOTOS_PER_ITEM)
  @Matches(/^[0-9a-f]{32}$/, { each: true, message: messageKey('format.photoId') })
  photoIds?: string[] | null;
}

@InputType()
export class ReplyToSuggestionsInput extends ReplyContentInput {
  @Field(() => [Int]) @ArrayMinSize(1) @ArrayMaxSize(100) @IsInt({ each: true }) suggestionIds: number[];
}

@InputType()
export class ReviewReplyInput {
  @Field(() => Int) @IsInt() @Min(1) replyId: number;
  @Field({ description: 'true approves and publishes; false sends back to the unit' }) @IsBoolean() approve: boolean;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) note?: string | null;
}

@InputType()
export class RateReplyInput {
  @Field(() => Int) @IsInt() @Min(1) replyId: number;
  @Field(() => RatingLevelEnum) @IsIn(RATING_LEVELS) level: RatingLevel;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) comment?: string | null;
}

@ObjectType()
export class SuggestionPayload {
  @Field(() => SuggestionObject) suggestion: SuggestionObject;
}

@ObjectType()
export class SuggestionsPayload {
  @Field(() => [SuggestionObject]) suggestions: SuggestionObject[];
}

@ObjectType()
export class ReplyPayload {
  @Field(() => SuggestionObject) suggestion: SuggestionObject;
  @Field(() => ReplyObject) reply: ReplyObject;
}

@ObjectType()
export class RepliesPayload {
  @Field(() => [ReplyPayload]) results: ReplyPayload[];
}

@ObjectType()
export class RatingPayload {
  @Field(() => SuggestionObject) suggestion: SuggestionObject;
  @Field(() => RatingObject) rating: RatingObject;
}

@ObjectType()
export class ExtensionRequestPayload {
  @Field(() => ExtensionRequestObject) extensionRequest: ExtensionRequestObject;
}

export const InboxFilter = {
  AWAITING_SIGNATURE: 'AWAITING_SIGNATURE',
  IN_PROGRESS: 'IN_PROGRESS',
  DUE_SOON: 'DUE_SOON',
  OVERDUE: 'OVERDUE',
  REOPENED: 'REOPENED',
  IN_REVIEW: 'IN_REVIEW',
} as const;
export type InboxFilter = (typeof InboxFilter)[keyof typeof InboxFilter];
registerEnumType(InboxFilter, { name: 'InboxFilter', description: 'DUE_SOON: reply due within 2 working days' });

@ArgsType()
export class UnitInboxArgs extends ConnectionArgs {
  @Field(() => InboxFilter, { nullable: true }) @IsOptional() @IsIn(Object.values(InboxFilter)) filter?: InboxFilter | null;
  @Field(() => Boolean, { nullable: true, description: 'Items where your unit is a co-organiser (协办) instead of lead' }) @IsOptional() @IsBoolean() asCoOrganiser?: boolean | null;
}

@ArgsType()
export class ScreeningQueueArgs extends ConnectionArgs {
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) campaignId?: number | null;
}

@ArgsType()
export class OverdueBoardArgs extends ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Only items led by this unit' }) @IsOptional() @IsInt() @Min(1) unitId?: number | null;
}
