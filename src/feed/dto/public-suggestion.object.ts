import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../graphql/connection.js';
import { SuggestionStatusEnum } from '../../suggestions/dto/suggestion.object.js';
import { authorDisplay } from '../../suggestions/dto/suggestion.object.js';
import type { SuggestionEntity } from '../../suggestions/suggestion.entity.js';
import type { SuggestionStatus } from '../../suggestions/suggestion-workflow.js';
import { formatTrackingNumber } from '../../suggestions/tracking-number.js';
import { AdoptionEnum } from '../../replies/dto/reply.object.js';
import type { Adoption, ReplyEntity } from '../../replies/reply.entity.js';
import { UnitObject } from '../../units/dto/unit.object.js';
import { maskPersonalText, maskPersonalTextOrNull } from '../public-text.js';

// What the public sees of a published suggestion. Built only from whitelisted fields:
// no author id, no names but the masked display, phone and ID numbers masked in free text.

@ObjectType('PublicReply', { description: 'The published reply of the lead unit' })
export class PublicReplyObject {
  @Field(() => Int) id: number;
  @Field(() => Int) unitId: number;
  @Field() body: string;
  @Field(() => AdoptionEnum) adoption: Adoption;
  @Field(() => String, { nullable: true }) notAdoptedReason: string | null;
  @Field({ description: 'Replied by the deadline in force (按时办结)' }) onTime: boolean;
  @Field() publishedAt: Date;
}

/** `authorName`: the suggestion's author, whose name a reply may address. */
export function toPublicReplyObject(r: ReplyEntity, authorName: string | null): PublicReplyObject {
  const names = [authorName];
  return {
    id: r.id,
    unitId: r.unitId,
    body: maskPersonalText(r.body, names),
    adoption: r.adoption,
    notAdoptedReason: maskPersonalTextOrNull(r.notAdoptedReason, names),
    onTime: r.onTime,
    publishedAt: r.publishedAt!,
  };
}

@ObjectType('PublicSuggestion', { description: 'A suggestion published with its author’s consent; personal data masked' })
export class PublicSuggestionObject {
  @Field(() => Int) id: number;
  @Field({ description: 'Ledger number, e.g. JY20260001234' }) trackingNumber: string;
  @Field(() => Int) campaignId: number;
  @Field() title: string;
  @Field() body: string;
  @Field() category: string;
  @Field(() => String, { nullable: true }) location: string | null;
  @Field(() => SuggestionStatusEnum) status: SuggestionStatus;
  @Field({ description: 'Masked author name (张*), or 匿名' }) authorDisplay: string;
  @Field(() => AdoptionEnum, { nullable: true }) adoption: Adoption | null;
  @Field(() => Int, { nullable: true }) leadUnitId: number | null;
  @Field() submittedAt: Date;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  /** Not in the schema: lets the reply resolver mask the author's name in the reply text. */
  authorName: string | null;
}

export function toPublicSuggestionObject(s: SuggestionEntity): PublicSuggestionObject {
  const names = [s.authorName];
  return {
    id: s.id,
    trackingNumber: formatTrackingNumber(s.id, s.submittedAt),
    campaignId: s.campaignId,
    title: maskPersonalText(s.title, names),
    body: maskPersonalText(s.body, names),
    category: s.category,
    location: maskPersonalTextOrNull(s.location, names),
    status: s.status,
    authorDisplay: authorDisplay(s),
    adoption: s.adoption as Adoption | null,
    leadUnitId: s.leadUnitId,
    submittedAt: s.submittedAt,
    closedAt: s.closedAt,
    authorName: s.authorName,
  };
}

export const PublicSuggestionConnection = Connection(PublicSuggestionObject, 'PublicSuggestion');

@ObjectType('UnitProfile', { description: 'A unit’s public page: its published items and how it answers' })
export class UnitProfileObject {
  @Field(() => UnitObject) unit: UnitObject;
  @Field(() => Int, { description: 'Published replies (all time)' }) repliesPublished: number;
  @Field(() => Int) repliesOnTime: number;
  @Field(() => Float, { nullable: true, description: 'On-time reply rate, percent (按时办结率); null before any reply' })
  onTimeReplyRate: number | null;
  @Field(() => Int, { description: 'Lead assignments whose sign deadline has come' }) signsDue: number;
  @Field(() => Int) signedOnTime: number;
  @Field(() => Float, { nullable: true, description: 'On-time sign rate, percent (响应率)' }) onTimeSignRate: number | null;
  @Field(() => Int, { description: 'Ratings of its replies' }) rated: number;
  @Field(() => Float, { nullable: true, description: 'Satisfaction 0–100 (满意 100, 基本满意 80, 不满意 0); null before any rating' })
  satisfaction: number | null;
  @Field(() => Int, { description: 'Items adopted or partly adopted' }) adopted: number;
  @Field(() => PublicSuggestionConnection, { description: 'Its published items as lead unit, newest first' })
  items: InstanceType<typeof PublicSuggestionConnection>;
}
