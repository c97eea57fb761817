import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { UnitObject } from '../../units/dto/unit.object.js';
import type { RoutingRuleEntity } from '../routing-rule.entity.js';

@ObjectType('RoutingRule', { description: 'Proposes lead and co-organiser units when every given condition matches' })
export class RoutingRuleObject {
  @Field(() => Int) id: number;
  @Field() name: string;
  @Field(() => Int, { nullable: true }) campaignId: number | null;
  @Field(() => String, { nullable: true }) category: string | null;
  @Field(() => [String]) keywords: string[];
  @Field(() => String, { nullable: true }) area: string | null;
  @Field(() => Int) leadUnitId: number;
  @Field(() => [Int]) coUnitIds: number[];
  @Field(() => Int) priority: number;
  @Field() active: boolean;
}

export function toRoutingRuleObject(r: RoutingRuleEntity): RoutingRuleObject {
  return { id: r.id, name: r.name, campaignId: r.campaignId, category: r.category, keywords: r.keywords, area: r.area, leadUnitId: r.leadUnitId, coUnitIds: r.coUnitIds, priority: r.priority, active: r.active };
}

@InputType()
export class CreateRoutingRuleInput {
  @Field() @IsString() @Length(2, 100) name: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) campaignId?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 50) category?: string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(30) @IsString({ each: true }) @Length(1, 30, { each: true }) keywords?: string[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(100) area?: string | null;
  @Field(() => Int) @IsInt() @Min(1) leadUnitId: number;
  @Field(() => [Int], { nullable: true }) @IsOptional() @ArrayMaxSize(10) @IsInt({ each: true }) coUnitIds?: number[] | null;
  @Field(() => Int, { nullable: true, description: 'Lower first; default 100' }) @IsOptional() @IsInt() @Min(0) @Max(10000) priority?: number | null;
}

@InputType({ description: 'A rule rewritten whole: the same fields and checks as createRoutingRule' })
export class UpdateRoutingRuleInput extends CreateRoutingRuleInput {
  @Field(() => Int) @IsInt() @Min(1) id: number;
}

@InputType()
export class SetRoutingRuleActiveInput {
  @Field(() => Int) @IsInt() @Min(1) id: number;
  @Field({ description: 'false: the rule proposes nothing until turned on again' }) @IsBoolean() active: boolean;
}

@ObjectType()
export class RoutingRulePayload {
  @Field(() => RoutingRuleObject) routingRule: RoutingRuleObject;
}

@ObjectType('RoutingProposal', { description: 'Units the platform proposes for an item, and the rule that matched' })
export class RoutingProposalObject {
  @Field(() => RoutingRuleObject, { nullable: true, description: 'null: no rule matched; route by hand' }) rule: RoutingRuleObject | null;
  @Field(() => UnitObject, { nullable: true }) leadUnit: UnitObject | null;
  @Field(() => [UnitObject]) coUnits: UnitObject[];
}
