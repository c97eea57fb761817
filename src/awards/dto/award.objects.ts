import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../graphql/connection.js';
import { AWARD_ROUND_STATUSES, settingsOfRound, type AwardRoundEntity, type AwardRoundStatus } from '../award-round.entity.js';
import {
  AWARD_GROUPS,
  SATISFACTION_BASES,
  UNIT_COMPONENTS,
  weightsToDecimals,
  type AwardGroup,
  type Centi,
  type SatisfactionBasis,
  type Standing,
  type UnitComponent,
} from '../award-scoring.js';
import type { UnitScoreEntity } from '../unit-score.entity.js';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const AwardRoundStatusEnum = enumOf(AWARD_ROUND_STATUSES);
registerEnumType(AwardRoundStatusEnum, { name: 'AwardRoundStatus', description: 'DRAFT → COMPUTED → PUBLISHED (frozen)' });
export const AwardGroupEnum = enumOf(AWARD_GROUPS);
registerEnumType(AwardGroupEnum, { name: 'AwardGroup', description: 'DEPARTMENT (市直部门); COUNTY_DISTRICT (县市区)' });
export const UnitStandingEnum = enumOf(['RANKED', 'BELOW_MINIMUM', 'NOTHING_DUE'] as const);
registerEnumType(UnitStandingEnum, {
  name: 'UnitStanding',
  description: 'RANKED; BELOW_MINIMUM (shown, not ranked: too few replies due); NOTHING_DUE (nothing assigned or due in the quarter, listed apart)',
});
export const AwardComponentEnum = enumOf(UNIT_COMPONENTS);
registerEnumType(AwardComponentEnum, {
  name: 'AwardComponent',
  description: 'response 响应率, onTime 按时办结率, satisfaction 满意率, adoption 采纳率, evaluator 评议得分',
});

export const SatisfactionBasisEnum = enumOf(SATISFACTION_BASES);
registerEnumType(SatisfactionBasisEnum, {
  name: 'SatisfactionBasis',
  description: 'Which ratings of a reopened (重办) item count towards satisfaction: EVERY_RATING (每次评价都计) or FINAL_RATING (仅计最终评价: per item, the last rating of the quarter)',
});

/** Centi-points (0–10000) as the 0–100 scores the API shows. */
export const score = (v: Centi | null): number | null => (v === null ? null : v / 100);

@ObjectType('AwardWeights', { description: 'Unit weights, summing to 1' })
export class AwardWeightsObject {
  @Field(() => Float) response: number;
  @Field(() => Float) onTime: number;
  @Field(() => Float) satisfaction: number;
  @Field(() => Float) adoption: number;
  @Field(() => Float) evaluator: number;
}

@ObjectType('CitizenAwardWeights', { description: 'Citizen-award weights, summing to 1' })
export class CitizenAwardWeightsObject {
  @Field(() => Float) adoption: number;
  @Field(() => Float) evaluator: number;
  @Field(() => Float) support: number;
}

@ObjectType('AwardRound', { description: 'One quarter’s 最佳服务之星 and 最佳民众建言奖, with the settings snapshot it was computed with' })
export class AwardRoundObject {
  @Field(() => Int) id: number;
  @Field() quarter: string;
  @Field(() => AwardRoundStatusEnum) status: AwardRoundStatus;
  @Field(() => AwardWeightsObject) weights: AwardWeightsObject;
  @Field(() => CitizenAwardWeightsObject) citizenWeights: CitizenAwardWeightsObject;
  @Field(() => Int, { description: 'Replies due a unit needs to be ranked' }) minItemsToRank: number;
  @Field(() => Int, { description: 'Citizen places nominated' }) citizenNominees: number;
  @Field(() => SatisfactionBasisEnum, { description: 'Satisfaction basis for reopened items, snapshotted with the weights' }) satisfactionBasis: SatisfactionBasis;
  @Field(() => Int, { description: 'Adopted suggestions of the quarter that were scored' }) citizenCandidates: number;
  @Field(() => Date, { nullable: true }) computedAt: Date | null;
  @Field(() => Date, { nullable: true }) publishedAt: Date | null;
}

export function toAwardRoundObject(r: AwardRoundEntity): AwardRoundObject {
  return {
    id: r.id,
    quarter: r.quarter,
    status: r.status,
    weights: weightsToDecimals(r.settings.unitWeights),
    citizenWeights: weightsToDecimals(r.settings.citizenWeights),
    minItemsToRank: r.settings.minItemsToRank,
    citizenNominees: r.settings.citizenNominees,
    satisfactionBasis: settingsOfRound(r).satisfactionBasis,
    citizenCandidates: r.citizenCandidates,
    computedAt: r.computedAt,
    publishedAt: r.publishedAt,
  };
}

@ObjectType('UnitScore', { description: 'A unit’s quarter: every count, every component (0–100) and the composite' })
export class UnitScoreObject {
  @Field(() => Int) unitId: number;
  @Field() unitCode: string;
  @Field() unitName: string;
  @Field(() => AwardGroupEnum) group: AwardGroup;
  @Field(() => UnitStandingEnum) standing: Standing;
  @Field(() => Int, { nullable: true, description: 'Within the group; equal units share a rank' }) rank: number | null;
  @Field(() => Float, { nullable: true }) composite: number | null;
  @Field(() => Float, { nullable: true, description: '响应率' }) responseRate: number | null;
  @Field(() => Float, { nullable: true, description: '按时办结率' }) onTimeRate: number | null;
  @Field(() => Float, { nullable: true, description: '满意率; null when nothing was rated' }) satisfaction: number | null;
  @Field(() => Float, { nullable: true, description: '采纳率' }) adoptionRate: number | null;
  @Field(() => Float, { nullable: true, description: '评议得分; null without reviews' }) evaluatorScore: number | null;
  @Field(() => Int, { description: 'Volume: replies due in the quarter' }) volume: number;
  @Field(() => Int) assignedCount: number;
  @Field(() => Int) signedOnTimeCount: number;
  @Field(() => Int) repliesDueCount: number;
  @Field(() => Int) repliedOnTimeCount: number;
  @Field(() => Int) ratedCount: number;
  @Field(() => Int) repliedCount: number;
  @Field(() => Int) adoptedCount: number;
  @Field(() => Int) reviewCount: number;
}

export function toUnitScoreObject(u: UnitScoreEntity): UnitScoreObject {
  return {
    unitId: u.unitId,
    unitCode: u.unitCode,
    unitName: u.unitName,
    group: u.unitGroup,
    standing: u.standing,
    rank: u.rank,
    composite: score(u.composite),
    responseRate: score(u.responseRate),
    onTimeRate: score(u.onTimeRate),
    satisfaction: score(u.satisfaction),
    adoptionRate: score(u.adoptionRate),
    evaluatorScore: score(u.evaluatorScore),
    volume: u.repliesDueCount,
    assignedCount: u.assignedCount,
    signedOnTimeCount: u.signedOnTimeCount,
    repliesDueCount: u.repliesDueCount,
    repliedOnTimeCount: u.repliedOnTimeCount,
    ratedCount: u.ratedCount,
    repliedCount: u.repliedCount,
    adoptedCount: u.adoptedCount,
    reviewCount: u.reviewCount,
  };
}

@ObjectType('SuggestionScore', { description: 'An adopted suggestion scored for 最佳民众建言奖; the author is masked' })
export class SuggestionScoreObject {
  @Field(() => Int) suggestionId: number;
  @Field() trackingNumber: string;
  @Field(() => String, { nullable: true, description: 'Only when the author consented to publication' }) title: string | null;
  @Field({ description: 'Masked author (张*) or 匿名' }) authorDisplay: string;
  @Field(() => Int, { nullable: true }) unitId: number | null;
  @Field({ description: 'ADOPTED or PARTIALLY_ADOPTED' }) adoption: string;
  @Field(() => Float) adoptionScore: number;
  @Field(() => Int) supportCount: number;
  @Field(() => Float) supportScore: number;
  @Field(() => Int) reviewCount: number;
  @Field(() => Float, { nullable: true }) evaluatorScore: number | null;
  @Field(() => Float) composite: number;
  @Field(() => Int, { nullable: true }) rank: number | null;
  @Field() nominated: boolean;
  @Field() winner: boolean;
  @Field(() => String, { nullable: true }) citation: string | null;
}

@ObjectType('CitizenAwardWinner', { description: 'A 最佳民众建言奖 winner as the public sees it' })
export class CitizenWinnerObject {
  @Field(() => Int) suggestionId: number;
  @Field() trackingNumber: string;
  @Field(() => String, { nullable: true }) title: string | null;
  @Field() authorDisplay: string;
  @Field() citation: string;
  @Field(() => Float) composite: number;
  @Field(() => Int, { nullable: true }) rank: number | null;
}

@ObjectType('AwardLeaderboard', { description: 'A published round for everyone: units by group and the citizen winners' })
export class LeaderboardObject {
  @Field() quarter: string;
  @Field() publishedAt: Date;
  @Field(() => AwardWeightsObject) weights: AwardWeightsObject;
  @Field(() => Int) minItemsToRank: number;
  @Field(() => [UnitScoreObject]) departments: UnitScoreObject[];
  @Field(() => [UnitScoreObject]) countiesAndDistricts: UnitScoreObject[];
  @Field(() => [CitizenWinnerObject]) citizenWinners: CitizenWinnerObject[];
}

@ObjectType('ScoreComponent', { description: 'One part of a unit’s composite: how it was counted and what it weighed' })
export class ScoreComponentObject {
  @Field(() => AwardComponentEnum) key: UnitComponent;
  @Field({ description: 'Chinese name, e.g. 响应率' }) label: string;
  @Field({ description: 'What the numerator and denominator count' }) definition: string;
  @Field(() => Int) numerator: number;
  @Field(() => Int) denominator: number;
  @Field(() => Float, { nullable: true, description: '0–100; null when the denominator is 0 (the weight then passes to the others)' })
  value: number | null;
  @Field(() => Float, { description: 'Configured weight' }) weight: number;
  @Field(() => Float, { description: 'Weight after components without a value dropped out' }) effectiveWeight: number;
  @Field(() => Float, { description: 'effectiveWeight × value' }) contribution: number;
}

@ObjectType('UnitScoreExplanation', { description: 'How a unit’s score arose' })
export class UnitScoreExplanationObject {
  @Field() quarter: string;
  @Field(() => AwardRoundStatusEnum) roundStatus: AwardRoundStatus;
  @Field(() => UnitScoreObject) score: UnitScoreObject;
  @Field(() => Int) minItemsToRank: number;
  @Field(() => SatisfactionBasisEnum, { description: 'Which ratings of reopened items the satisfaction component counted' }) satisfactionBasis: SatisfactionBasis;
  @Field(() => [ScoreComponentObject]) components: ScoreComponentObject[];
  @Field({ description: 'The whole calculation in one sentence' }) summary: string;
}

@ObjectType('AwardRoundPayload')
export class AwardRoundPayload {
  @Field(() => AwardRoundObject) round: AwardRoundObject;
}

@ObjectType('SuggestionSupport', { description: 'Public support (附议) for a published suggestion' })
export class SuggestionSupportObject {
  @Field(() => Int) suggestionId: number;
  @Field(() => Int) supportCount: number;
  @Field({ description: 'The signed-in resident supports it' }) supportedByMe: boolean;
}

@ObjectType('SupportSuggestionPayload')
export class SupportSuggestionPayload {
  @Field(() => SuggestionSupportObject) support: SuggestionSupportObject;
}

export const AwardRoundConnection = Connection(AwardRoundObject, 'AwardRound');
