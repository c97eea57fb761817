import { OUTCOME_CODES, type CaseResult, type DisclosureStatus, type Outcome } from './disclosure-codes.js';
import { DisclosureStepError } from './disclosure.errors.js';
import { msg } from '../common/i18n/message.js';

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
      msg('disclosure.WRONG_STATUS', { step, status: facts.status, allowed }),
      { status: facts.status, allowed },
    );
  }
}

/** One extension, decided before the reply period ends. */
export function assertCanExtend(facts: LedgerFacts, now: Date): void {
  assertStatus(facts, 'extend');
  if (facts.extensionWorkingDays > 0) {
    throw new DisclosureStepError('ALREADY_EXTENDED', msg('disclosure.ALREADY_EXTENDED'));
  }
  if (now.getTime() > facts.dueAt.getTime()) {
    throw new DisclosureStepError('DEADLINE_PASSED', msg('disclosure.DEADLINE_PASSED'), {
      dueAt: facts.dueAt.toISOString(),
    });
  }
}

/** One correction (一次性告知), asked for within 7 working days of receipt. */
export function assertCanRequestCorrection(facts: LedgerFacts, now: Date, correctionDeadline: Date): void {
  assertStatus(facts, 'requestCorrection');
  if (facts.correctionRequestedAt) {
    throw new DisclosureStepError('CORRECTION_ALREADY_REQUESTED', msg('disclosure.CORRECTION_ALREADY_REQUESTED'));
  }
  if (now.getTime() > correctionDeadline.getTime()) {
    throw new DisclosureStepError('CORRECTION_WINDOW_PASSED', msg('disclosure.CORRECTION_WINDOW_PASSED'), {
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
      msg('disclosure.CORRECTION_PENDING'),
    );
  }
  if (outcome === 'UNAVAILABLE_STILL_UNCLEAR' && !facts.correctionAnsweredAt) {
    throw new DisclosureStepError('NO_CORRECTION', msg('disclosure.NO_CORRECTION'));
  }
  if (!facts.legalReviewedAt) {
    throw new DisclosureStepError('LEGAL_REVIEW_REQUIRED', msg('disclosure.LEGAL_REVIEW_REQUIRED'));
  }
}

/** The follow-up call (回访) comes after the reply, once. */
export function assertCanCompleteCallback(facts: { status: DisclosureStatus; callbackDoneAt: Date | null }): void {
  if (facts.status !== 'DECIDED') {
    throw new DisclosureStepError('WRONG_STATUS', msg('disclosure.CALLBACK_BEFORE_REPLY'), { status: facts.status });
  }
  if (facts.callbackDoneAt) throw new DisclosureStepError('CALLBACK_ALREADY_DONE', msg('disclosure.CALLBACK_ALREADY_DONE'));
}

/** A step of the ledger a client may be offered: the workflow steps plus the follow-up call. */
export type LedgerAction = DisclosureStep | 'completeCallback';

function passes(check: () => void): boolean {
  try {
    check();
    return true;
  } catch (err) {
    if (err instanceof DisclosureStepError) return false;
    throw err;
  }
}

/** The outcomes the guards accept now (none before the legal review, only OTHER while a correction is awaited). */
export function decidableOutcomes(facts: LedgerFacts): Outcome[] {
  return OUTCOME_CODES.filter((o) => passes(() => assertCanDecide(facts, o)));
}

/**
 * The steps the guards above would accept now, asked of the very same guards, so a page
 * offers exactly what the service allows. `correctionDeadline` as correctionNoticeDeadline().
 */
export function availableSteps(
  facts: LedgerFacts & { callbackDoneAt: Date | null },
  now: Date,
  correctionDeadline: Date,
): LedgerAction[] {
  const checks: [LedgerAction, () => boolean][] = [
    ['extend', () => passes(() => assertCanExtend(facts, now))],
    ['requestCorrection', () => passes(() => assertCanRequestCorrection(facts, now, correctionDeadline))],
    ['recordCorrection', () => passes(() => assertCanRecordCorrection(facts))],
    ['recordLegalReview', () => passes(() => assertCanRecordLegalReview(facts))],
    ['decide', () => decidableOutcomes(facts).length > 0],
    ['completeCallback', () => passes(() => assertCanCompleteCallback(facts))],
  ];
  return checks.filter(([, allowed]) => allowed()).map(([step]) => step);
}

/** An administrative case is concluded once: only a pending (尚未审结) one takes a result. */
export function assertCanConcludeCase(c: { id: number; result: CaseResult }): void {
  if (c.result !== 'PENDING') throw new DisclosureStepError('CASE_CONCLUDED', msg('disclosure.CASE_CONCLUDED', { caseId: c.id }), { result: c.result });
}

export function caseMayConclude(c: { id: number; result: CaseResult }): boolean {
  return passes(() => assertCanConcludeCase(c));
}
