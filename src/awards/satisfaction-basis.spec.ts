import fc from 'fast-check';
import { ValidationError } from '../common/errors.js';
import {
  countedRatings,
  DEFAULT_SETTINGS,
  satisfactionBasisOf,
  satisfactionScore,
  satisfactionTally,
  SATISFACTION_BASES,
  type RatingFact,
} from './award-scoring.js';

// Issue 15: the satisfaction basis for reopened (重办) items.

const r = (id: number, suggestionId: number, unitId: number, points: number): RatingFact => ({ id, suggestionId, unitId, points });

describe('satisfaction basis', () => {
  // Item 1 was rated unsatisfied, reopened, then rated satisfied; item 2 rated basically satisfied once.
  const quarter = [r(10, 1, 7, 0), r(11, 2, 7, 80), r(12, 1, 7, 100)];

  it('counts every rating by default (today’s behaviour)', () => {
    expect(DEFAULT_SETTINGS.satisfactionBasis).toBe('EVERY_RATING');
    const t = satisfactionTally(quarter, 'EVERY_RATING').get(7)!;
    expect(t).toEqual({ rated: 3, points: 180 });
    expect(satisfactionScore(t.points, t.rated)).toBe(6000);
  });

  it('counts only the final rating of a reopened item', () => {
    expect(countedRatings(quarter, 'FINAL_RATING').map((x) => x.id)).toEqual([11, 12]);
    const t = satisfactionTally(quarter, 'FINAL_RATING').get(7)!;
    expect(t).toEqual({ rated: 2, points: 180 });
    expect(satisfactionScore(t.points, t.rated)).toBe(9000);
  });

  it('takes the last rating by id, not by list order', () => {
    const shuffled = [r(12, 1, 7, 100), r(10, 1, 7, 0)];
    expect(countedRatings(shuffled, 'FINAL_RATING')).toEqual([r(12, 1, 7, 100)]);
  });

  it('keeps an item’s ratings for different units apart (a transfer between replies)', () => {
    const transferred = [r(1, 5, 7, 0), r(2, 5, 8, 100)];
    expect(countedRatings(transferred, 'FINAL_RATING')).toEqual(transferred);
    expect(satisfactionTally(transferred, 'FINAL_RATING')).toEqual(new Map([[7, { rated: 1, points: 0 }], [8, { rated: 1, points: 100 }]]));
  });

  it('accepts the two bases and refuses anything else as BAD_USER_INPUT on the field', () => {
    for (const b of SATISFACTION_BASES) expect(satisfactionBasisOf(b)).toBe(b);
    for (const bad of ['final', '', null, 3, 'EVERY_RATING ']) {
      expect(() => satisfactionBasisOf(bad)).toThrow(ValidationError);
    }
    try {
      satisfactionBasisOf('LAST');
    } catch (e) {
      expect((e as ValidationError).field).toBe('satisfactionBasis');
    }
    expect.assertions(SATISFACTION_BASES.length + 6);
  });

  it('properties: FINAL counts each (item, unit) once; EVERY counts all; both agree when nothing was reopened', () => {
    const ratingList = fc
      .array(fc.record({ suggestionId: fc.integer({ min: 1, max: 6 }), unitId: fc.integer({ min: 1, max: 3 }), points: fc.constantFrom(0, 80, 100) }), { maxLength: 30 })
      .map((xs) => xs.map((x, i) => ({ ...x, id: i + 1 })));
    fc.assert(
      fc.property(ratingList, (ratings) => {
        const every = countedRatings(ratings, 'EVERY_RATING');
        const final = countedRatings(ratings, 'FINAL_RATING');
        expect(every).toHaveLength(ratings.length);
        const keys = new Set(ratings.map((x) => `${x.suggestionId}:${x.unitId}`));
        expect(final).toHaveLength(keys.size);
        for (const f of final) {
          expect(ratings.some((x) => x.suggestionId === f.suggestionId && x.unitId === f.unitId && x.id > f.id)).toBe(false);
        }
        if (keys.size === ratings.length) expect(final).toEqual(every);
      }),
    );
  });
});
