import type { DisclosureStatus, Outcome } from './disclosure-codes.js';
import { DisclosureStepError } from './disclosure.errors.js';

// What the ledger allows, as pure guards over a request's facts. The service loads the row,
// asks here, then writes with a conditional update; a refusal throws before anything is written.

export type DisclosureStep = 'extend' | 'requestCorrection' | 'recordCorrection' | 'recordLegalReview' | 'decide';

/** The statuses each step may start from. */
export const STEP_FROM: Readonly<Record<DisclosureStep, readonly DisclosureStatus[]>> = {
  extend: ['IN_PROGRESS'],
  requestCorrection: ['IN_PROGRESS'],
  recordCorrection: ['AWAITING_CORRECTION'],
  recordLegalReview: ['IN_PROGRESS', 'AWAITING_CORRECTION'],
  // From AWAITING_CORRECTION only as 其他处理: the applicant never answered (视为放弃申请).
  decide: ['IN_PROGRESS', 'AWAITING_CORRECTION'],
};

export interface LedgerFacts {
  status: DisclosureStatus;
  dueAt: Date;
  extensionWorkingDays: number;
  correctionRequestedAt: Date | null;
  correctionAnsweredAt: Date | null;
  legalReviewedAt: Date | null;
}

export function stepsAllowedFrom(status: DisclosureStatus): DisclosureStep[] {
  return (Object.keys(STEP_FROM) as DisclosureStep[]).filter((s) => STEP_FROM[s].includes(status));
}

function assertStatus(facts: LedgerFacts, step: DisclosureStep): void {
  if (!STEP_FROM[step].includes(facts.status)) {
    const allowed = stepsAllowedFrom(facts.status);
    throw new DisclosureStepError(
      'WRONG_STATUS',
      `Cannot ${step} a disclosure request in status ${facts.status}; allowed now: ${allowed.length ? allowed.join(', ') : 'nothing'}`,
      { status: facts.status, allowed },
    );
  }
}

/** One extension, decided before the reply period ends. */
export function assertCanExtend(facts: LedgerFacts, now: Date): void {
  assertStatus(facts, 'extend');
  if (facts.extensionWorkingDays > 0) {
    throw new DisclosureStepError('ALREADY_EXTENDED', 'The reply period was already extended once; the law allows one extension');
  }
  if (now.getTime() > facts.dueAt.getTime()) {
    throw new DisclosureStepError('DEADLINE_PASSED', 'The reply period has ended; an extension must be decided before it does', {
      dueAt: facts.dueAt.toISOString(),
    });
  }
}

/** One correction (一次性告知), asked for within 7 working days of receipt. */
export function assertCanRequestCorrection(facts: LedgerFacts, now: Date, correctionDeadline: Date): void {
  assertStatus(facts, 'requestCorrection');
  if (facts.correctionRequestedAt) {
    throw new DisclosureStepError('CORRECTION_ALREADY_REQUESTED', 'A correction was already requested; the law asks for all corrections at once');
  }
  if (now.getTime() > correctionDeadline.getTime()) {
    throw new DisclosureStepError('CORRECTION_WINDOW_PASSED', 'A correction must be requested within 7 working days of receipt', {
      deadline: correctionDeadline.toISOString(),
    });
  }
}

export function assertCanRecordCorrection(facts: LedgerFacts): void {
  assertStatus(facts, 'recordCorrection');
}

export function assertCanRecordLegalReview(facts: LedgerFacts): void {
  assertStatus(facts, 'recordLegalReview');
}

/**
 * Every reply passes the legal review (合法性审核) first. While a correction is awaited the
 * only possible decision is 其他处理 (the applicant is taken to have given up);
 * 补正后申请内容仍不明确 needs a correction that was answered.
 */
export function assertCanDecide(facts: LedgerFacts, outcome: Outcome): void {
  assertStatus(facts, 'decide');
  if (facts.status === 'AWAITING_CORRECTION' && outcome !== 'OTHER') {
    throw new DisclosureStepError(
      'CORRECTION_PENDING',
      'A correction is awaited: record the answer first, or decide 其他处理 (OTHER) if the applicant did not answer in time',
    );
  }
  if (outcome === 'UNAVAILABLE_STILL_UNCLEAR' && !facts.correctionAnsweredAt) {
    throw new DisclosureStepError('NO_CORRECTION', '补正后申请内容仍不明确 needs a correction the applicant answered');
  }
  if (!facts.legalReviewedAt) {
    throw new DisclosureStepError('LEGAL_REVIEW_REQUIRED', 'Record the legal review (合法性审核) before deciding');
  }
}
