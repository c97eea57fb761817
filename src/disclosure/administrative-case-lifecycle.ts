import { ForbiddenError, ValidationError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { defineLifecycle } from '../common/lifecycle/lifecycle.js';
import { CASE_RESULT_CODES, type CaseResult } from './disclosure-codes.js';
import { DisclosureStepError } from './disclosure.errors.js';

// An administrative review or lawsuit about disclosure (行政复议、行政诉讼) on the lifecycle core
// (src/common/lifecycle). Its status is its result: PENDING (尚未审结) until the office records the
// conclusion once — UPHELD, CORRECTED or OTHER. A case may also be recorded already concluded
// (recordAdministrativeCase without caseId); that is its creation, not a transition. As on the
// ledger, the office alone acts (the service asks requireOffice first), so the one party is
// OFFICE. Pure.

export type CaseAction = 'conclude';

export interface CaseFacts {
  caseId: number;
  /** The result asked for. */
  result: CaseResult;
  filedAt: Date;
  concludedAt: Date | null;
}

/** What concluding writes besides the case row: a line in the history of the request it challenges, if any. */
export interface CaseEffects {
  requestHistory: 'ADMINISTRATIVE_CASE_CONCLUDED';
}

const CONCLUDED: readonly CaseResult[] = CASE_RESULT_CODES.filter((r) => r !== 'PENDING');

/**
 * A conclusion names a concluded result. A guard of `conclude`; the service also asks it before
 * loading the case, so bad input is refused as such whatever the case id.
 */
export const concludesWithResult = (f: Pick<CaseFacts, 'result'>) => (f.result === 'PENDING' ? new ValidationError(msg('disclosure.concludeWith'), 'result') : null);

export const ADMINISTRATIVE_CASE_LIFECYCLE = defineLifecycle<CaseResult, CaseAction, 'OFFICE', CaseFacts, CaseEffects>({
  name: 'administrative-case',
  statuses: CASE_RESULT_CODES,
  initial: 'PENDING',
  refusals: {
    wrongStatus: (_action, status, _allowed, { caseId }) => new DisclosureStepError('CASE_CONCLUDED', msg('disclosure.CASE_CONCLUDED', { caseId }), { result: status }),
    wrongParty: () => new ForbiddenError(msg('disclosure.officeOnly')),
  },
  transitions: {
    conclude: {
      from: ['PENDING'],
      who: ['OFFICE'],
      to: { targets: CONCLUDED, pick: (f) => f.result },
      guards: [
        concludesWithResult,
        (f) => (f.concludedAt && f.concludedAt < f.filedAt ? new ValidationError(msg('disclosure.beforeCaseFiled', { field: 'concludedAt' }), 'concludedAt') : null),
      ],
      effects: { requestHistory: 'ADMINISTRATIVE_CASE_CONCLUDED' },
    },
  },
});

/** Whether a case may still be concluded (offered as `conclude` to the office). */
export function caseMayConclude(c: { result: CaseResult }): boolean {
  return ADMINISTRATIVE_CASE_LIFECYCLE.allowed(c.result, ['OFFICE']).includes('conclude');
}
