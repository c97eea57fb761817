import type { EntityManager } from 'typeorm';
import { isSqlite } from '../database/dialect.js';
import { AssignmentEntity } from '../assignments/assignment.entity.js';
import { ReplyEntity } from '../replies/reply.entity.js';
import { RatingEntity } from '../replies/rating.entity.js';
import { adoptedSql } from '../replies/adoption.js';
import { satisfactionPointsSql } from '../replies/satisfaction.js';
import { owesReplySql } from '../suggestions/reply-owed.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import { UnitEntity } from '../units/unit.entity.js';
import { EvaluatorReviewEntity } from '../evaluations/evaluator-review.entity.js';
import {
  ADOPTION_POINTS,
  CENTI,
  CITIZEN_SHORTLIST,
  finalRatingOnly,
  groupOfUnitKind,
  rankCitizens,
  scoreUnits,
  type AwardSettings,
  type UnitCounts,
} from './award-scoring.js';
import type { Quarter } from '../calendar/quarters.js';
import { SuggestionScoreEntity } from './suggestion-score.entity.js';
import { UnitScoreEntity } from './unit-score.entity.js';

// The quarterly computation (docs/awards.md). The database does the counting: one GROUP BY
// per measure over a covering index, a row per unit coming back. Citizen candidates can be
// many, so they are scored inside the database (INSERT … SELECT, then UPDATEs in integer
// arithmetic that mirrors award-scoring.ts exactly) and only the leading places come back.

const SCORED_UNIT_KINDS = ['DEPARTMENT', 'COUNTY', 'DISTRICT'];

export interface ComputedTotals {
  units: number;
  citizenCandidates: number;
}

/** Replaces a round's score rows with freshly computed ones; runs inside the caller's transaction. */
export async function computeRoundScores(em: EntityManager, roundId: number, quarter: Quarter, settings: AwardSettings): Promise<ComputedTotals> {
  await em.delete(UnitScoreEntity, { roundId });
  await em.delete(SuggestionScoreEntity, { roundId });
  const units = await computeUnitScores(em, roundId, quarter, settings);
  const citizenCandidates = await computeCitizenScores(em, roundId, quarter, settings);
  return { units, citizenCandidates };
}

// ---------------------------------------------------------------------------------------------
// Units

type Row = Record<string, string | number | null>;
const num = (v: unknown): number => Number(v ?? 0);

async function computeUnitScores(em: EntityManager, roundId: number, q: Quarter, settings: AwardSettings): Promise<number> {
  const window = { start: q.start, end: q.end };
  // One after another: they share the transaction's connection anyway.
  const response = await em
    .getRepository(AssignmentEntity)
    .createQueryBuilder('a')
    .select('a.unitId', 'unitId')
    .addSelect('COUNT(*)', 'assigned')
    .addSelect('SUM(CASE WHEN a.signedAt IS NOT NULL AND a.signedAt <= a.signDueAt THEN 1 ELSE 0 END)', 'signedOnTime')
    .where("a.role = 'LEAD'")
    .andWhere('a.assignedAt >= :start AND a.assignedAt < :end', window)
    .groupBy('a.unitId')
    .getRawMany<Row>();
  const due = await em
    .getRepository(ReplyEntity)
    .createQueryBuilder('r')
    .select('r.unitId', 'unitId')
    .addSelect('COUNT(*)', 'due')
    .addSelect('SUM(CASE WHEN r.onTime = 1 THEN 1 ELSE 0 END)', 'onTime')
    .where("r.status = 'PUBLISHED'")
    .andWhere('r.dueAt >= :start AND r.dueAt < :end', window)
    .groupBy('r.unitId')
    .getRawMany<Row>();
  const overdue = await em
    .getRepository(SuggestionEntity)
    .createQueryBuilder('s')
    .select('s.leadUnitId', 'unitId')
    .addSelect('COUNT(*)', 'overdue')
    .where(owesReplySql('s.status'))
    .andWhere('s.replyDueAt >= :start AND s.replyDueAt < :end', window)
    .andWhere('s.leadUnitId IS NOT NULL')
    .groupBy('s.leadUnitId')
    .getRawMany<Row>();
  const ratingsQb = em
    .getRepository(RatingEntity)
    .createQueryBuilder('g')
    .select('g.unitId', 'unitId')
    .addSelect('COUNT(*)', 'rated')
    .addSelect(`SUM(${satisfactionPointsSql('g.level')})`, 'points')
    .where('g.createdAt >= :start AND g.createdAt < :end', window);
  if (finalRatingOnly(settings.satisfactionBasis)) {
    // award-scoring.ts countedRatings: per item and unit, only the quarter's last rating counts.
    ratingsQb.andWhere((qb) => {
      const later = qb
        .subQuery()
        .select('1')
        .from(RatingEntity, 'g2')
        .where('g2.suggestionId = g.suggestionId AND g2.unitId = g.unitId AND g2.id > g.id')
        .andWhere('g2.createdAt >= :start AND g2.createdAt < :end')
        .getQuery();
      return `NOT EXISTS ${later}`;
    });
  }
  const ratings = await ratingsQb.groupBy('g.unitId').getRawMany<Row>();
  const adoption = await em
    .getRepository(ReplyEntity)
    .createQueryBuilder('r')
    .select('r.unitId', 'unitId')
    .addSelect('COUNT(*)', 'replied')
    .addSelect(`SUM(CASE WHEN ${adoptedSql('r.adoption')} THEN 1 ELSE 0 END)`, 'adopted')
    .where("r.status = 'PUBLISHED'")
    .andWhere('r.publishedAt >= :start AND r.publishedAt < :end', window)
    .groupBy('r.unitId')
    .getRawMany<Row>();
  const reviews = await em
    .getRepository(EvaluatorReviewEntity)
    .createQueryBuilder('e')
    .select('e.unitId', 'unitId')
    .addSelect('COUNT(*)', 'reviews')
    .addSelect('SUM(e.timeliness + e.substance + e.attitude)', 'points')
    .where('e.replyPublishedAt >= :start AND e.replyPublishedAt < :end', window)
    .groupBy('e.unitId')
    .getRawMany<Row>();

  const units = await em
    .getRepository(UnitEntity)
    .createQueryBuilder('u')
    .where('u.kind IN (:...kinds)', { kinds: SCORED_UNIT_KINDS })
    .orderBy('u.id', 'ASC')
    .getMany();
  const counts = new Map<number, UnitCounts>();
  for (const u of units) {
    counts.set(u.id, {
      unitId: u.id,
      group: groupOfUnitKind(u.kind)!,
      assigned: 0,
      signedOnTime: 0,
      repliesDue: 0,
      repliedOnTime: 0,
      rated: 0,
      satisfactionPoints: 0,
      replied: 0,
      adopted: 0,
      reviews: 0,
      reviewPoints: 0,
    });
  }
  const add = (rows: Row[], apply: (c: UnitCounts, r: Row) => void) => {
    for (const r of rows) {
      const c = counts.get(num(r.unitId));
      if (c) apply(c, r); // units of other kinds (offices) are not scored
    }
  };
  add(response, (c, r) => ((c.assigned = num(r.assigned)), (c.signedOnTime = num(r.signedOnTime))));
  add(due, (c, r) => ((c.repliesDue += num(r.due)), (c.repliedOnTime = num(r.onTime))));
  add(overdue, (c, r) => (c.repliesDue += num(r.overdue)));
  add(ratings, (c, r) => ((c.rated = num(r.rated)), (c.satisfactionPoints = num(r.points))));
  add(adoption, (c, r) => ((c.replied = num(r.replied)), (c.adopted = num(r.adopted))));
  add(reviews, (c, r) => ((c.reviews = num(r.reviews)), (c.reviewPoints = num(r.points))));

  const byId = new Map(units.map((u) => [u.id, u]));
  const active = (c: UnitCounts) =>
    byId.get(c.unitId)!.active || c.assigned + c.repliesDue + c.rated + c.replied + c.reviews > 0;
  const results = scoreUnits([...counts.values()].filter(active), settings);
  const positions = new Map<string, number>();
  const rows = results.map((r) => {
    const position = (positions.get(r.group) ?? 0) + 1;
    positions.set(r.group, position);
    const unit = byId.get(r.unitId)!;
    return {
      roundId,
      unitId: r.unitId,
      unitCode: unit.code,
      unitName: unit.name,
      unitGroup: r.group,
      position,
      standing: r.standing,
      rank: r.rank,
      assignedCount: r.assigned,
      signedOnTimeCount: r.signedOnTime,
      repliesDueCount: r.repliesDue,
      repliedOnTimeCount: r.repliedOnTime,
      ratedCount: r.rated,
      satisfactionPoints: r.satisfactionPoints,
      repliedCount: r.replied,
      adoptedCount: r.adopted,
      reviewCount: r.reviews,
      reviewPoints: r.reviewPoints,
      responseRate: r.components.response,
      onTimeRate: r.components.onTime,
      satisfaction: r.components.satisfaction,
      adoptionRate: r.components.adoption,
      evaluatorScore: r.components.evaluator,
      composite: r.composite,
    };
  });
  for (let i = 0; i < rows.length; i += 200) await em.insert(UnitScoreEntity, rows.slice(i, i + 200));
  return rows.length;
}

// ---------------------------------------------------------------------------------------------
// Citizens

/** Portable raw SQL: named parameters escaped by the driver, identifiers quoted for the dialect. */
function dialect(em: EntityManager) {
  const driver = em.connection.driver;
  const sqlite = isSqlite(em);
  return {
    q: (name: string) => driver.escape(name),
    run: <T = unknown>(sql: string, params: Record<string, unknown> = {}): Promise<T> => {
      const [text, values] = driver.escapeQueryWithParameters(sql, params);
      return em.query(text, values);
    },
    /** round(n / d) halves up, as roundDiv in award-scoring.ts: (2n + d) DIV (2d). Operands are integers. */
    roundDiv: (n: string, d: string) => (sqlite ? `((2 * (${n}) + (${d})) / (2 * (${d})))` : `((2 * (${n}) + (${d})) DIV (2 * (${d})))`),
  };
}

/** Integers only go into SQL text; anything else is a programming error. */
function int(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return String(n);
}

async function computeCitizenScores(em: EntityManager, roundId: number, q: Quarter, settings: AwardSettings): Promise<number> {
  const d = dialect(em);
  const c = (name: string) => d.q(name);
  const fullyAdopted = `MAX(CASE WHEN r.${c('adoption')} = 'ADOPTED' THEN 1 ELSE 0 END)`;
  // One row per suggestion adopted (in whole or part) by a reply published in the quarter,
  // whose author still has an account (a deleted author cannot be awarded).
  await d.run(
    `INSERT INTO ${c('suggestion_scores')} (${[
      'roundId', 'suggestionId', 'unitId', 'adoption', 'adoptionScore', 'supportCount', 'supportScore',
      'reviewCount', 'reviewPoints', 'evaluatorScore', 'composite', 'rank', 'nominated',
    ].map(c).join(', ')})
     SELECT ${int(roundId)}, r.${c('suggestionId')}, MAX(r.${c('unitId')}),
       CASE WHEN ${fullyAdopted} = 1 THEN 'ADOPTED' ELSE 'PARTIALLY_ADOPTED' END,
       CASE WHEN ${fullyAdopted} = 1 THEN ${int(ADOPTION_POINTS.ADOPTED)} ELSE ${int(ADOPTION_POINTS.PARTIALLY_ADOPTED)} END,
       (SELECT COUNT(*) FROM ${c('suggestion_supports')} sp WHERE sp.${c('suggestionId')} = r.${c('suggestionId')}),
       0,
       (SELECT COUNT(*) FROM ${c('evaluator_reviews')} er WHERE er.${c('suggestionId')} = r.${c('suggestionId')}),
       (SELECT COALESCE(SUM(er.${c('timeliness')} + er.${c('substance')} + er.${c('attitude')}), 0)
          FROM ${c('evaluator_reviews')} er WHERE er.${c('suggestionId')} = r.${c('suggestionId')}),
       NULL, 0, NULL, 0
     FROM ${c('replies')} r
     INNER JOIN ${c('suggestions')} s ON s.${c('id')} = r.${c('suggestionId')}
     WHERE r.${c('status')} = 'PUBLISHED'
       AND r.${c('publishedAt')} >= :start AND r.${c('publishedAt')} < :end
       AND ${adoptedSql(`r.${c('adoption')}`)}
       AND s.${c('authorId')} IS NOT NULL
     GROUP BY r.${c('suggestionId')}`,
    { start: q.start, end: q.end },
  );
  const stats = await em
    .getRepository(SuggestionScoreEntity)
    .createQueryBuilder('x')
    .select('COUNT(*)', 'candidates')
    .addSelect('MAX(x.supportCount)', 'maxSupport')
    .where('x.roundId = :roundId', { roundId })
    .getRawOne<Row>();
  const candidates = num(stats?.candidates);
  if (candidates === 0) return 0;
  const maxSupport = num(stats?.maxSupport);

  const scope = `WHERE ${c('roundId')} = ${int(roundId)}`;
  const support = maxSupport > 0 ? d.roundDiv(`${int(CENTI)} * ${c('supportCount')}`, int(maxSupport)) : '0';
  const evaluator = `CASE WHEN ${c('reviewCount')} > 0 THEN ${d.roundDiv(
    `${int(CENTI)} * (${c('reviewPoints')} - 3 * ${c('reviewCount')})`,
    `12 * ${c('reviewCount')}`,
  )} ELSE NULL END`;
  await d.run(`UPDATE ${c('suggestion_scores')} SET ${c('supportScore')} = ${support}, ${c('evaluatorScore')} = ${evaluator} ${scope}`);

  // Weighted sum over the components present (award-scoring.ts weightedComposite): without
  // reviews the evaluator's weight drops out and the other two are scaled up.
  const w = settings.citizenWeights;
  const base = `${int(w.adoption)} * ${c('adoptionScore')} + ${int(w.support)} * ${c('supportScore')}`;
  const withReviews = d.roundDiv(`${base} + ${int(w.evaluator)} * ${c('evaluatorScore')}`, int(w.adoption + w.support + w.evaluator));
  const withoutReviews = w.adoption + w.support > 0 ? d.roundDiv(base, int(w.adoption + w.support)) : '0';
  await d.run(
    `UPDATE ${c('suggestion_scores')} SET ${c('composite')} = CASE WHEN ${c('evaluatorScore')} IS NULL THEN ${withoutReviews} ELSE ${withReviews} END ${scope}`,
  );

  const leading = await em.getRepository(SuggestionScoreEntity).find({
    select: { id: true, suggestionId: true, composite: true, adoptionScore: true, supportCount: true },
    where: { roundId },
    order: { composite: 'DESC', adoptionScore: 'DESC', supportCount: 'DESC', suggestionId: 'ASC' },
    take: CITIZEN_SHORTLIST,
  });
  const places = new Map<string, number[]>();
  for (const { row, rank, nominated } of rankCitizens(leading, settings.citizenNominees)) {
    const key = `${rank}:${nominated ? 1 : 0}`;
    (places.get(key) ?? places.set(key, []).get(key)!).push(row.id);
  }
  for (const [key, ids] of places) {
    const [rank, nominated] = key.split(':').map(Number) as [number, number];
    await em.update(SuggestionScoreEntity, ids, { rank, nominated: nominated === 1 });
  }
  return candidates;
}
