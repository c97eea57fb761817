import fc from 'fast-check';
import {
  CITIZEN_COMPONENTS,
  DEFAULT_CITIZEN_WEIGHTS,
  DEFAULT_UNIT_WEIGHTS,
  UNIT_COMPONENTS,
  WEIGHT_SCALE,
  citizenScore,
  compareUnits,
  competitionRanks,
  evaluatorScore,
  explainUnit,
  groupOfUnitKind,
  rankCitizens,
  rate,
  roundDiv,
  satisfactionScore,
  scoreUnits,
  supportScore,
  unitComponents,
  weightedComposite,
  weightsFromDecimals,
  type UnitCounts,
  type UnitComponent,
} from './award-scoring.js';
import { parseQuarter, previousQuarter, quarterOf } from '../calendar/quarters.js';

const zero = (unitId: number, over: Partial<UnitCounts> = {}): UnitCounts => ({
  unitId,
  group: 'DEPARTMENT',
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
  ...over,
});

/** Counts that respect their own invariants (numerators never exceed denominators). */
const arbCounts = (unitId: number) =>
  fc
    .record({
      group: fc.constantFrom('DEPARTMENT' as const, 'COUNTY_DISTRICT' as const),
      assigned: fc.nat(40),
      repliesDue: fc.nat(40),
      ratedS: fc.nat(10),
      ratedB: fc.nat(10),
      ratedU: fc.nat(10),
      replied: fc.nat(40),
      reviewMarks: fc.array(fc.integer({ min: 3, max: 15 }), { maxLength: 6 }),
      f1: fc.double({ min: 0, max: 1, noNaN: true }),
      f2: fc.double({ min: 0, max: 1, noNaN: true }),
      f3: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(
      (r): UnitCounts => ({
        unitId,
        group: r.group,
        assigned: r.assigned,
        signedOnTime: Math.floor(r.assigned * r.f1),
        repliesDue: r.repliesDue,
        repliedOnTime: Math.floor(r.repliesDue * r.f2),
        rated: r.ratedS + r.ratedB + r.ratedU,
        satisfactionPoints: 100 * r.ratedS + 80 * r.ratedB,
        replied: r.replied,
        adopted: Math.floor(r.replied * r.f3),
        reviews: r.reviewMarks.length,
        reviewPoints: r.reviewMarks.reduce((s, m) => s + m, 0),
      }),
    );

const arbUnits = fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbCounts(i + 1))));

const arbWeights = <K extends string>(keys: readonly K[]) =>
  fc.array(fc.nat(100), { minLength: keys.length, maxLength: keys.length }).filter((xs) => xs.some((x) => x > 0)).map((xs) => {
    // Scale arbitrary shares to basis points summing exactly to 10000.
    const total = xs.reduce((s, x) => s + x, 0);
    const bp = xs.map((x) => Math.floor((x * WEIGHT_SCALE) / total));
    const first = bp.findIndex((x) => x > 0);
    bp[first] = bp[first]! + WEIGHT_SCALE - bp.reduce((s, x) => s + x, 0);
    return Object.fromEntries(keys.map((k, i) => [k, bp[i]!])) as Record<K, number>;
  });

describe('award arithmetic', () => {
  it('rounds halves up, exactly, like the SQL (2n + d) DIV (2d)', () => {
    expect(roundDiv(1, 2)).toBe(1);
    expect(roundDiv(5, 2)).toBe(3);
    expect(roundDiv(10, 4)).toBe(3);
    expect(roundDiv(9, 4)).toBe(2);
    expect(roundDiv(0, 7)).toBe(0);
    fc.assert(
      fc.property(fc.nat(2 ** 40), fc.integer({ min: 1, max: 2 ** 30 }), (n, d) => {
        const exact = Number((2n * BigInt(n) + BigInt(d)) / (2n * BigInt(d)));
        expect(roundDiv(n, d)).toBe(exact);
      }),
    );
    expect(() => roundDiv(1, 0)).toThrow(RangeError);
    expect(() => roundDiv(-1, 3)).toThrow(RangeError);
  });

  it('computes rates, satisfaction, evaluator and support scores in centi-points', () => {
    expect(rate(7, 8)).toBe(8750);
    expect(rate(2, 3)).toBe(6667);
    expect(rate(0, 0)).toBeNull();
    // 2 satisfied, 1 basically, 1 unsatisfied → (200 + 80) / 4 = 70.00
    expect(satisfactionScore(280, 4)).toBe(7000);
    expect(satisfactionScore(0, 0)).toBeNull();
    // All fives → 100, all ones → 0, all threes → 50.
    expect(evaluatorScore(15, 1)).toBe(10000);
    expect(evaluatorScore(3, 1)).toBe(0);
    expect(evaluatorScore(18, 2)).toBe(5000);
    expect(evaluatorScore(0, 0)).toBeNull();
    expect(supportScore(3, 4)).toBe(7500);
    expect(supportScore(0, 0)).toBe(0);
  });

  it('keeps every score within 0–100', () => {
    fc.assert(
      fc.property(arbCounts(1), (c) => {
        for (const v of Object.values(unitComponents(c))) if (v !== null) expect(v >= 0 && v <= 10000).toBe(true);
      }),
    );
  });

  it('drops components without a value and scales the others up', () => {
    const w = { a: 5000, b: 3000, c: 2000 };
    expect(weightedComposite({ a: 10000, b: 5000, c: 0 }, w)).toBe(6500);
    // c has nothing to measure: (0.5×100 + 0.3×50) / 0.8 = 81.25
    expect(weightedComposite({ a: 10000, b: 5000, c: null }, w)).toBe(8125);
    expect(weightedComposite({ a: null, b: null, c: null }, w)).toBeNull();
    expect(weightedComposite({ a: null, b: null, c: 4000 }, { a: 5000, b: 5000, c: 0 })).toBeNull();
  });

  it('puts the composite between the lowest and highest component that counts', () => {
    fc.assert(
      fc.property(arbCounts(1), arbWeights(UNIT_COMPONENTS), (c, weights) => {
        const comps = unitComponents(c);
        const composite = weightedComposite(comps, weights);
        const counted = UNIT_COMPONENTS.filter((k) => comps[k] !== null && weights[k] > 0).map((k) => comps[k]!);
        if (counted.length === 0) return expect(composite).toBeNull();
        expect(composite).not.toBeNull();
        expect(composite!).toBeGreaterThanOrEqual(Math.min(...counted));
        expect(composite!).toBeLessThanOrEqual(Math.max(...counted));
      }),
    );
  });
});

describe('weights from the API', () => {
  it('accepts decimals summing to 1 and refuses the rest, naming the field', () => {
    const ok = weightsFromDecimals({ response: 0.21, onTime: 0.245, satisfaction: 0.245, adoption: 0.2, evaluator: 0.1 }, UNIT_COMPONENTS, 'weights');
    expect(ok).toEqual(DEFAULT_UNIT_WEIGHTS);
    expect(() => weightsFromDecimals({ response: 0.3, onTime: 0.3, satisfaction: 0.3, adoption: 0.2, evaluator: 0 }, UNIT_COMPONENTS, 'weights')).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'weights', message: expect.stringMatching(/sum to 1 \(they sum to 1.1\)/) }),
    );
    expect(() => weightsFromDecimals({ response: -0.1, onTime: 0.5, satisfaction: 0.6, adoption: 0, evaluator: 0 }, UNIT_COMPONENTS, 'weights')).toThrow(
      expect.objectContaining({ field: 'weights.response' }),
    );
    expect(() => weightsFromDecimals({ response: 0.12345, onTime: 0.87655, satisfaction: 0, adoption: 0, evaluator: 0 }, UNIT_COMPONENTS, 'weights')).toThrow(
      expect.objectContaining({ field: 'weights.response' }),
    );
    expect(() => weightsFromDecimals({ response: NaN, onTime: 1, satisfaction: 0, adoption: 0, evaluator: 0 }, UNIT_COMPONENTS, 'weights')).toThrow(
      expect.objectContaining({ field: 'weights.response' }),
    );
  });

  it('round-trips any basis-point weights', () => {
    fc.assert(
      fc.property(arbWeights(CITIZEN_COMPONENTS), (w) => {
        const decimals = Object.fromEntries(CITIZEN_COMPONENTS.map((k) => [k, w[k] / WEIGHT_SCALE])) as Record<(typeof CITIZEN_COMPONENTS)[number], number>;
        expect(weightsFromDecimals(decimals, CITIZEN_COMPONENTS, 'citizenWeights')).toEqual(w);
      }),
    );
  });
});

describe('unit ranking', () => {
  const settings = { unitWeights: DEFAULT_UNIT_WEIGHTS, minItemsToRank: 2 };

  it('groups unit kinds and leaves offices out', () => {
    expect(groupOfUnitKind('DEPARTMENT')).toBe('DEPARTMENT');
    expect(groupOfUnitKind('COUNTY')).toBe('COUNTY_DISTRICT');
    expect(groupOfUnitKind('DISTRICT')).toBe('COUNTY_DISTRICT');
    expect(groupOfUnitKind('OFFICE')).toBeNull();
  });

  it('ranks a small quarter worked by hand', () => {
    const a = zero(1, { assigned: 4, signedOnTime: 4, repliesDue: 4, repliedOnTime: 3, rated: 2, satisfactionPoints: 180, replied: 4, adopted: 2, reviews: 1, reviewPoints: 12 });
    const b = zero(2, { assigned: 3, signedOnTime: 2, repliesDue: 3, repliedOnTime: 3, rated: 3, satisfactionPoints: 300, replied: 3, adopted: 3 });
    const c = zero(3, { assigned: 1, signedOnTime: 1, repliesDue: 1, repliedOnTime: 1, rated: 1, satisfactionPoints: 100, replied: 1, adopted: 1 });
    const d = zero(4);
    const out = scoreUnits([d, c, b, a], settings);
    // a: response 100, on-time 75, satisfaction 90, adoption 50, evaluator (12/1−3)/12 = 75
    //    0.21×100 + 0.245×75 + 0.245×90 + 0.2×50 + 0.1×75 = 21 + 18.375 + 22.05 + 10 + 7.5 = 78.925 → 78.93
    expect(out[0]).toMatchObject({ unitId: 2, rank: 1, standing: 'RANKED' });
    // b: response 66.67, others 100, no reviews → (0.21×66.67 + 0.69×100) / 0.9 = 92.2230 → 92.22
    expect(out[0]!.composite).toBe(9222);
    expect(out[1]).toMatchObject({ unitId: 1, rank: 2, composite: 7893, standing: 'RANKED' });
    expect(out[1]!.components).toEqual({ response: 10000, onTime: 7500, satisfaction: 9000, adoption: 5000, evaluator: 7500 });
    expect(out[2]).toMatchObject({ unitId: 3, rank: null, standing: 'BELOW_MINIMUM', composite: 10000 });
    expect(out[3]).toMatchObject({ unitId: 4, rank: null, standing: 'NOTHING_DUE', composite: null });
  });

  it('breaks ties by satisfaction, then volume, and shares a rank when all three are equal', () => {
    // Same composite (100 everywhere they count), different satisfaction coverage and volume.
    const full = (id: number, due: number, rated: number) =>
      zero(id, { assigned: due, signedOnTime: due, repliesDue: due, repliedOnTime: due, rated, satisfactionPoints: 100 * rated, replied: due, adopted: due });
    const x = full(1, 3, 1);
    const y = full(2, 5, 1);
    const z = full(3, 5, 1);
    const unrated = full(4, 9, 0);
    const out = scoreUnits([x, y, z, unrated], settings);
    expect(out.map((r) => [r.unitId, r.rank])).toEqual([
      [2, 1],
      [3, 1],
      [1, 3],
      [4, 4], // composite 100 too, but no satisfaction: below every rated unit
    ]);
  });

  it('ranks consistently: better never ranks lower, equal shares, input order does not matter', () => {
    fc.assert(
      fc.property(arbUnits, fc.nat(6), (units, min) => {
        const out = scoreUnits(units, { unitWeights: DEFAULT_UNIT_WEIGHTS, minItemsToRank: min });
        expect(out).toHaveLength(units.length);
        expect(scoreUnits([...units].reverse(), { unitWeights: DEFAULT_UNIT_WEIGHTS, minItemsToRank: min })).toEqual(out);
        for (const r of out) {
          if (r.assigned === 0 && r.repliesDue === 0) expect(r.standing).toBe('NOTHING_DUE');
          else if (r.volume < min) expect(r.standing).toBe('BELOW_MINIMUM');
          expect(r.rank === null).toBe(r.standing !== 'RANKED');
        }
        for (const group of ['DEPARTMENT', 'COUNTY_DISTRICT']) {
          const ranked = out.filter((r) => r.group === group && r.standing === 'RANKED');
          if (ranked.length) expect(ranked[0]!.rank).toBe(1);
          for (const p of ranked) {
            for (const q of ranked) {
              const c = compareUnits(p, q);
              if (c < 0) expect(p.rank!).toBeLessThan(q.rank!);
              if (c === 0) expect(p.rank).toBe(q.rank);
            }
          }
        }
      }),
    );
  });

  it('gives competition ranks', () => {
    expect(competitionRanks([5, 4, 4, 3, 3, 3, 1], (a, b) => b - a)).toEqual([1, 2, 2, 4, 4, 4, 7]);
    expect(competitionRanks([], () => 0)).toEqual([]);
  });
});

describe('explaining a unit score', () => {
  it('lists every component with numerator, denominator, value and weight', () => {
    const c = zero(1, { assigned: 4, signedOnTime: 3, repliesDue: 4, repliedOnTime: 4, replied: 4, adopted: 1 });
    const parts = explainUnit(c, DEFAULT_UNIT_WEIGHTS);
    expect(parts.map((p) => p.key)).toEqual([...UNIT_COMPONENTS]);
    expect(parts.find((p) => p.key === 'response')).toEqual({ key: 'response', numerator: 3, denominator: 4, value: 7500, weight: 2100, effectiveWeight: 3206, contribution: 2405 });
    expect(parts.find((p) => p.key === 'satisfaction')).toMatchObject({ value: null, effectiveWeight: 0, contribution: 0, denominator: 0 });
  });

  it('has contributions that add up to the composite within rounding', () => {
    fc.assert(
      fc.property(arbCounts(1), arbWeights(UNIT_COMPONENTS), (c, w) => {
        const composite = weightedComposite(unitComponents(c), w as Record<UnitComponent, number>);
        const parts = explainUnit(c, w as Record<UnitComponent, number>);
        const sum = parts.reduce((s, p) => s + p.contribution, 0);
        if (composite === null) return expect(sum).toBe(0);
        expect(Math.abs(sum - composite)).toBeLessThanOrEqual(UNIT_COMPONENTS.length);
      }),
    );
  });
});

describe('citizen ranking', () => {
  it('scores adoption level, evaluators and support', () => {
    // Adopted (100), reviewed 4,4,4 (12 points → 75), 2 of max 4 supports (50):
    // 0.5×100 + 0.2×75 + 0.3×50 = 80
    expect(citizenScore({ suggestionId: 1, adoption: 'ADOPTED', supports: 2, reviews: 1, reviewPoints: 12 }, 4, DEFAULT_CITIZEN_WEIGHTS)).toEqual({
      adoption: 10000,
      evaluator: 7500,
      support: 5000,
      composite: 8000,
    });
    // Partly adopted (60), no reviews, no support anywhere: (0.5×60 + 0.3×0) / 0.8 = 37.5
    expect(citizenScore({ suggestionId: 2, adoption: 'PARTIALLY_ADOPTED', supports: 0, reviews: 0, reviewPoints: 0 }, 0, DEFAULT_CITIZEN_WEIGHTS).composite).toBe(3750);
  });

  it('nominates the top places, and everyone tied at the last one', () => {
    const rows = [
      { id: 1, composite: 9000, adoptionScore: 10000, supportCount: 5 },
      { id: 2, composite: 8000, adoptionScore: 10000, supportCount: 3 },
      { id: 3, composite: 8000, adoptionScore: 10000, supportCount: 3 },
      { id: 4, composite: 8000, adoptionScore: 6000, supportCount: 9 },
    ];
    expect(rankCitizens(rows, 2).map((r) => [r.row.id, r.rank, r.nominated])).toEqual([
      [1, 1, true],
      [2, 2, true],
      [3, 2, true],
      [4, 4, false],
    ]);
    expect(rankCitizens(rows, 0).every((r) => !r.nominated)).toBe(true);
  });
});

describe('quarters', () => {
  it('parses quarters as Shanghai calendar windows', () => {
    const q = parseQuarter('2026Q3');
    expect(q.start.toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(q.end.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(parseQuarter('2026Q4').end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('refuses anything else as BAD_USER_INPUT', () => {
    for (const bad of ['2026Q5', '2026Q0', '2026-Q3', 'Q3 2026', '26Q3', '1999Q1', '2026q3', '']) {
      expect(() => parseQuarter(bad)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'quarter' }));
    }
  });

  it('finds the quarter of an instant and the one before', () => {
    expect(quarterOf(new Date('2026-09-30T15:59:59.999Z'))).toBe('2026Q3');
    expect(quarterOf(new Date('2026-09-30T16:00:00.000Z'))).toBe('2026Q4');
    expect(previousQuarter(new Date('2026-10-01T00:00:00+08:00'))).toBe('2026Q3');
    expect(previousQuarter(new Date('2027-01-01T00:05:00+08:00'))).toBe('2026Q4');
    fc.assert(
      fc.property(fc.date({ min: new Date('2001-01-01'), max: new Date('2098-12-01'), noInvalidDate: true }), (at) => {
        const q = parseQuarter(quarterOf(at));
        expect(at >= q.start && at < q.end).toBe(true);
        expect(parseQuarter(previousQuarter(at)).end.getTime()).toBe(q.start.getTime());
      }),
    );
  });
});
