import { ArgsType, Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Equals, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { Connection, ConnectionArgs } from '../../graphql/connection.js';
import { AdoptionEnum } from '../../replies/dto/reply.object.js';
import { IntakeChannelEnum, SuggestionStatusEnum } from '../../suggestions/dto/suggestion.object.js';
import type { IntakeChannel } from '../../suggestions/intake-channel.js';
import type { SuggestionStatus } from '../../suggestions/suggestion-workflow.js';
import { PERSONAL_DATA_ACTIONS, type PersonalDataAction, type PersonalDataEventEntity } from '../personal-data-event.entity.js';
import { messageKey } from '../../common/i18n/message.js';
import type { ReplyEntity } from '../../replies/reply.entity.js';
import type { SuggestionEntity } from '../../suggestions/suggestion.entity.js';
import { trackingNumberOf } from '../../suggestions/tracking-number.js';
import { counterText, WITHHELD } from '../text-visibility.js';

@ObjectType('PersonalDataExport', { description: 'Everything the platform holds about the signed-in resident' })
export class PersonalDataExportObject {
  @Field() generatedAt: Date;
  @Field({ description: 'A JSON document (format civicloop-personal-data/1): account, suggestions with their history and replies, ratings, supports, notifications, and who accessed your data' })
  json: string;
}

@InputType()
export class DeleteMyAccountInput {
  @Field({ description: 'Must be true: deletion cannot be undone' })
  @IsBoolean()
  @Equals(true, { message: messageKey('privacy.confirmDelete') })
  confirm: boolean;
}

@ObjectType()
export class DeleteMyAccountPayload {
  @Field() deleted: boolean;
  @Field(() => Int, { description: 'Your suggestions kept for the record and the statistics, without your name' })
  anonymisedSuggestions: number;
}

@InputType()
export class RevealContactInput {
  @Field(() => Int) @IsInt() @Min(1) suggestionId: number;
  @Field({ description: 'Why the contact is needed (recorded with your name and the time), 5–500 characters' })
  @IsString()
  @Length(5, 500)
  reason: string;
}

@ObjectType()
export class ContactRevealPayload {
  @Field(() => Int) suggestionId: number;
  @Field({ description: 'The author’s phone number, unmasked' }) phone: string;
  @Field({ description: 'The author’s name, unmasked' }) displayName: string;
  @Field(() => Int, { description: 'The audit record of this reveal' }) auditId: number;
  @Field() revealedAt: Date;
}

@ObjectType('PersonalDataEvent', { description: 'One access to a resident’s personal data: who, why, when' })
export class PersonalDataEventObject {
  @Field(() => Int) id: number;
  @Field({ description: 'REVEAL_CONTACT, EXPORT, DELETE_ACCOUNT or LOOKUP_BY_PHONE' }) action: string;
  @Field({ description: 'STAFF or RESIDENT' }) actorKind: string;
  @Field(() => Int) actorId: number;
  @Field(() => Int, { nullable: true }) actorUnitId: number | null;
  @Field(() => Int) residentId: number;
  @Field(() => Int, { nullable: true }) suggestionId: number | null;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field() at: Date;
}
export const PersonalDataEventConnection = Connection(PersonalDataEventObject, 'PersonalDataEvent');

export function toPersonalDataEventObject(e: PersonalDataEventEntity): PersonalDataEventObject {
  return { id: e.id, action: e.action, actorKind: e.actorKind, actorId: e.actorId, actorUnitId: e.actorUnitId, residentId: e.residentId, suggestionId: e.suggestionId, reason: e.reason, at: e.at };
}

@ArgsType()
export class PersonalDataEventsArgs extends ConnectionArgs {
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) residentId?: number | null;
  @Field(() => String, { nullable: true, description: 'REVEAL_CONTACT, EXPORT, DELETE_ACCOUNT or LOOKUP_BY_PHONE' })
  @IsOptional()
  @IsIn(PERSONAL_DATA_ACTIONS)
  action?: PersonalDataAction | null;
}

@ArgsType()
export class ResidentItemsByPhoneArgs extends ConnectionArgs {
  @Field({ description: 'The resident’s mobile number, as they give it at the counter' }) @IsString() @Length(11, 20) phone: string;
  @Field({ description: 'Why you look (recorded with your name and the time), 5–500 characters' }) @IsString() @Length(5, 500) reason: string;
}

@ObjectType('CounterReply', { description: 'A published answer, as handed to the resident at the counter (masked)' })
export class CounterReplyObject {
  @Field(() => Int) unitId: number;
  @Field() body: string;
  @Field(() => AdoptionEnum) adoption: string;
  @Field(() => String, { nullable: true }) notAdoptedReason: string | null;
  @Field(() => Date, { nullable: true }) publishedAt: Date | null;
}

@ObjectType('CounterItem', { description: 'One of a resident’s items as counter staff hand it out: status, masked words, the office’s words to the resident and published answers; never internal notes' })
export class CounterItemObject {
  @Field(() => Int) id: number;
  @Field() trackingNumber: string;
  @Field(() => SuggestionStatusEnum) status: SuggestionStatus;
  @Field() category: string;
  @Field(() => IntakeChannelEnum) channel: IntakeChannel;
  @Field(() => String, { nullable: true }) title: string | null;
  @Field(() => String, { nullable: true, description: 'Why the office rejected or closed it' }) closeReason: string | null;
  @Field() submittedAt: Date;
  @Field(() => Date, { nullable: true }) replyDueAt: Date | null;
  @Field(() => Date, { nullable: true }) ratingDueAt: Date | null;
  @Field(() => [CounterReplyObject]) replies: CounterReplyObject[];
}
export const CounterItemConnection = Connection(CounterItemObject, 'CounterItem');

/** An item found at the counter, with its published replies (residentItemsByPhone). */
export interface CounterItem {
  suggestion: SuggestionEntity;
  replies: ReplyEntity[];
}

/** What the counter may hand out: texts through the counter rule of the text policy (masked, never internal notes). */
export function toCounterItemObject({ suggestion: s, replies }: CounterItem): CounterItemObject {
  return {
    id: s.id,
    trackingNumber: trackingNumberOf(s),
    status: s.status,
    category: s.category,
    channel: s.channel,
    title: counterText('AUTHOR_TEXT', s.title, s),
    closeReason: counterText('TO_AUTHOR', s.closeReason, s),
    submittedAt: s.submittedAt,
    replyDueAt: s.replyDueAt,
    ratingDueAt: s.ratingDueAt,
    replies: replies.map((r) => ({
      unitId: r.unitId,
      body: counterText('ANSWER', r.body, { ...s, published: true }) ?? WITHHELD,
      adoption: r.adoption,
      notAdoptedReason: counterText('ANSWER', r.notAdoptedReason, { ...s, published: true }),
      publishedAt: r.publishedAt,
    })),
  };
}
