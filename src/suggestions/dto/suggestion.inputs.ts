import { ArgsType, Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsIn, IsOptional, IsString, Length, Matches, MaxLength, Min } from 'class-validator';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_ITEM } from '../../photos/photo-rules.js';
import { ConnectionArgs } from '../../graphql/connection.js';
import { SUGGESTION_STATUSES, type SuggestionStatus } from '../suggestion-workflow.js';
import { IntakeChannelEnum, SuggestionObject, SuggestionStatusEnum } from './suggestion.object.js';
import { RECORDED_CHANNELS, type IntakeChannel } from '../intake-channel.js';
import { messageKey } from '../../common/i18n/message.js';

@InputType()
export class SubmitSuggestionInput {
  @Field(() => Int) @IsInt() @Min(1) campaignId: number;
  @Field({ description: '1–100 characters' }) @IsString() @Length(1, 100) title: string;
  @Field({ description: '10–5,000 characters' }) @IsString() @Length(10, 5000) body: string;
  @Field({ description: 'One of the campaign’s categories' }) @IsString() @Length(1, 50) category: string;
  @Field({ nullable: true, description: 'Area or location, free text' }) @IsOptional() @IsString() @MaxLength(200) location?: string;
  @Field({ description: 'May the suggestion and its reply be shown publicly (masked)?' }) @IsBoolean() consentToPublish: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Show as 匿名 instead of the masked name (default false)' })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean | null;
  @Field({ description: 'Client-chosen key: resending the same key and content returns the same suggestion' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]{8,64}$/, { message: messageKey('format.idempotencyKey') })
  idempotencyKey: string;
  @Field(() => [String], {
    nullable: true,
    description: `Upload ids from POST /photos (JPEG, PNG, WebP or HEIC, at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB each), at most ${MAX_PHOTOS_PER_ITEM}; each your own and not yet attached. A resent submission with the same idempotency key attaches nothing again`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PHOTOS_PER_ITEM)
  @Matches(/^[0-9a-f]{32}$/, { each: true, message: messageKey('format.photoId') })
  photoIds?: string[] | null;
}

@InputType({ description: 'A suggestion recorded by office or counter staff for a resident (代录); consent is recorded as given in person' })
export class RecordSuggestionInput extends SubmitSuggestionInput {
  @Field({ description: 'The resident’s mainland mobile number: they get the notices and see the item when they sign in with it' })
  @IsString()
  @Length(11, 20)
  phone: string;
  @Field(() => IntakeChannelEnum, { description: 'How the resident reached us (not ONLINE)' })
  @IsIn(RECORDED_CHANNELS)
  channel: Exclude<IntakeChannel, 'ONLINE'>;
  @Field(() => String, { nullable: true, description: 'The resident’s name, for a new account (default 居民 + last 4 digits)' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  residentName?: string | null;
}

@ObjectType()
export class SubmitSuggestionPayload {
  @Field(() => SuggestionObject) suggestion: SuggestionObject;
  @Field({ description: 'True when this key was seen before and the earlier suggestion is returned' }) replayed: boolean;
}

@ArgsType()
export class MySuggestionsArgs extends ConnectionArgs {
  @Field(() => SuggestionStatusEnum, { nullable: true }) @IsOptional() @IsIn(SUGGESTION_STATUSES) status?: SuggestionStatus;
}

@ArgsType()
export class TrackSuggestionArgs {
  @Field() @IsString() @Length(9, 30) trackingNumber: string;
}
