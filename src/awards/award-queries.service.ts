import { Injectable } from '@nestjs/common';
import { ReadRouting } from '../database/read-routing.js';
import { DataSource, In, IsNull, Not } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { hasRole } from '../auth/actor.js';
import type { Role } from '../auth/roles.js';
import { applyKeyset, toConnection, type ConnectionShape, countLater } from '../graphql/connection.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import { authorDisplay } from '../suggestions/dto/suggestion.object.js';
import { trackingNumberOf } from '../suggestions/tracking-number.js';
import { readText } from '../privacy/text-visibility.js';
import { AwardRoundEntity, settingsOfRound, type AwardRoundStatus } from './award-round.entity.js';
import { AWARD_GROUPS, explainUnit, WEIGHT_SCALE, type SatisfactionBasis, type UnitComponent, type UnitCounts } from './award-scoring.js';
import { AwardWinnerEntity } from './award-winner.entity.js';
import {
  score,
  toUnitScoreObject,
  type CitizenWinnerObject,
  type LeaderboardObject,
  type ScoreComponentObject,
  type SuggestionScoreObject,
  type UnitScoreExplanationObject,
} from './dto/award.objects.js';
import { parseQuarter } from '../calendar/quarters.js';
import { SATISFACTION_POINTS } from '../replies/satisfaction.js';
import { SuggestionScoreEntity } from './suggestion-score.entity.js';
import { UnitScoreEntity } from './unit-score.entity.js';

/** Who sees rounds before they are published. Everyone sees published ones. */
export const ROUND_VIEWERS: Role[] = ['COORDINATOR', 'ADMIN', 'AUDITOR'];

export const COMPONENT_TEXT: Record<UnitComponent, { label: string; definition: string }> = {
  response: { label: '响应率', definition: '本季度交办的主办件中按签收时限签收的件数 / 本季度交办的主办件数' },
  onTime: {
    label: '按时办结率',
    definition: '答复时限落在本季度且按时答复（已公开）的件数 / 答复时限落在本季度的件数（已公开答复 + 逾期仍未答复）',
  },
  satisfaction: { label: '满意率', definition: `本季度群众评价得分之和（满意 ${SATISFACTION_POINTS.SATISFIED}、基本满意 ${SATISFACTION_POINTS.BASICALLY_SATISFIED}、不满意 ${SATISFACTION_POINTS.UNSATISFIED}） / 评价次数` },
  adoption: { label: '采纳率', definition: '本季度公开答复中采纳或部分采纳的件数 / 本季度公开答复件数' },
  evaluator: { label: '评议得分', definition: '评议员评分点数之和 / 评议次数（每次 3–15 点）；得分 = (平均点数 − 3) / 12 × 100' },
};

/** How the satisfaction component treated reopened (重办) items, as the explanation says it. */
export const BASIS_TEXT: Record<SatisfactionBasis, string> = {
  EVERY_RATING: '重办件的每次评价都计入满意率',
  FINAL_RATING: '重办件只计本季度最终一次评价',
};

const GROUP_LABEL = { DEPARTMENT: '市直部门', COUNTY_DISTRICT: '县市区' } as const;
const STANDING_LABEL = { RANKED: '', BELOW_MINIMUM: '件数不足，不参与排名', NOTHING_DUE: '本季度无到期事项，单列' } as const;

/** Reads of award rounds: unpublished rounds only for the office; published ones for everyone. */
@Injectable()
export class AwardQueriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reads: ReadRouting,
  ) {}

  canSeeUnpublished(actor: Actor): boolean {
    return hasRole(actor, ...ROUND_VIEWERS);
  }

  async round(actor: Actor, quarterInput: string): Promise<AwardRoundEntity | null> {
    const quarter = parseQuarter(quarterInput);
    const round = await this.dataSource.getRepository(AwardRoundEntity).findOneBy({ quarter: quarter.key });
    if (!round || (round.status !== 'PUBLISHED' && !this.canSeeUnpublished(actor))) return null;
    return round;
  }

  async rounds(actor: Actor, args: { first: number; after?: string | null; status?: AwardRoundStatus | null }): Promise<ConnectionShape<AwardRoundEntity>> {
    const qb = this.dataSource.getRepository(AwardRoundEntity).createQueryBuilder('r');
    if (!this.canSeeUnpublished(actor)) qb.andWhere("r.status = 'PUBLISHED'");
    if (args.status) qb.andWhere('r.status = :status', { status: args.status });
    const total = countLater(qb);
    applyKeyset(qb, 'r.quarter', 'r.id', 'DESC', args.after);
    const rows = await qb.take(args.first + 1).getMany();
    return toConnection(rows, args.first, total, (r) => [r.quarter, r.id], (r) => r);
  }

  /** Unit scores of several rounds at once (for a DataLoader), each round's in group and position order. */
  /**
   * A round's unit scores and citizen shortlist for an export. A published round is final, so a
   * replica may serve it; a round the office is still working on is read from the primary.
   */
  async exportRows(round: AwardRoundEntity): Promise<{ units: UnitScoreEntity[]; citizens: SuggestionScoreObject[] }> {
    const read = async () => {
      const [[units], [citizens]] = await Promise.all([this.unitScoresByRound([round.id]), this.citizenShortlistByRound([round.id])]);
      return { units: units!, citizens: citizens! };
    };
    return round.status === 'PUBLISHED' ? this.reads.fromReplica(read) : read();
  }

  async unitScoresByRound(roundIds: readonly number[]): Promise<UnitScoreEntity[][]> {
    const rows = await this.dataSource.getRepository(UnitScoreEntity).find({ where: { roundId: In([...roundIds]) } });
    // Departments first, then counties and districts; within a group by position.
    rows.sort((a, b) => AWARD_GROUPS.indexOf(a.unitGroup) - AWARD_GROUPS.indexOf(b.unitGroup) || a.position - b.position);
    return roundIds.map((id) => rows.filter((r) => r.roundId === id));
  }

  /** The leading citizen places (ranked rows) of several rounds, with winners marked. */
  async citizenShortlistByRound(roundIds: readonly number[]): Promise<SuggestionScoreObject[][]> {
    const rows = await this.dataSource.getRepository(SuggestionScoreEntity).find({
      where: { roundId: In([...roundIds]), rank: Not(IsNull()) },
      order: { roundId: 'ASC', rank: 'ASC', suggestionId: 'ASC' },
    });
    const [suggestions, winners] = await Promise.all([this.suggestions(rows.map((r) => r.suggestionId)), this.winners(roundIds)]);
    return roundIds.map((id) => rows.filter((r) => r.roundId === id).map((r) => toSuggestionScore(r, suggestions.get(r.suggestionId), winners.get(`${id}:${r.suggestionId}`))));
  }

  /** Confirmed winners of several rounds, best placed first. */
  async winnersByRound(roundIds: readonly number[]): Promise<CitizenWinnerObject[][]> {
    const winners = await this.dataSource.getRepository(AwardWinnerEntity).find({ where: { roundId: In([...roundIds]) }, order: { id: 'ASC' } });
    if (!winners.length) return roundIds.map(() => []);
    const [scores, suggestions] = await Promise.all([
      this.dataSource.getRepository(SuggestionScoreEntity).find({ where: { roundId: In([...roundIds]), suggestionId: In(winners.map((w) => w.suggestionId)) } }),
      this.suggestions(winners.map((w) => w.suggestionId)),
    ]);
    const scoreOf = new Map(scores.map((s) => [`${s.roundId}:${s.suggestionId}`, s]));
    return roundIds.map((id) =>
      winners
        .filter((w) => w.roundId === id)
        .map((w) => {
          const s = suggestions.get(w.suggestionId);
          const sc = scoreOf.get(`${id}:${w.suggestionId}`);
          return {
            suggestionId: w.suggestionId,
            trackingNumber: s ? trackingNumberOf(s) : '',
            title: s ? readText('PUBLIC', 'AUTHOR_TEXT', s.title, s) : null,
            authorDisplay: s ? authorDisplay(s) : '匿名',
            citation: w.citation,
            composite: score(sc?.composite ?? 0)!,
            rank: sc?.rank ?? null,
          };
        })
        .sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.suggestionId - b.suggestionId),
    );
  }

  /** The public leaderboard of a published round (the latest one when no quarter is given). */
  leaderboard(quarterInput?: string | null): Promise<LeaderboardObject | null> {
    return this.reads.fromReplica(() => this.publishedLeaderboard(quarterInput));
  }

  private async publishedLeaderboard(quarterInput?: string | null): Promise<LeaderboardObject | null> {
    const repo = this.dataSource.getRepository(AwardRoundEntity);
    const round = quarterInput
      ? await repo.findOneBy({ quarter: parseQuarter(quarterInput).key, status: 'PUBLISHED' })
      : await repo.findOne({ where: { status: 'PUBLISHED' }, order: { quarter: 'DESC' } });
    if (!round || !round.publishedAt) return null;
    const [[units], [winners]] = await Promise.all([this.unitScoresByRound([round.id]), this.winnersByRound([round.id])]);
    const objects = units!.map(toUnitScoreObject);
    return {
      quarter: round.quarter,
      publishedAt: round.publishedAt,
      weights: weightsOf(round),
      minItemsToRank: round.settings.minItemsToRank,
      departments: objects.filter((u) => u.group === 'DEPARTMENT'),
      countiesAndDistricts: objects.filter((u) => u.group === 'COUNTY_DISTRICT'),
      citizenWinners: winners!,
    };
  }

  /** Every component of a unit's score with its numerator, denominator and weight. */
  async explainUnitScore(actor: Actor, quarterInput: string, unitId: number): Promise<UnitScoreExplanationObject | null> {
    const round = await this.round(actor, quarterInput);
    if (!round || round.status === 'DRAFT') return null;
    const row = await this.dataSource.getRepository(UnitScoreEntity).findOneBy({ roundId: round.id, unitId });
    if (!row) return null;
    const weights = round.settings.unitWeights;
    const basis = settingsOfRound(round).satisfactionBasis;
    const components: ScoreComponentObject[] = explainUnit(countsOf(row), weights).map((c) => ({
      key: c.key,
      label: COMPONENT_TEXT[c.key].label,
      definition: c.key === 'satisfaction' ? `${COMPONENT_TEXT.satisfaction.definition}（${BASIS_TEXT[basis]}）` : COMPONENT_TEXT[c.key].definition,
      numerator: c.numerator,
      denominator: c.denominator,
      value: score(c.value),
      weight: c.weight / WEIGHT_SCALE,
      effectiveWeight: c.effectiveWeight / WEIGHT_SCALE,
      contribution: c.contribution / 100,
    }));
    return {
      quarter: round.quarter,
      roundStatus: round.status,
      score: toUnitScoreObject(row),
      minItemsToRank: round.settings.minItemsToRank,
      satisfactionBasis: basis,
      components,
      summary: summarize(row, components, round.settings.minItemsToRank, basis),
    };
  }

  private async suggestions(ids: number[]): Promise<Map<number, SuggestionEntity>> {
    if (!ids.length) return new Map();
    const rows = await this.dataSource.getRepository(SuggestionEntity).find({
      select: { id: true, submittedAt: true, trackingNumber: true, title: true, consentToPublish: true, anonymous: true, authorName: true },
      where: { id: In([...new Set(ids)]) },
    });
    return new Map(rows.map((s) => [s.id, s]));
  }

  private async winners(roundIds: readonly number[]): Promise<Map<string, AwardWinnerEntity>> {
    const rows = await this.dataSource.getRepository(AwardWinnerEntity).findBy({ roundId: In([...roundIds]) });
    return new Map(rows.map((w) => [`${w.roundId}:${w.suggestionId}`, w]));
  }
}

export function weightsOf(round: AwardRoundEntity) {
  const w = round.settings.unitWeights;
  return {
    response: w.response / WEIGHT_SCALE,
    onTime: w.onTime / WEIGHT_SCALE,
    satisfaction: w.satisfaction / WEIGHT_SCALE,
    adoption: w.adoption / WEIGHT_SCALE,
    evaluator: w.evaluator / WEIGHT_SCALE,
  };
}

export function countsOf(row: UnitScoreEntity): UnitCounts {
  return {
    unitId: row.unitId,
    group: row.unitGroup,
    assigned: row.assignedCount,
    signedOnTime: row.signedOnTimeCount,
    repliesDue: row.repliesDueCount,
    repliedOnTime: row.repliedOnTimeCount,
    rated: row.ratedCount,
    satisfactionPoints: row.satisfactionPoints,
    replied: row.repliedCount,
    adopted: row.adoptedCount,
    reviews: row.reviewCount,
    reviewPoints: row.reviewPoints,
  };
}

export function toSuggestionScore(r: SuggestionScoreEntity, s: SuggestionEntity | undefined, winner: AwardWinnerEntity | undefined): SuggestionScoreObject {
  return {
    suggestionId: r.suggestionId,
    trackingNumber: s ? trackingNumberOf(s) : '',
    title: s ? readText('PUBLIC', 'AUTHOR_TEXT', s.title, s) : null,
    authorDisplay: s ? authorDisplay(s) : '匿名',
    unitId: r.unitId,
    adoption: r.adoption,
    adoptionScore: score(r.adoptionScore)!,
    supportCount: r.supportCount,
    supportScore: score(r.supportScore)!,
    reviewCount: r.reviewCount,
    evaluatorScore: score(r.evaluatorScore),
    composite: score(r.composite)!,
    rank: r.rank,
    nominated: r.nominated,
    winner: !!winner,
    citation: winner?.citation ?? null,
  };
}

const fmt = (v: number) => v.toFixed(2);
const pct = (w: number) => `${+(w * 100).toFixed(2)}%`;

function summarize(row: UnitScoreEntity, components: ScoreComponentObject[], minItems: number, basis: SatisfactionBasis): string {
  const used = components.filter((c) => c.value !== null && c.weight > 0);
  const dropped = components.filter((c) => c.value === null && c.weight > 0).map((c) => c.label);
  const terms = used.map((c) => `${c.label} ${fmt(c.value!)} × ${pct(c.effectiveWeight)}`).join(' + ');
  const parts = [
    row.composite === null ? '无可计算的分项，不计综合得分' : `综合得分 ${fmt(row.composite / 100)} = ${terms}`,
    dropped.length ? `${dropped.join('、')}无数据，其权重按比例分给其他分项` : '',
    BASIS_TEXT[basis],
    row.standing === 'RANKED'
      ? `${GROUP_LABEL[row.unitGroup]}第 ${row.rank} 名（同分先比满意率，再比到期件数）`
      : `${STANDING_LABEL[row.standing]}（到期件数 ${row.repliesDueCount}，至少 ${minItems} 件方可排名）`,
  ];
  return parts.filter(Boolean).join('；') + '。';
}
