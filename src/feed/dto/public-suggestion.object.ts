import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../graphql/connection.js';
import { SuggestionStatusEnum } from '../../suggestions/dto/suggestion.object.js';
import { authorDisplay } from '../../suggestions/dto/suggestion.object.js';
import type { SuggestionEntity } from '../../suggestions/suggestion.entity.js';
import type { SuggestionStatus } from '../../suggestions/suggestion-workflow.js';
import { trackingNumberOf } from '../../suggestions/tracking-number.js';
import { AdoptionEnum } from '../../replies/dto/reply.object.js';
import type { Adoption, ReplyEntity } from '../../replies/reply.entity.js';
import { UnitObject } from '../../units/dto/unit.object.js';
import { publicText, readText, WITHHELD } from '../../privacy/text-visibility.js';

// What the public sees of a published suggestion. Built only from whitelisted fields, its free
// text read as the public reads it (src/privacy/text-visibility.ts): the same masked text the
// public search indexes.

@ObjectType('PublicReply', { description: 'The published reply of the lead unit' })
export class PublicReplyObject {
  @Field(() => Int) id: number;
  @Field(() => Int) unitId: number;
  @Field() body: string;
  @Field(() => AdoptionEnum) adoption: Adoption;
  @Field(() => String, { nullable: true }) notAdoptedReason: string | null;
  @Field({ description: 'Replied by the deadline in force (按时办结)' }) onTime: boolean;
  @Field() publishedAt: Date;
  /** Not in the schema: the item whose visibility its photos follow. */
  suggestionId: number;
  published: boolean;
}

/** `authorName`: the suggestion's author, whose name a reply may address. */
export function toPublicReplyObject(r: ReplyEntity, item: { authorName: string | null; consentToPublish: boolean }): PublicReplyObject {
  const facts = { ...item, published: r.status === 'PUBLISHED' };
  return {
    id: r.id,
    unitId: r.unitId,
    body: readText('PUBLIC', 'ANSWER', r.body, facts) ?? WITHHELD,
    adoption: r.adoption,
    notAdoptedReason: readText('PUBLIC', 'ANSWER', r.notAdoptedReason, facts),
    onTime: r.onTime,
    publishedAt: r.publishedAt!,
    suggestionId: r.suggestionId,
    published: r.status === 'PUBLISHED',
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
  /** Not in the schema: lets the reply resolver read the reply as the public may. */
  authorName: string | null;
  consentToPublish: boolean;
  published: boolean;
}

/** The columns a public suggestion is made of: all a feed page reads (in this order). */
export const PUBLIC_SUGGESTION_COLUMNS = [
  'id',
  'trackingNumber',
  'campaignId',
  'title',
  'body',
  'category',
  'location',
  'consentToPublish',
  'anonymous',
  'authorName',
  'status',
  'leadUnitId',
  'adoption',
  'published',
  'closedAt',
  'submittedAt',
] as const satisfies readonly (keyof SuggestionEntity)[];

/** A feed page's row: the columns a public suggestion is made of. */
export type PublicSuggestionRow = Pick<SuggestionEntity, (typeof PUBLIC_SUGGESTION_COLUMNS)[number]>;

export function toPublicSuggestionObject(s: PublicSuggestionRow): PublicSuggestionObject {
  // Only published items (consent given) reach here; the masked text is what the search indexes.
  return {
    id: s.id,
    trackingNumber: trackingNumberOf(s),
    campaignId: s.campaignId,
    title: publicText(s.title, s),
    body: publicText(s.body, s),
    category: s.category,
    location: s.location === null ? null : publicText(s.location, s),
    status: s.status,
    authorDisplay: authorDisplay(s),
    adoption: s.adoption as Adoption | null,
    leadUnitId: s.leadUnitId,
    submittedAt: s.submittedAt,
    closedAt: s.closedAt,
    authorName: s.authorName,
    consentToPublish: s.consentToPublish,
    published: s.published,
  };
}

export const PublicSuggestionConnection = Connection(PublicSuggestionObject, 'PublicSuggestion', { estimatedCount: true });

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
