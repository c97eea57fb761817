import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { testDatabase, TEST_DB } from '../helpers/test-db.js';
import { awardSeeds } from '../factories/awards.js';
import { computeRoundScores } from '../../src/awards/award-computation.js';
import { AwardRoundEntity } from '../../src/awards/award-round.entity.js';
import { SuggestionScoreEntity } from '../../src/awards/suggestion-score.entity.js';
import { UnitScoreEntity } from '../../src/awards/unit-score.entity.js';
import {
  CITIZEN_SHORTLIST,
  DEFAULT_SETTINGS,
  citizenScore,
  compareCitizens,
  groupOfUnitKind,
  rankCitizens,
  scoreUnits,
  type AwardSettings,
  type UnitCounts,
} from '../../src/awards/award-scoring.js';
import { parseQuarter, type Quarter } from '../../src/calendar/quarters.js';
import { AssignmentEntity } from '../../src/assignments/assignment.entity.js';
import { ReplyEntity } from '../../src/replies/reply.entity.js';
import { RatingEntity } from '../../src/replies/rating.entity.js';
import { SuggestionEntity } from '../../src/suggestions/suggestion.entity.js';
import { UnitEntity, type UnitKind } from '../../src/units/unit.entity.js';
import { EvaluatorReviewEntity } from '../../src/evaluations/evaluator-review.entity.js';
import { SuggestionSupportEntity } from '../../src/awards/suggestion-support.entity.js';
import type { Adoption } from '../../src/replies/reply.entity.js';
import type { RatingLevel } from '../../src/replies/rating.entity.js';

// The database's counting (GROUP BY, INSERT … SELECT, integer UPDATEs) against a plain
// reference: the documented definitions applied in JavaScript to every seeded row. On MariaDB
// the same seeded quarter is also computed on SQLite and the two results compared row for row.

const QUARTER = parseQuarter('2026Q2');
const SETTINGS: AwardSettings = {
  ...DEFAULT_SETTINGS,
  minItemsToRank: 4,
  citizenNominees: 5,
  // Weights the defaults do not use, so the SQL sees other numbers than the unit tests.
  citizenWeights: { adoption: 4500, evaluator: 2500, support: 3000 },
};

/** Deterministic pseudo-random numbers (mulberry32), so every database gets the same quarter. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

async function open(database: Parameters<typeof dataSourceOptions>[0]['database']): Promise<DataSource> {
  const ds = new DataSource({ ...dataSourceOptions({ database }), migrationsTransactionMode: 'each' });
  await ds.initialize();
  await ds.runMigrations();
  return ds;
}

/** About 400 items over eight units, with boundary instants, supports and reviews. */
async function seedQuarter(ds: DataSource, seed: number): Promise<void> {
  const r = random(seed);
  const s = awardSeeds(ds);
  const kinds: UnitKind[] = ['DEPARTMENT', 'DEPARTMENT', 'DEPARTMENT', 'COUNTY', 'COUNTY', 'DISTRICT', 'DISTRICT', 'OFFICE'];
  const units: number[] = [];
  for (const k of kinds) units.push(await s.unit(k));
  const residents: number[] = [];
  for (let i = 0; i < 12; i++) residents.push(await s.resident(`居民${i}`));
  const evaluators = [await s.evaluator(), await s.evaluator()];
  const campaign = await s.campaign();
  const span = QUARTER.end.getTime() - QUARTER.start.getTime();
  // Instants around the quarter, including its exact edges.
  const instant = () => {
    const roll = r.next();
    if (roll < 0.04) return QUARTER.start;
    if (roll < 0.08) return QUARTER.end;
    if (roll < 0.1) return new Date(QUARTER.end.getTime() - 1);
    return new Date(QUARTER.start.getTime() - span * 0.2 + Math.floor(r.next() * span * 1.4 / 60_000) * 60_000);
  };
  const adoptions: Adoption[] = ['ADOPTED', 'PARTIALLY_ADOPTED', 'ALREADY_DONE', 'FOR_REFERENCE', 'NOT_ADOPTED'];
  const levels: RatingLevel[] = ['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED'];
  const replied: number[] = [];
  const suggestions: number[] = [];
  for (let i = 0; i < 400; i++) {
    const assignedAt = instant();
    const replyDueAt = r.next() < 0.5 ? instant() : new Date(assignedAt.getTime() + 14 * 86400_000);
    const hasReply = r.next() < 0.7;
    const submittedAt = new Date(replyDueAt.getTime() + (r.next() < 0.7 ? -1 : 1) * r.int(5) * 86400_000);
    const item = await s.item(campaign, {
      unitId: r.pick(units),
      authorId: r.next() < 0.9 ? r.pick(residents) : null,
      authorName: '居民',
      assignedAt,
      signedAt: r.next() < 0.1 ? null : new Date(assignedAt.getTime() + r.int(3) * 86400_000),
      replyDueAt,
      status: r.pick(['ASSIGNED', 'IN_PROGRESS', 'RETURNED'] as const),
      reply: hasReply
        ? { submittedAt, publishedAt: r.next() < 0.5 ? submittedAt : instant(), adoption: r.pick(adoptions), status: r.next() < 0.9 ? 'PUBLISHED' : 'PENDING_REVIEW' }
        : undefined,
      rating: hasReply && r.next() < 0.6 ? { level: r.pick(levels), at: instant() } : undefined,
    });
    suggestions.push(item.suggestionId);
    if (item.replyId) replied.push(item.replyId);
  }
  const published = await ds.getRepository(ReplyEntity).find({ where: { status: 'PUBLISHED' }, select: { id: true }, order: { id: 'ASC' } });
  for (const { id } of published) {
    for (const evaluatorId of evaluators) {
      if (r.next() < 0.3) await s.review(id, evaluatorId, [1 + r.int(5), 1 + r.int(5), 1 + r.int(5)], instant());
    }
  }
  for (const suggestionId of suggestions) {
    const supporters = new Set(Array.from({ length: r.int(6) }, () => r.pick(residents)));
    for (const residentId of supporters) await s.support(suggestionId, residentId);
  }
}

async function compute(ds: DataSource, q: Quarter): Promise<number> {
  return ds.transaction(async (em) => {
    const now = new Date('2026-07-02T00:00:00Z');
    const inserted = await em.insert(AwardRoundEntity, { quarter: q.key, status: 'COMPUTED', settings: SETTINGS, citizenCandidates: 0, computedAt: now, computedById: null, publishedAt: null, publishedById: null, createdAt: now, updatedAt: now });
    const roundId = inserted.identifiers[0]!.id as number;
    await computeRoundScores(em, roundId, q, SETTINGS);
    return roundId;
  });
}

const within = (d: Date | null, q: Quarter) => d !== null && d >= q.start && d < q.end;

/** The definitions of docs/awards.md, applied to every row in JavaScript. */
async function reference(ds: DataSource, q: Quarter) {
  const [units, assignments, replies, ratings, reviews, suggestions, supports] = await Promise.all([
    ds.getRepository(UnitEntity).find(),
    ds.getRepository(AssignmentEntity).find(),
    ds.getRepository(ReplyEntity).find(),
    ds.getRepository(RatingEntity).find(),
    ds.getRepository(EvaluatorReviewEntity).find(),
    ds.getRepository(SuggestionEntity).find(),
    ds.getRepository(SuggestionSupportEntity).find(),
  ]);
  const counts = new Map<number, UnitCounts>();
  for (const u of units) {
    const group = groupOfUnitKind(u.kind);
    if (group) counts.set(u.id, { unitId: u.id, group, assigned: 0, signedOnTime: 0, repliesDue: 0, repliedOnTime: 0, rated: 0, satisfactionPoints: 0, replied: 0, adopted: 0, reviews: 0, reviewPoints: 0 });
  }
  const at = (id: number | null) => (id === null ? undefined : counts.get(id));
  for (const a of assignments) {
    const c = at(a.unitId);
    if (!c || a.role !== 'LEAD' || !within(a.assignedAt, q)) continue;
    c.assigned++;
    if (a.signedAt && a.signedAt <= a.signDueAt) c.signedOnTime++;
  }
  for (const r of replies) {
    const c = at(r.unitId);
    if (!c || r.status !== 'PUBLISHED') continue;
    if (within(r.dueAt, q)) {
      c.repliesDue++;
      if (r.onTime) c.repliedOnTime++;
    }
    if (within(r.publishedAt, q)) {
      c.replied++;
      if (r.adoption === 'ADOPTED' || r.adoption === 'PARTIALLY_ADOPTED') c.adopted++;
    }
  }
  for (const s of suggestions) {
    const c = at(s.leadUnitId);
    if (c && (s.status === 'ASSIGNED' || s.status === 'IN_PROGRESS') && within(s.replyDueAt, q)) c.repliesDue++;
  }
  for (const g of ratings) {
    const c = at(g.unitId);
    if (!c || !within(g.createdAt, q)) continue;
    c.rated++;
    c.satisfactionPoints += { SATISFIED: 100, BASICALLY_SATISFIED: 80, UNSATISFIED: 0 }[g.level];
  }
  for (const e of reviews) {
    const c = at(e.unitId);
    if (!c || !within(e.replyPublishedAt, q)) continue;
    c.reviews++;
    c.reviewPoints += e.timeliness + e.substance + e.attitude;
  }
  const unitResults = scoreUnits([...counts.values()], SETTINGS);

  const authorOf = new Map(suggestions.map((s) => [s.id, s.authorId]));
  const candidates = new Map<number, { adoption: 'ADOPTED' | 'PARTIALLY_ADOPTED'; unitId: number }>();
  for (const r of replies) {
    if (r.status !== 'PUBLISHED' || !within(r.publishedAt, q) || authorOf.get(r.suggestionId) == null) continue;
    if (r.adoption !== 'ADOPTED' && r.adoption !== 'PARTIALLY_ADOPTED') continue;
    const before = candidates.get(r.suggestionId);
    candidates.set(r.suggestionId, { adoption: before?.adoption === 'ADOPTED' || r.adoption === 'ADOPTED' ? 'ADOPTED' : 'PARTIALLY_ADOPTED', unitId: Math.max(before?.unitId ?? 0, r.unitId) });
  }
  const raw = [...candidates].map(([suggestionId, c]) => ({
    suggestionId,
    unitId: c.unitId,
    adoption: c.adoption,
    supports: supports.filter((x) => x.suggestionId === suggestionId).length,
    reviews: reviews.filter((e) => e.suggestionId === suggestionId).length,
    reviewPoints: reviews.filter((e) => e.suggestionId === suggestionId).reduce((sum, e) => sum + e.timeliness + e.substance + e.attitude, 0),
  }));
  const maxSupport = Math.max(0, ...raw.map((c) => c.supports));
  const scored = raw.map((c) => ({ ...c, level: c.adoption, score: citizenScore(c, maxSupport, SETTINGS.citizenWeights) }));
  return { unitResults, scored };
}

/** Score rows without ids, in a stable order, for comparing databases. */
async function fingerprint(ds: DataSource, roundId: number) {
  const strip = <T extends { id: number; roundId: number }>({ id: _id, roundId: _r, ...rest }: T) => rest;
  const units = await ds.getRepository(UnitScoreEntity).find({ where: { roundId }, order: { unitId: 'ASC' } });
  const citizens = await ds.getRepository(SuggestionScoreEntity).find({ where: { roundId }, order: { suggestionId: 'ASC' } });
  // Unit codes and names come from a test-wide counter, so they differ between the two seedings.
  return { units: units.map(({ unitCode: _c, unitName: _n, ...u }) => strip(u)), citizens: citizens.map(strip) };
}

describe(`award computation against its definitions (${TEST_DB})`, () => {
  let ds: DataSource | null = null;
  let cleanup: () => Promise<void> = async () => {};
  let roundId = 0;

  beforeAll(async () => {
    const db = await testDatabase('awards-scoring');
    if (!db) return;
    cleanup = db.cleanup;
    ds = await open(db.database);
    await seedQuarter(ds, 20260630);
    roundId = await compute(ds, QUARTER);
  }, 180_000);
  afterAll(async () => {
    await ds?.destroy();
    await cleanup();
  });

  it('counts every unit as the definitions say, and scores and ranks it as the pure rules do', async () => {
    if (!ds) return;
    const { unitResults } = await reference(ds, QUARTER);
    const stored = await ds.getRepository(UnitScoreEntity).find({ where: { roundId } });
    expect(stored).toHaveLength(unitResults.length);
    const byUnit = new Map(stored.map((u) => [u.unitId, u]));
    for (const r of unitResults) {
      const u = byUnit.get(r.unitId)!;
      expect({
        assigned: u.assignedCount, signedOnTime: u.signedOnTimeCount, repliesDue: u.repliesDueCount, repliedOnTime: u.repliedOnTimeCount,
        rated: u.ratedCount, satisfactionPoints: u.satisfactionPoints, replied: u.repliedCount, adopted: u.adoptedCount,
        reviews: u.reviewCount, reviewPoints: u.reviewPoints, composite: u.composite, rank: u.rank, standing: u.standing,
      }).toEqual({
        assigned: r.assigned, signedOnTime: r.signedOnTime, repliesDue: r.repliesDue, repliedOnTime: r.repliedOnTime,
        rated: r.rated, satisfactionPoints: r.satisfactionPoints, replied: r.replied, adopted: r.adopted,
        reviews: r.reviews, reviewPoints: r.reviewPoints, composite: r.composite, rank: r.rank, standing: r.standing,
      });
    }
    // The seed is rich enough to exercise every branch.
    expect(unitResults.some((r) => r.standing === 'RANKED')).toBe(true);
    expect(unitResults.some((r) => r.components.evaluator !== null)).toBe(true);
  });

  it('scores every citizen candidate in SQL exactly as the pure rules do, and ranks the leading places', async () => {
    if (!ds) return;
    const { scored } = await reference(ds, QUARTER);
    const stored = await ds.getRepository(SuggestionScoreEntity).find({ where: { roundId } });
    expect(stored.length).toBe(scored.length);
    expect(stored.length).toBeGreaterThan(20);
    const bySuggestion = new Map(stored.map((s) => [s.suggestionId, s]));
    for (const c of scored) {
      const s = bySuggestion.get(c.suggestionId)!;
      expect([s.adoption, s.adoptionScore, s.supportCount, s.supportScore, s.reviewCount, s.reviewPoints, s.evaluatorScore, s.composite, s.unitId]).toEqual([
        c.level, c.score.adoption, c.supports, c.score.support, c.reviews, c.reviewPoints, c.score.evaluator, c.score.composite, c.unitId,
      ]);
    }
    const order = scored
      .map((c) => ({ suggestionId: c.suggestionId, composite: c.score.composite, adoptionScore: c.score.adoption, supportCount: c.supports }))
      .sort((a, b) => compareCitizens(a, b) || a.suggestionId - b.suggestionId);
    const expected = rankCitizens(order.slice(0, CITIZEN_SHORTLIST), SETTINGS.citizenNominees);
    for (const { row, rank, nominated } of expected) {
      expect([row.suggestionId, bySuggestion.get(row.suggestionId)!.rank, bySuggestion.get(row.suggestionId)!.nominated]).toEqual([row.suggestionId, rank, nominated]);
    }
    expect(stored.filter((s) => s.rank !== null)).toHaveLength(Math.min(CITIZEN_SHORTLIST, scored.length));
  });

  it('recomputes to the very same rows', async () => {
    if (!ds) return;
    const before = await fingerprint(ds, roundId);
    await ds.transaction((em) => computeRoundScores(em, roundId, QUARTER, SETTINGS));
    expect(await fingerprint(ds, roundId)).toEqual(before);
  });

  it('gives identical rows on SQLite and MariaDB', async () => {
    if (!ds || TEST_DB !== 'mysql') return; // the MariaDB run compares itself with SQLite
    const sqlite = await open({ type: 'sqlite', path: ':memory:' });
    try {
      await seedQuarter(sqlite, 20260630);
      const sqliteRound = await compute(sqlite, QUARTER);
      const here = await fingerprint(ds, roundId);
      // Seeded rows get the same ids in both fresh databases, so rows compare directly.
      expect(await fingerprint(sqlite, sqliteRound)).toEqual(here);
      expect(here.citizens.length).toBeGreaterThan(20);
    } finally {
      await sqlite.destroy();
    }
  }, 180_000);
});
