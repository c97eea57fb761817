import { ValidationError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';

// Award scoring (docs/awards.md), pure: no Nest, no TypeORM. The database aggregates counts;
// everything from counts to ranks happens here in integer arithmetic, so SQLite and MariaDB
// give identical results and every stored number can be recomputed by hand.
//
// Units: scores are "centi-points", integers 0–10000 meaning 0.00–100.00. Weights are basis
// points, integers summing to 10000 (0.2450 → 2450).

export type Centi = number;
export const CENTI = 10_000;
export const WEIGHT_SCALE = 10_000;

export const UNIT_COMPONENTS = ['response', 'onTime', 'satisfaction', 'adoption', 'evaluator'] as const;
export type UnitComponent = (typeof UNIT_COMPONENTS)[number];
export const CITIZEN_COMPONENTS = ['adoption', 'evaluator', 'support'] as const;
export type CitizenComponent = (typeof CITIZEN_COMPONENTS)[number];

export type Weights<K extends string> = Readonly<Record<K, number>>;

/**
 * Defaults. The three 12345-hotline measures (response, resolution on time, satisfaction) keep
 * their customary 30/35/35 proportion on 70% of the weight; adoption gets 20% because adopting
 * suggestions is what the campaign exists for; the evaluator panel 10% because a quarter brings
 * only a handful of reviews per unit (about 200 opinions a year across all units).
 */
export const DEFAULT_UNIT_WEIGHTS: Weights<UnitComponent> = {
  response: 2100,
  onTime: 2450,
  satisfaction: 2450,
  adoption: 2000,
  evaluator: 1000,
};
/** Residents: how far the suggestion was adopted weighs most; public support next; evaluators' view last. */
export const DEFAULT_CITIZEN_WEIGHTS: Weights<CitizenComponent> = { adoption: 5000, evaluator: 2000, support: 3000 };
/** A unit needs this many replies due in the quarter to be ranked (one quick fix must not top the table). */
export const DEFAULT_MIN_ITEMS_TO_RANK = 5;
export const DEFAULT_CITIZEN_NOMINEES = 10;
export const MAX_CITIZEN_NOMINEES = 50;
/** Citizen ranks are stored for this many leading places; the rest are listed by score. */
export const CITIZEN_SHORTLIST = 100;

/** Adoption level of a citizen suggestion, in centi-points. */
export const ADOPTION_POINTS = { ADOPTED: 10_000, PARTIALLY_ADOPTED: 6_000 } as const;
export type AdoptedLevel = keyof typeof ADOPTION_POINTS;

// Satisfaction points per rating (100 / 80 / 0) live in src/replies/satisfaction.ts; the
// computation sums them in SQL (satisfactionPointsSql) and satisfactionScore averages the sum.

/**
 * Which ratings of a reopened (重办) item count towards satisfaction. EVERY_RATING: each rating
 * given in the quarter counts (an item rated unsatisfied, reopened and then rated satisfied
 * counts twice). FINAL_RATING: of the ratings an item received for one unit in the quarter,
 * only the last counts, so an item counts once, by how it ended.
 */
export const SATISFACTION_BASES = ['EVERY_RATING', 'FINAL_RATING'] as const;
export type SatisfactionBasis = (typeof SATISFACTION_BASES)[number];
export const DEFAULT_SATISFACTION_BASIS: SatisfactionBasis = 'EVERY_RATING';

export interface AwardSettings {
  unitWeights: Weights<UnitComponent>;
  citizenWeights: Weights<CitizenComponent>;
  minItemsToRank: number;
  citizenNominees: number;
  satisfactionBasis: SatisfactionBasis;
}

export const DEFAULT_SETTINGS: AwardSettings = {
  unitWeights: DEFAULT_UNIT_WEIGHTS,
  citizenWeights: DEFAULT_CITIZEN_WEIGHTS,
  minItemsToRank: DEFAULT_MIN_ITEMS_TO_RANK,
  citizenNominees: DEFAULT_CITIZEN_NOMINEES,
  satisfactionBasis: DEFAULT_SATISFACTION_BASIS,
};

/** A basis from outside (API input, a stored row); anything else is BAD_USER_INPUT on `field`. */
export function satisfactionBasisOf(value: unknown, field = 'satisfactionBasis'): SatisfactionBasis {
  if (typeof value === 'string' && (SATISFACTION_BASES as readonly string[]).includes(value)) return value as SatisfactionBasis;
  throw new ValidationError(msg('awards.satisfactionBasis', { field }), field);
}

/** One rating as the satisfaction measure sees it; `id` orders an item's ratings (later is larger). */
export interface RatingFact {
  id: number;
  suggestionId: number;
  unitId: number;
  points: number;
}

/**
 * The one rule for which ratings count, given the ratings of one quarter. FINAL_RATING keeps,
 * per item and unit, the rating with the largest id; the SQL in award-computation.ts applies
 * the same rule (`finalRatingOnly` below) with a NOT EXISTS over a later rating.
 */
export function countedRatings<T extends RatingFact>(ratings: readonly T[], basis: SatisfactionBasis): T[] {
  if (!finalRatingOnly(basis)) return [...ratings];
  const last = new Map<string, T>();
  for (const r of ratings) {
    const key = `${r.suggestionId}:${r.unitId}`;
    const seen = last.get(key);
    if (!seen || r.id > seen.id) last.set(key, r);
  }
  return ratings.filter((r) => last.get(`${r.suggestionId}:${r.unitId}`) === r);
}

export function finalRatingOnly(basis: SatisfactionBasis): boolean {
  return basis === 'FINAL_RATING';
}

/** Per unit: rated items and their satisfaction points, under the basis. */
export function satisfactionTally(ratings: readonly RatingFact[], basis: SatisfactionBasis): Map<number, { rated: number; points: number }> {
  const out = new Map<number, { rated: number; points: number }>();
  for (const r of countedRatings(ratings, basis)) {
    const t = out.get(r.unitId) ?? { rated: 0, points: 0 };
    t.rated += 1;
    t.points += r.points;
    out.set(r.unitId, t);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

/** round(n / d), halves up, exactly, for whole n ≥ 0 and d > 0. SQL mirrors it as (2n + d) DIV (2d). */
export function roundDiv(n: number, d: number): number {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || n < 0 || d <= 0) {
    throw new RangeError(`roundDiv needs whole n ≥ 0 and d > 0, got ${n}/${d}`);
  }
  let q = Math.trunc(n / d);
  while (q * d > n) q--;
  while ((q + 1) * d <= n) q++;
  return 2 * (n - q * d) >= d ? q + 1 : q;
}

/** A ratio as centi-points (signed 7 of 8 → 8750), or null when nothing was counted. */
export function rate(numerator: number, denominator: number): Centi | null {
  return denominator > 0 ? roundDiv(CENTI * numerator, denominator) : null;
}

/** Mean satisfaction points (100/80/0 per rated item), as centi-points. */
export function satisfactionScore(points: number, rated: number): Centi | null {
  return rated > 0 ? roundDiv(100 * points, rated) : null;
}

/**
 * Evaluator rubric: each review gives 3–15 points (three marks of 1–5). The mean mark is
 * scaled so that 1 → 0 and 5 → 100, like the satisfaction scale where the worst answer is 0:
 * score = (points / reviews − 3) / 12 × 100.
 */
export function evaluatorScore(points: number, reviews: number): Centi | null {
  return reviews > 0 ? roundDiv(CENTI * (points - 3 * reviews), 12 * reviews) : null;
}

/** Public support relative to the most supported candidate of the quarter (that one scores 100). */
export function supportScore(supports: number, maxSupports: number): Centi {
  return maxSupports > 0 ? roundDiv(CENTI * supports, maxSupports) : 0;
}

/**
 * Weighted sum over the components that have a value. A component with nothing to measure
 * (no rated items, no reviews) drops out and the others' weights are scaled up to fill its
 * share, so a unit is neither punished nor rewarded for what residents did not rate.
 */
export function weightedComposite<K extends string>(values: Readonly<Record<K, Centi | null>>, weights: Weights<K>): Centi | null {
  let sum = 0;
  let weight = 0;
  for (const key of Object.keys(weights) as K[]) {
    const v = values[key];
    if (v === null || v === undefined) continue;
    sum += weights[key] * v;
    weight += weights[key];
  }
  return weight > 0 ? roundDiv(sum, weight) : null;
}

// ---------------------------------------------------------------------------------------------
// Weights from the API

/**
 * Turns decimal weights (0.245) into basis points. Each must lie in 0–1 with at most four
 * decimals, and they must sum to exactly 1; otherwise BAD_USER_INPUT naming `field`.
 */
export function weightsFromDecimals<K extends string>(input: Readonly<Record<K, number>>, keys: readonly K[], field: string): Weights<K> {
  const out = {} as Record<K, number>;
  let total = 0;
  for (const key of keys) {
    const w = input[key];
    const bp = Math.round(w * WEIGHT_SCALE);
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > 1 || Math.abs(w * WEIGHT_SCALE - bp) > 1e-6) {
      throw new ValidationError(msg('awards.weightRange', { field: `${field}.${key}` }), `${field}.${key}`);
    }
    out[key] = bp;
    total += bp;
  }
  if (total !== WEIGHT_SCALE) {
    throw new ValidationError(msg('awards.weightSum', { total: total / WEIGHT_SCALE }), field);
  }
  return out;
}

export function weightsToDecimals<K extends string>(weights: Weights<K>): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of Object.keys(weights) as K[]) out[key] = weights[key] / WEIGHT_SCALE;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Units (最佳服务之星)

export const AWARD_GROUPS = ['DEPARTMENT', 'COUNTY_DISTRICT'] as const;
export type AwardGroup = (typeof AWARD_GROUPS)[number];

/** DEPARTMENT units form one group, COUNTY and DISTRICT units another; OFFICE units are not scored. */
export function groupOfUnitKind(kind: string): AwardGroup | null {
  if (kind === 'DEPARTMENT') return 'DEPARTMENT';
  if (kind === 'COUNTY' || kind === 'DISTRICT') return 'COUNTY_DISTRICT';
  return null;
}

/** What the database counted for one unit in one quarter (definitions in docs/awards.md). */
export interface UnitCounts {
  unitId: number;
  group: AwardGroup;
  /** LEAD assignments made in the quarter, and those signed by their sign deadline. */
  assigned: number;
  signedOnTime: number;
  /** Reply deadlines that fell in the quarter, and the published replies that met theirs. */
  repliesDue: number;
  repliedOnTime: number;
  /** Ratings given in the quarter and their satisfaction points (100/80/0 each). */
  rated: number;
  satisfactionPoints: number;
  /** Replies published in the quarter, and those adopting the suggestion in whole or part. */
  replied: number;
  adopted: number;
  /** Evaluator reviews of the replies published in the quarter, and their rubric points (3–15 each). */
  reviews: number;
  reviewPoints: number;
}

export type UnitComponents = Record<UnitComponent, Centi | null>;

export function unitComponents(c: UnitCounts): UnitComponents {
  return {
    response: rate(c.signedOnTime, c.assigned),
    onTime: rate(c.repliedOnTime, c.repliesDue),
    satisfaction: satisfactionScore(c.satisfactionPoints, c.rated),
    adoption: rate(c.adopted, c.replied),
    evaluator: evaluatorScore(c.reviewPoints, c.reviews),
  };
}

export type Standing = 'RANKED' | 'BELOW_MINIMUM' | 'NOTHING_DUE';

export interface UnitResult extends UnitCounts {
  components: UnitComponents;
  composite: Centi | null;
  /** The size of the unit's quarter: reply deadlines that fell in it. */
  volume: number;
  standing: Standing;
  /** Within the group; equal units share a rank (1, 2, 2, 4). Null unless RANKED. */
  rank: number | null;
}

/** Better first: composite, then satisfaction (unrated counts as lowest), then volume. */
export function compareUnits(a: Pick<UnitResult, 'composite' | 'components' | 'volume'>, b: Pick<UnitResult, 'composite' | 'components' | 'volume'>): number {
  return (
    desc(a.composite, b.composite) ||
    desc(a.components.satisfaction, b.components.satisfaction) ||
    b.volume - a.volume
  );
}

function desc(a: number | null, b: number | null): number {
  return (b ?? -1) - (a ?? -1);
}

/** Competition ranks (1, 2, 2, 4) for items already sorted best first. */
export function competitionRanks<T>(sorted: readonly T[], compare: (a: T, b: T) => number): number[] {
  const ranks: number[] = [];
  sorted.forEach((item, i) => {
    ranks.push(i > 0 && compare(sorted[i - 1]!, item) === 0 ? ranks[i - 1]! : i + 1);
  });
  return ranks;
}

/**
 * Scores every unit and ranks each group. Units with nothing due (no assignment and no reply
 * deadline in the quarter) are listed apart; units below the minimum volume are shown but not
 * ranked. Output order: ranked by rank, then below-minimum by composite, then nothing-due;
 * unit id breaks remaining ties so the order is stable.
 */
export function scoreUnits(counts: readonly UnitCounts[], settings: Pick<AwardSettings, 'unitWeights' | 'minItemsToRank'>): UnitResult[] {
  const results: UnitResult[] = counts.map((c) => {
    const components = unitComponents(c);
    const composite = weightedComposite(components, settings.unitWeights);
    const volume = c.repliesDue;
    const standing: Standing =
      c.assigned === 0 && c.repliesDue === 0 ? 'NOTHING_DUE' : volume < settings.minItemsToRank || composite === null ? 'BELOW_MINIMUM' : 'RANKED';
    return { ...c, components, composite, volume, standing, rank: null };
  });
  const out: UnitResult[] = [];
  for (const group of AWARD_GROUPS) {
    const mine = results.filter((r) => r.group === group);
    const ranked = mine.filter((r) => r.standing === 'RANKED').sort((a, b) => compareUnits(a, b) || a.unitId - b.unitId);
    const ranks = competitionRanks(ranked, compareUnits);
    ranked.forEach((r, i) => (r.rank = ranks[i]!));
    const below = mine.filter((r) => r.standing === 'BELOW_MINIMUM').sort((a, b) => compareUnits(a, b) || a.unitId - b.unitId);
    const nothing = mine.filter((r) => r.standing === 'NOTHING_DUE').sort((a, b) => a.unitId - b.unitId);
    out.push(...ranked, ...below, ...nothing);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Residents (最佳民众建言奖)

export interface CitizenCounts {
  suggestionId: number;
  adoption: AdoptedLevel;
  supports: number;
  reviews: number;
  reviewPoints: number;
}

export interface CitizenScore {
  adoption: Centi;
  evaluator: Centi | null;
  support: Centi;
  composite: Centi;
}

export function citizenScore(c: CitizenCounts, maxSupports: number, weights: Weights<CitizenComponent>): CitizenScore {
  const adoption = ADOPTION_POINTS[c.adoption];
  const evaluator = evaluatorScore(c.reviewPoints, c.reviews);
  const support = supportScore(c.supports, maxSupports);
  // Adoption and support always have a value, so the composite exists unless both weigh 0.
  const composite = weightedComposite({ adoption, evaluator, support }, weights) ?? 0;
  return { adoption, evaluator, support, composite };
}

/** Better first: composite, then adoption level, then public support. */
export function compareCitizens(
  a: { composite: Centi; adoptionScore: Centi; supportCount: number },
  b: { composite: Centi; adoptionScore: Centi; supportCount: number },
): number {
  return b.composite - a.composite || b.adoptionScore - a.adoptionScore || b.supportCount - a.supportCount;
}

/**
 * Ranks citizen candidates (given best first, as the database orders them) and nominates the
 * top `nominees` places; candidates tied at the last nominated place are all nominated.
 */
export function rankCitizens<T extends { composite: Centi; adoptionScore: Centi; supportCount: number }>(
  sorted: readonly T[],
  nominees: number,
): { row: T; rank: number; nominated: boolean }[] {
  const ranks = competitionRanks(sorted, compareCitizens);
  return sorted.map((row, i) => ({ row, rank: ranks[i]!, nominated: ranks[i]! <= nominees }));
}

// ---------------------------------------------------------------------------------------------
// Explaining a unit's score

export interface ExplainedComponent {
  key: UnitComponent;
  numerator: number;
  denominator: number;
  value: Centi | null;
  /** Configured weight and the weight after components without a value dropped out (basis points, exact fractions rounded). */
  weight: number;
  effectiveWeight: number;
  /** effectiveWeight × value, in centi-points (rounded); these add up to the composite within rounding. */
  contribution: Centi;
}

/** Every component with its numerator, denominator, value and weight. */
export function explainUnit(c: UnitCounts, weights: Weights<UnitComponent>): ExplainedComponent[] {
  const values = unitComponents(c);
  const parts: Record<UnitComponent, [number, number]> = {
    response: [c.signedOnTime, c.assigned],
    onTime: [c.repliedOnTime, c.repliesDue],
    satisfaction: [c.satisfactionPoints, c.rated],
    adoption: [c.adopted, c.replied],
    evaluator: [c.reviewPoints, c.reviews],
  };
  const present = UNIT_COMPONENTS.filter((k) => values[k] !== null).reduce((s, k) => s + weights[k], 0);
  return UNIT_COMPONENTS.map((key) => {
    const value = values[key];
    const effective = value === null || present === 0 ? 0 : roundDiv(weights[key] * WEIGHT_SCALE, present);
    return {
      key,
      numerator: parts[key][0],
      denominator: parts[key][1],
      value,
      weight: weights[key],
      effectiveWeight: effective,
      contribution: value === null || present === 0 ? 0 : roundDiv(weights[key] * value, present),
    };
  });
}
