import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SUGGESTION_STATUSES, type SuggestionStatus } from '../suggestion-workflow.js';
import type { SuggestionEntity } from '../suggestion.entity.js';
import type { TimelineEventEntity } from '../timeline-event.entity.js';
import { trackingNumberOf } from '../tracking-number.js';
import { maskName } from '../../common/masking.js';
import { Connection } from '../../graphql/connection.js';
import { readText, type Standing } from '../../privacy/text-visibility.js';
import { INTAKE_CHANNELS, type IntakeChannel } from '../intake-channel.js';

export const SuggestionStatusEnum = Object.fromEntries(SUGGESTION_STATUSES.map((k) => [k, k])) as {
  [K in SuggestionStatus]: K;
};
registerEnumType(SuggestionStatusEnum, { name: 'SuggestionStatus' });

export const IntakeChannelEnum = Object.fromEntries(INTAKE_CHANNELS.map((k) => [k, k])) as { [K in IntakeChannel]: K };
registerEnumType(IntakeChannelEnum, {
  name: 'IntakeChannel',
  description: 'ONLINE: submitted by the resident; COUNTER, PHONE, LETTER, HOTLINE_12345: recorded by staff for the resident (代录)',
});

@ObjectType('TimelineEvent', { description: 'One step in the history of a suggestion' })
export class TimelineEventObject {
  @Field(() => Int) id: number;
  @Field() at: Date;
  @Field() action: string;
  @Field({ description: 'RESIDENT, STAFF or SYSTEM; never a name' }) actorKind: string;
  @Field(() => Int, { nullable: true, description: 'The unit that acted, if any' }) unitId: number | null;
  @Field(() => String, { nullable: true }) fromStatus: string | null;
  @Field(() => String, { nullable: true }) toStatus: string | null;
  // `note` is resolved per reader (ItemTextResolver); not in the schema from here.
  suggestionId: number;
  rawNote: string | null;
}

export function toTimelineEventObject(e: TimelineEventEntity): TimelineEventObject {
  return {
    id: e.id,
    at: e.at,
    action: e.action,
    actorKind: e.actorKind,
    unitId: e.unitId,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    suggestionId: e.suggestionId,
    rawNote: e.note,
  };
}

@ObjectType('Suggestion', { description: 'A resident suggestion (建言), personal data masked' })
export class SuggestionObject {
  @Field(() => Int) id: number;
  @Field({ description: 'Ledger number, e.g. JY2026K7M3Q9X2HF (older items JY20260001234)' }) trackingNumber: string;
  @Field(() => Int) campaignId: number;
  @Field() category: string;
  @Field(() => SuggestionStatusEnum) status: SuggestionStatus;
  @Field({ description: 'Masked author name (张*), or 匿名' }) authorDisplay: string;
  @Field() consentToPublish: boolean;
  @Field() anonymous: boolean;
  @Field(() => IntakeChannelEnum, { description: 'How it reached the office; never who recorded it' }) channel: IntakeChannel;
  @Field(() => Int, { nullable: true }) leadUnitId: number | null;
  @Field(() => Date, { nullable: true }) signDueAt: Date | null;
  @Field(() => Date, { nullable: true }) replyDueAt: Date | null;
  @Field(() => Date, { nullable: true }) ratingDueAt: Date | null;
  @Field(() => Int) reopenCount: number;
  @Field(() => Int, { nullable: true }) mergedIntoId: number | null;
  @Field(() => String, { nullable: true, description: 'Adoption decision of the published reply' }) adoption: string | null;
  @Field(() => Int, { description: 'Optimistic-lock version' }) version: number;
  @Field() submittedAt: Date;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  // Not in the schema: what field resolvers need to decide who sees what. The free text
  // (title, body, location, closeReason) is resolved per reader by SuggestionFieldsResolver.
  authorId: number | null;
  authorName: string | null;
  published: boolean;
  /** Resolved per reader (SuggestionFieldsResolver.recordedById): staff only. */
  recordedById: number | null;
  consentInPerson: boolean;
  raw: { title: string; body: string; location: string | null; closeReason: string | null };
}

export function authorDisplay(s: Pick<SuggestionEntity, 'anonymous' | 'authorName'>): string {
  return s.anonymous || !s.authorName ? '匿名' : maskName(s.authorName);
}

export function toSuggestionObject(s: SuggestionEntity): SuggestionObject {
  return {
    id: s.id,
    trackingNumber: trackingNumberOf(s),
    campaignId: s.campaignId,
    category: s.category,
    status: s.status,
    authorDisplay: authorDisplay(s),
    consentToPublish: s.consentToPublish,
    anonymous: s.anonymous,
    channel: s.channel,
    leadUnitId: s.leadUnitId,
    signDueAt: s.signDueAt,
    replyDueAt: s.replyDueAt,
    ratingDueAt: s.ratingDueAt,
    reopenCount: s.reopenCount,
    mergedIntoId: s.mergedIntoId,
    adoption: s.adoption,
    version: s.version,
    submittedAt: s.submittedAt,
    closedAt: s.closedAt,
    authorId: s.authorId,
    authorName: s.authorName,
    published: s.published,
    recordedById: s.recordedById,
    consentInPerson: s.consentInPerson,
    raw: { title: s.title, body: s.body, location: s.location, closeReason: s.closeReason },
  };
}

@ObjectType('SuggestionTracking', {
  description: 'What anyone holding a tracking number may see: status, stages with dates, and only the text your standing on the item allows (masked)',
})
export class SuggestionTrackingObject {
  @Field() trackingNumber: string;
  @Field(() => SuggestionStatusEnum) status: SuggestionStatus;
  @Field(() => Int) campaignId: number;
  @Field() category: string;
  @Field(() => String, { nullable: true }) title: string | null;
  @Field() authorDisplay: string;
  @Field() submittedAt: Date;
  @Field(() => Date, { nullable: true }) replyDueAt: Date | null;
  @Field(() => Int, { nullable: true }) leadUnitId: number | null;
  @Field(() => [TimelineEventObject]) timeline: TimelineEventObject[];
}

/** What tracking shows, by the caller's standing on the item (the text policy); notes are resolved per reader by TimelineTextResolver. */
export function toSuggestionTrackingObject(s: SuggestionEntity, standing: Standing, events: TimelineEventEntity[]): SuggestionTrackingObject {
  return {
    trackingNumber: trackingNumberOf(s),
    status: s.status,
    campaignId: s.campaignId,
    category: s.category,
    title: readText(standing, 'AUTHOR_TEXT', s.title, s),
    authorDisplay: authorDisplay(s),
    submittedAt: s.submittedAt,
    replyDueAt: s.replyDueAt,
    leadUnitId: s.leadUnitId,
    timeline: events.map(toTimelineEventObject),
  };
}

export const SuggestionConnection = Connection(SuggestionObject, 'Suggestion');
