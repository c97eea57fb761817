import { OUTCOME_CODES, type DisclosureStatus, type Outcome } from './disclosure-codes.js';
import { DisclosureStepError } from './disclosure.errors.js';
import { ForbiddenError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { defineLifecycle } from '../common/lifecycle/lifecycle.js';

// What the ledger allows (依申请公开), as data on the lifecycle core (src/common/lifecycle): the
// statuses each step starts from, the target, the guards over a request's facts, and the effects.
// The service loads the row, asks DISCLOSURE_LIFECYCLE, then writes with a conditional update; a
// refusal throws before anything is written. The office alone acts on the ledger: every service
// command asks requireOffice (disclosure-ledger.ts, LEDGER_WRITERS) first, so the one party here is OFFICE.

export type DisclosureStep = 'extend' | 'requestCorrection' | 'recordCorrection' | 'recordLegalReview' | 'decide';
/** A step of the ledger a client may be offered: the workflow steps plus the follow-up call. */
export type LedgerAction = DisclosureStep | 'completeCallback';

export interface LedgerFacts {
  status: DisclosureStatus;
  dueAt: Date;
  extensionWorkingDays: number;
  correctionRequestedAt: Date | null;
  correctionAnsweredAt: Date | null;
  legalReviewedAt: Date | null;
}

/** What the guards read; `now`, the correction deadline and the outcome only where a step asks. */
export interface LedgerStepFacts extends LedgerFacts {
  callbackDoneAt?: Date | null;
  now?: Date;
  /** As correctionNoticeDeadline(). */
  correctionDeadline?: Date;
  outcome?: Outcome;
}

/** A step's effect besides its history line: the reply opens the follow-up call (回访) through the outbox. */
export interface LedgerEffects {
  opensCallback?: true;
}

const WORKFLOW_STEPS: readonly DisclosureStep[] = ['extend', 'requestCorrection', 'recordCorrection', 'recordLegalReview', 'decide'];

const refuse = (code: ConstructorParameters<typeof DisclosureStepError>[0], details?: Record<string, unknown>) =>
  new DisclosureStepError(code, msg(`disclosure.${code}` as never), details);

export const DISCLOSURE_LIFECYCLE = defineLifecycle<DisclosureStatus, LedgerAction, 'OFFICE', LedgerStepFacts, LedgerEffects>({
  name: 'disclosure-request',
  statuses: ['IN_PROGRESS', 'AWAITING_CORRECTION', 'DECIDED'],
  initial: 'IN_PROGRESS',
  refusals: {
    wrongStatus: (step, status, allowed) => {
      if (step === 'completeCallback') return new DisclosureStepError('WRONG_STATUS', msg('disclosure.CALLBACK_BEFORE_REPLY'), { status });
      const steps = allowed.filter((a): a is DisclosureStep => a !== 'completeCallback');
      return new DisclosureStepError('WRONG_STATUS', msg('disclosure.WRONG_STATUS', { step, status, allowed: steps }), { status, allowed: steps });
    },
    wrongParty: () => new ForbiddenError(msg('disclosure.officeOnly')),
  },
  transitions: {
    // One extension, decided before the reply period ends.
    extend: {
      from: ['IN_PROGRESS'],
      who: ['OFFICE'],
      guards: [
        (f) => (f.extensionWorkingDays > 0 ? refuse('ALREADY_EXTENDED') : null),
        (f) => (f.now && f.now.getTime() > f.dueAt.getTime() ? refuse('DEADLINE_PASSED', { dueAt: f.dueAt.toISOString() }) : null),
      ],
    },
    // One correction (一次性告知), asked for within 7 working days of receipt; the clock stops.
    requestCorrection: {
      from: ['IN_PROGRESS'],
      who: ['OFFICE'],
      to: 'AWAITING_CORRECTION',
      guards: [
        (f) => (f.correctionRequestedAt ? refuse('CORRECTION_ALREADY_REQUESTED') : null),
        (f) =>
          f.now && f.correctionDeadline && f.now.getTime() > f.correctionDeadline.getTime()
            ? refuse('CORRECTION_WINDOW_PASSED', { deadline: f.correctionDeadline.toISOString() })
            : null,
      ],
    },
    recordCorrection: { from: ['AWAITING_CORRECTION'], who: ['OFFICE'], to: 'IN_PROGRESS' },
    recordLegalReview: { from: ['IN_PROGRESS', 'AWAITING_CORRECTION'], who: ['OFFICE'] },
    // Every reply passes the legal review (合法性审核) first. While a correction is awaited the only
    // possible decision is 其他处理 (the applicant is taken to have given up); 补正后申请内容仍不明确
    // needs a correction that was answered.
    decide: {
      from: ['IN_PROGRESS', 'AWAITING_CORRECTION'],
      who: ['OFFICE'],
      to: 'DECIDED',
      guards: [
        (f) => (f.status === 'AWAITING_CORRECTION' && f.outcome !== undefined && f.outcome !== 'OTHER' ? refuse('CORRECTION_PENDING') : null),
        (f) => (f.outcome === 'UNAVAILABLE_STILL_UNCLEAR' && !f.correctionAnsweredAt ? refuse('NO_CORRECTION') : null),
        (f) => (!f.legalReviewedAt ? refuse('LEGAL_REVIEW_REQUIRED') : null),
      ],
      effects: { opensCallback: true },
    },
    // The follow-up call (回访) comes after the reply, once.
    completeCallback: {
      from: ['DECIDED'],
      who: ['OFFICE'],
      guards: [(f) => (f.callbackDoneAt ? refuse('CALLBACK_ALREADY_DONE') : null)],
    },
  },
});

/** The statuses each step may start from (the table's). */
export const STEP_FROM: Readonly<Record<DisclosureStep, readonly DisclosureStatus[]>> = Object.fromEntries(
  WORKFLOW_STEPS.map((step) => [step, DISCLOSURE_LIFECYCLE.spec.transitions[step].from]),
) as Record<DisclosureStep, readonly DisclosureStatus[]>;

export function stepsAllowedFrom(status: DisclosureStatus): DisclosureStep[] {
  return WORKFLOW_STEPS.filter((s) => STEP_FROM[s].includes(status));
}

/** The table's decision for a step (throws the refusal). */
export function decideStep(step: LedgerAction, facts: LedgerStepFacts) {
  return DISCLOSURE_LIFECYCLE.decide(facts.status, step, ['OFFICE'], facts);
}

export function assertCanExtend(facts: LedgerFacts, now: Date): void {
  decideStep('extend', { ...facts, now });
}

export function assertCanRequestCorrection(facts: LedgerFacts, now: Date, correctionDeadline: Date): void {
  decideStep('requestCorrection', { ...facts, now, correctionDeadline });
}

export function assertCanRecordCorrection(facts: LedgerFacts): void {
  decideStep('recordCorrection', facts);
}

export function assertCanRecordLegalReview(facts: LedgerFacts): void {
  decideStep('recordLegalReview', facts);
}

export function assertCanDecide(facts: LedgerFacts, outcome: Outcome): void {
  decideStep('decide', { ...facts, outcome });
}

export function assertCanCompleteCallback(facts: { status: DisclosureStatus; callbackDoneAt: Date | null }): void {
  // Only the status and the call matter to this step.
  decideStep('completeCallback', facts as unknown as LedgerStepFacts);
}

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
 * The steps the table would accept now, asked of the very same guards, so a page offers exactly
 * what the service allows. `correctionDeadline` as correctionNoticeDeadline().
 */
export function availableSteps(
  facts: LedgerFacts & { callbackDoneAt: Date | null },
  now: Date,
  correctionDeadline: Date,
): LedgerAction[] {
  // decide: some outcome passes (the table's guards read the outcome).
  return DISCLOSURE_LIFECYCLE.allowed(facts.status, ['OFFICE'], { ...facts, now, correctionDeadline }).filter(
    (step) => step !== 'decide' || decidableOutcomes(facts).length > 0,
  );
}
