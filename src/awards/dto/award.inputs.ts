import { ArgsType, Field, Float, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '../../graphql/connection.js';
import { MAX_CITIZEN_NOMINEES, SATISFACTION_BASES, type SatisfactionBasis } from '../award-scoring.js';
import { AWARD_ROUND_STATUSES, type AwardRoundStatus } from '../award-round.entity.js';
import { AwardRoundStatusEnum, SatisfactionBasisEnum } from './award.objects.js';

const quarterField = { description: 'Quarter, e.g. 2026Q3 (Shanghai calendar quarters)' };

@InputType()
export class AwardQuarterInput {
  @Field(quarterField) @IsString() @MaxLength(10) quarter: string;
}

@InputType({ description: 'Unit weights, decimals between 0 and 1 (at most four places) summing to exactly 1' })
export class AwardWeightsInput {
  @Field(() => Float, { description: '响应率: signed on time / assigned' }) @IsNumber() @Min(0) @Max(1) response: number;
  @Field(() => Float, { description: '按时办结率: replied on time / replies due' }) @IsNumber() @Min(0) @Max(1) onTime: number;
  @Field(() => Float, { description: '满意率: mean of 100 / 80 / 0 over rated items' }) @IsNumber() @Min(0) @Max(1) satisfaction: number;
  @Field(() => Float, { description: '采纳率: adopted or partly adopted / replies published' }) @IsNumber() @Min(0) @Max(1) adoption: number;
  @Field(() => Float, { description: '评议得分: evaluator rubric, 0–100' }) @IsNumber() @Min(0) @Max(1) evaluator: number;
}

@InputType({ description: 'Citizen-award weights, decimals between 0 and 1 summing to exactly 1' })
export class CitizenAwardWeightsInput {
  @Field(() => Float) @IsNumber() @Min(0) @Max(1) adoption: number;
  @Field(() => Float) @IsNumber() @Min(0) @Max(1) evaluator: number;
  @Field(() => Float) @IsNumber() @Min(0) @Max(1) support: number;
}

@InputType()
export class SetAwardWeightsInput {
  @Field(quarterField) @IsString() @MaxLength(10) quarter: string;
  @Field(() => AwardWeightsInput) @ValidateNested() @Type(() => AwardWeightsInput) weights: AwardWeightsInput;
  @Field(() => CitizenAwardWeightsInput, { nullable: true, description: 'Kept as they are when omitted' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CitizenAwardWeightsInput)
  citizenWeights?: CitizenAwardWeightsInput | null;
  @Field(() => Int, { nullable: true, description: 'Replies due a unit needs in the quarter to be ranked (1–1000)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  minItemsToRank?: number | null;
  @Field(() => Int, { nullable: true, description: `Citizen suggestions nominated (0–${MAX_CITIZEN_NOMINEES})` })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CITIZEN_NOMINEES)
  citizenNominees?: number | null;
  @Field(() => SatisfactionBasisEnum, { nullable: true, description: 'Satisfaction basis for reopened (重办) items; kept as it is when omitted' })
  @IsOptional()
  @IsIn(SATISFACTION_BASES)
  satisfactionBasis?: SatisfactionBasis | null;
}

@InputType()
export class CitizenAwardInput {
  @Field(() => Int) @IsInt() @Min(1) suggestionId: number;
  @Field({ description: 'Why it won (颁奖词), 2–500 characters' }) @IsString() @Length(2, 500) citation: string;
}

@InputType()
export class ConfirmCitizenAwardsInput {
  @Field(quarterField) @IsString() @MaxLength(10) quarter: string;
  @Field(() => [CitizenAwardInput], { description: 'The complete list of winners; earlier confirmations not listed are withdrawn' })
  @ArrayMaxSize(MAX_CITIZEN_NOMINEES)
  @ValidateNested({ each: true })
  @Type(() => CitizenAwardInput)
  winners: CitizenAwardInput[];
}

@InputType()
export class SupportSuggestionInput {
  @Field(() => Int) @IsInt() @Min(1) suggestionId: number;
}

@ArgsType()
export class AwardRoundArgs {
  @Field(quarterField) @IsString() @MaxLength(10) quarter: string;
}

@ArgsType()
export class AwardRoundsArgs extends ConnectionArgs {
  @Field(() => AwardRoundStatusEnum, { nullable: true }) @IsOptional() @IsIn(AWARD_ROUND_STATUSES) status?: AwardRoundStatus | null;
}

@ArgsType()
export class LeaderboardArgs {
  @Field(() => String, { nullable: true, description: 'A published quarter; the latest published one when omitted' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  quarter?: string | null;
}

@ArgsType()
export class ExplainUnitScoreArgs {
  @Field(quarterField) @IsString() @MaxLength(10) quarter: string;
  @Field(() => Int) @IsInt() @Min(1) unitId: number;
}

@ArgsType()
export class SuggestionSupportArgs {
  @Field(() => Int) @IsInt() @Min(1) suggestionId: number;
}
