import { ArgsType, Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { CAMPAIGN_STATUSES, type CampaignStatus } from '../campaign.entity.js';
import { CampaignObject, CampaignStatusEnum } from './campaign.object.js';
import { ConnectionArgs } from '../../graphql/connection.js';
import { DEFAULT_DEADLINES } from '../../suggestions/suggestion-deadlines.js';

@InputType()
export class CreateCampaignInput {
  @Field(() => Int) @IsInt() @Min(2000) @Max(2100) year: number;
  @Field(() => Int, { nullable: true, description: 'N in 第N期; omit for the next number of the year' }) @IsOptional() @IsInt() @Min(1) @Max(999) number?: number | null;
  @Field() @IsString() @Length(2, 100) title: string;
  @Field() @IsString() @Length(2, 100) topic: string;
  @Field() @IsString() @Length(1, 5000) description: string;
  @Field() @Type(() => Date) @IsDate() opensAt: Date;
  @Field() @Type(() => Date) @IsDate() closesAt: Date;
  @Field(() => [String])
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  categories: string[];
  @Field(() => Int, { nullable: true, description: `Working days to sign; default ${DEFAULT_DEADLINES.signDays}` }) @IsOptional() @IsInt() @Min(1) @Max(10) signDays?: number;
  @Field(() => Int, { nullable: true, description: `Working days to reply; default ${DEFAULT_DEADLINES.replyDays}` }) @IsOptional() @IsInt() @Min(1) @Max(60) replyDays?: number;
  @Field(() => Int, { nullable: true, description: `Working days to reply after a reopen; default ${DEFAULT_DEADLINES.reopenReplyDays}` }) @IsOptional() @IsInt() @Min(1) @Max(60) reopenReplyDays?: number;
  @Field(() => Int, { nullable: true, description: `Calendar days to rate a reply; default ${DEFAULT_DEADLINES.ratingWindowDays}` }) @IsOptional() @IsInt() @Min(1) @Max(60) ratingWindowDays?: number;
  @Field(() => Int, { nullable: true, description: 'Reopens allowed after unsatisfied ratings; default 1' }) @IsOptional() @IsInt() @Min(0) @Max(5) maxReopens?: number;
  @Field({ nullable: true, description: 'Replies need the coordinator’s approval; default false' }) @IsOptional() @IsBoolean() requireReplyReview?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) prizeText?: string;
}

@InputType()
export class CampaignIdInput {
  @Field(() => Int) @IsInt() @Min(1) id: number;
}

@ObjectType()
export class CampaignPayload {
  @Field(() => CampaignObject) campaign: CampaignObject;
}

@ArgsType()
export class CampaignsArgs extends ConnectionArgs {
  @Field(() => CampaignStatusEnum, { nullable: true }) @IsOptional() @IsIn(CAMPAIGN_STATUSES) status?: CampaignStatus;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(2000) @Max(2100) year?: number;
}
