import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { ConnectionArgs } from '../../graphql/connection.js';
import { OPINION_STATUSES, type OpinionStatus } from '../evaluator-opinion.entity.js';
import { OpinionStatusEnum } from './evaluation.objects.js';
import { Untrimmed } from '../../graphql/trim-inputs.js';
import { messageKey } from '../../common/i18n/message.js';

const mark = (label: string) => ({ description: `${label}, a whole mark from 1 to 5` });

@InputType()
export class EvaluateReplyInput {
  @Field(() => Int) @IsInt() @Min(1) replyId: number;
  @Field(() => Int, mark('Timeliness (及时性)')) @IsInt() @Min(1) @Max(5) timeliness: number;
  @Field(() => Int, mark('Substance (答复质量)')) @IsInt() @Min(1) @Max(5) substance: number;
  @Field(() => Int, mark('Attitude (服务态度)')) @IsInt() @Min(1) @Max(5) attitude: number;
  @Field(() => String, { nullable: true, description: 'Optional opinion (评议意见), up to 2,000 characters; the office answers it' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  opinion?: string | null;
}

@InputType()
export class AnswerEvaluatorOpinionInput {
  @Field(() => Int) @IsInt() @Min(1) opinionId: number;
  @Field({ description: 'The office’s answer (1–2,000 characters); answering closes the opinion' }) @IsString() @Length(1, 2000) answer: string;
}

@InputType()
export class CreateEvaluatorInput {
  @Field() @IsString() @Matches(/^[a-z0-9_.-]{3,64}$/, { message: messageKey('format.username') }) username: string;
  @Field() @IsString() @Length(1, 100) displayName: string;
  @Field({ description: 'Initial password, 12–200 characters; the evaluator should change it' }) @Untrimmed() @IsString() @Length(12, 200) @Matches(/\S/, { message: 'must not be blank' }) password: string;
}

@InputType()
export class SetEvaluatorActiveInput {
  @Field(() => Int) @IsInt() @Min(1) id: number;
  @Field() @IsBoolean() active: boolean;
}

@ArgsType()
export class EvaluatorsArgs extends ConnectionArgs {
  @Field({ nullable: true, description: 'Include deactivated accounts (default false)' }) @IsOptional() @IsBoolean() includeInactive?: boolean;
}

@ArgsType()
export class RepliesForEvaluationArgs extends ConnectionArgs {
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) unitId?: number | null;
  @Field({ nullable: true, description: 'Only replies you have not reviewed yet' }) @IsOptional() @IsBoolean() unreviewedOnly?: boolean;
}

@ArgsType()
export class EvaluatorReviewsArgs extends ConnectionArgs {
  @Field(() => OpinionStatusEnum, { nullable: true, description: 'Only reviews with an opinion in this status' })
  @IsOptional()
  @IsIn(OPINION_STATUSES)
  opinionStatus?: OpinionStatus | null;
  @Field({ nullable: true, description: 'Only reviews that carry an opinion' }) @IsOptional() @IsBoolean() withOpinionOnly?: boolean;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) unitId?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) replyId?: number | null;
}
