import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { ConnectionArgs } from '../../graphql/connection.js';
import { SuggestionStatusEnum } from '../../suggestions/dto/suggestion.object.js';
import { SUGGESTION_STATUSES, type SuggestionStatus } from '../../suggestions/suggestion-workflow.js';
import { AdoptionEnum } from '../../replies/dto/reply.object.js';
import { ADOPTIONS, type Adoption } from '../../replies/reply.entity.js';

@ArgsType()
export class PublicSuggestionsArgs extends ConnectionArgs {
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) campaignId?: number | null;
  @Field(() => Int, { nullable: true, description: 'Lead unit' }) @IsOptional() @IsInt() @Min(1) unitId?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(50) category?: string | null;
  @Field(() => String, { nullable: true, description: 'One item by its tracking number (the public page of a suggestion)' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  trackingNumber?: string | null;
  @Field(() => SuggestionStatusEnum, { nullable: true }) @IsOptional() @IsIn(SUGGESTION_STATUSES) status?: SuggestionStatus | null;
  @Field(() => AdoptionEnum, { nullable: true, description: 'Exact adoption decision' })
  @IsOptional()
  @IsIn(ADOPTIONS)
  adoption?: Adoption | null;
  @Field(() => Boolean, { nullable: true, description: 'true: adopted or partly adopted; false: any other decision' })
  @IsOptional()
  @IsBoolean()
  adopted?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description: 'Full-text search in title and body; Chinese words of any length, latin words whole; every term must occur',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  query?: string | null;
}

@ArgsType()
export class UnitProfileArgs extends ConnectionArgs {
  @Field(() => Int) @IsInt() @Min(1) unitId: number;
}
