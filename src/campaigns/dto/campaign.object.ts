import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CAMPAIGN_STATUSES, type CampaignEntity, type CampaignStatus } from '../campaign.entity.js';
import { Connection } from '../../graphql/connection.js';

export const CampaignStatusEnum = Object.fromEntries(CAMPAIGN_STATUSES.map((k) => [k, k])) as { [K in CampaignStatus]: K };
registerEnumType(CampaignStatusEnum, { name: 'CampaignStatus' });

@ObjectType('Campaign', { description: 'A numbered suggestion campaign (第N期)' })
export class CampaignObject {
  @Field(() => Int) id: number;
  @Field(() => Int) year: number;
  @Field(() => Int, { description: 'N in 第N期, unique within the year' }) number: number;
  @Field({ description: 'e.g. 2026年第3期' }) label: string;
  @Field() title: string;
  @Field() topic: string;
  @Field() description: string;
  @Field() opensAt: Date;
  @Field() closesAt: Date;
  @Field(() => CampaignStatusEnum) status: CampaignStatus;
  @Field(() => [String]) categories: string[];
  @Field(() => Int) signDays: number;
  @Field(() => Int) replyDays: number;
  @Field(() => Int) reopenReplyDays: number;
  @Field(() => Int) ratingWindowDays: number;
  @Field(() => Int) maxReopens: number;
  @Field() requireReplyReview: boolean;
  @Field(() => String, { nullable: true }) prizeText: string | null;
}

export function toCampaignObject(c: CampaignEntity): CampaignObject {
  return {
    id: c.id,
    year: c.year,
    number: c.number,
    label: `${c.year}年第${c.number}期`,
    title: c.title,
    topic: c.topic,
    description: c.description,
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    status: c.status,
    categories: c.categories,
    signDays: c.signDays,
    replyDays: c.replyDays,
    reopenReplyDays: c.reopenReplyDays,
    ratingWindowDays: c.ratingWindowDays,
    maxReopens: c.maxReopens,
    requireReplyReview: c.requireReplyReview,
    prizeText: c.prizeText,
  };
}

@ObjectType()
export class CampaignCounts {
  @Field(() => Int) received: number;
  @Field(() => Int, { description: 'Replied or closed with a reply' }) replied: number;
  @Field(() => Int, { description: 'Adopted or partly adopted' }) adopted: number;
}

export const CampaignConnection = Connection(CampaignObject, 'Campaign');
