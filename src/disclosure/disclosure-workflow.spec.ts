import { DisclosureStepError } from './disclosure.errors.js';
import {
  assertCanDecide,
  assertCanExtend,
  assertCanRecordCorrection,
  assertCanRecordLegalReview,
  assertCanRequestCorrection,
  availableSteps,
  decidableOutcomes,
  stepsAllowedFrom,
  type LedgerFacts,
} from './disclosure-workflow.js';

const open: LedgerFacts = {
  status: 'IN_PROGRESS',
  dueAt: new Date('2025-10-23T15:59:59.999Z'),
  extensionWorkingDays: 0,
  correctionRequestedAt: null,
  correctionAnsweredAt: null,
  legalReviewedAt: null,
};
const before = new Date('2025-10-01T00:00:00Z');
const after = new Date('2025-10-24T00:00:00Z');

function refusal(fn: () => void): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DisclosureStepError);
    expect((err as DisclosureStepError).code).toBe('CONFLICT');
    return (err as DisclosureStepError).reason;
  }
  throw new Error('expected a refusal');
}

describe('disclosure ledger steps', () => {
  it('lists what each status allows', () => {
    expect(stepsAllowedFrom('IN_PROGRESS')).toEqual(['extend', 'requestCorrection', 'recordLegalReview', 'decide']);
    expect(stepsAllowedFrom('AWAITING_CORRECTION')).toEqual(['recordCorrection', 'recordLegalReview', 'decide']);
    expect(stepsAllowedFrom('DECIDED')).toEqual([]);
  });

  it('extends once, before the period ends', () => {
    expect(() => assertCanExtend(open, before)).not.toThrow();
    expect(refusal(() => assertCanExtend({ ...open, extensionWorkingDays: 10 }, before))).toBe('ALREADY_EXTENDED');
    expect(refusal(() => assertCanExtend(open, after))).toBe('DEADLINE_PASSED');
    expect(refusal(() => assertCanExtend({ ...open, status: 'AWAITING_CORRECTION' }, before))).toBe('WRONG_STATUS');
    expect(refusal(() => assertCanExtend({ ...open, status: 'DECIDED' }, before))).toBe('WRONG_STATUS');
  });

  it('asks for a correction once, within its window', () => {
    const deadline = new Date('2025-09-29T15:59:59.999Z');
    expect(() => assertCanRequestCorrection(open, new Date('2025-09-29T10:00:00Z'), deadline)).not.toThrow();
    expect(refusal(() => assertCanRequestCorrection(open, new Date('2025-09-29T16:00:00Z'), deadline))).toBe('CORRECTION_WINDOW_PASSED');
    expect(refusal(() => assertCanRequestCorrection({ ...open, correctionRequestedAt: before, correctionAnsweredAt: before }, before, deadline))).toBe(
      'CORRECTION_ALREADY_REQUESTED',
    );
    expect(refusal(() => assertCanRecordCorrection(open))).toBe('WRONG_STATUS');
    expect(() => assertCanRecordCorrection({ ...open, status: 'AWAITING_CORRECTION' })).not.toThrow();
  });

  it('decides only after the legal review', () => {
    expect(refusal(() => assertCanDecide(open, 'DISCLOSED'))).toBe('LEGAL_REVIEW_REQUIRED');
    expect(() => assertCanDecide({ ...open, legalReviewedAt: before }, 'DISCLOSED')).not.toThrow();
    expect(refusal(() => assertCanDecide({ ...open, legalReviewedAt: before, status: 'DECIDED' }, 'DISCLOSED'))).toBe('WRONG_STATUS');
  });

  it('while a correction is awaited, decides only 其他处理; 仍不明确 needs an answered correction', () => {
    const waiting: LedgerFacts = { ...open, status: 'AWAITING_CORRECTION', correctionRequestedAt: before, legalReviewedAt: before };
    expect(refusal(() => assertCanDecide(waiting, 'DISCLOSED'))).toBe('CORRECTION_PENDING');
    expect(() => assertCanDecide(waiting, 'OTHER')).not.toThrow();
    expect(refusal(() => assertCanDecide({ ...open, legalReviewedAt: before }, 'UNAVAILABLE_STILL_UNCLEAR'))).toBe('NO_CORRECTION');
    expect(() =>
      assertCanDecide({ ...open, legalReviewedAt: before, correctionRequestedAt: before, correctionAnsweredAt: before }, 'UNAVAILABLE_STILL_UNCLEAR'),
    ).not.toThrow();
  });

  it('records the legal review while the request is open', () => {
    expect(() => assertCanRecordLegalReview(open)).not.toThrow();
    expect(() => assertCanRecordLegalReview({ ...open, status: 'AWAITING_CORRECTION' })).not.toThrow();
    expect(refusal(() => assertCanRecordLegalReview({ ...open, status: 'DECIDED' }))).toBe('WRONG_STATUS');
  });

  it('offers exactly the steps the guards accept, the follow-up call after the reply', () => {
    const window = new Date('2025-09-29T15:59:59.999Z');
    const fresh = { ...open, callbackDoneAt: null };
    expect(availableSteps(fresh, new Date('2025-09-25T00:00:00Z'), window)).toEqual(['extend', 'requestCorrection', 'recordLegalReview']);
    expect(availableSteps(fresh, before, window)).toEqual(['extend', 'recordLegalReview']);
    // Past the correction window and extended once: only the review remains; reviewed, the decision too.
    const extended = { ...fresh, extensionWorkingDays: 5 };
    expect(availableSteps(extended, new Date('2025-10-10T00:00:00Z'), window)).toEqual(['recordLegalReview']);
    expect(availableSteps({ ...extended, legalReviewedAt: before }, new Date('2025-10-10T00:00:00Z'), window)).toEqual(['recordLegalReview', 'decide']);
    // Past the due date: no extension any more.
    expect(availableSteps({ ...fresh, legalReviewedAt: before }, after, window)).toEqual(['recordLegalReview', 'decide']);
    const waiting = { ...fresh, status: 'AWAITING_CORRECTION' as const, correctionRequestedAt: before };
    expect(availableSteps(waiting, before, window)).toEqual(['recordCorrection', 'recordLegalReview']);
    expect(availableSteps({ ...waiting, legalReviewedAt: before }, before, window)).toEqual(['recordCorrection', 'recordLegalReview', 'decide']);
    const decided = { ...fresh, status: 'DECIDED' as const, legalReviewedAt: before };
    expect(availableSteps(decided, after, window)).toEqual(['completeCallback']);
    expect(availableSteps({ ...decided, callbackDoneAt: after }, after, window)).toEqual([]);
  });

  it('lists the outcomes a decision may take now', () => {
    expect(decidableOutcomes(open)).toEqual([]);
    const reviewed = decidableOutcomes({ ...open, legalReviewedAt: before });
    expect(reviewed).toContain('DISCLOSED');
    expect(reviewed).not.toContain('UNAVAILABLE_STILL_UNCLEAR');
    expect(decidableOutcomes({ ...open, legalReviewedAt: before, correctionRequestedAt: before, correctionAnsweredAt: before })).toContain('UNAVAILABLE_STILL_UNCLEAR');
    expect(decidableOutcomes({ ...open, status: 'AWAITING_CORRECTION', correctionRequestedAt: before, legalReviewedAt: before })).toEqual(['OTHER']);
  });
});
