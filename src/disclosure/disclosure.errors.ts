import { ConflictError } from '../common/errors.js';
import type { Message } from '../common/i18n/message.js';

/** Why a ledger step was refused; carried as `extensions.reason` next to `code: CONFLICT`. */
export type DisclosureRefusal =
  | 'WRONG_STATUS'
  | 'ALREADY_EXTENDED'
  | 'DEADLINE_PASSED'
  | 'CORRECTION_ALREADY_REQUESTED'
  | 'CORRECTION_WINDOW_PASSED'
  | 'CORRECTION_PENDING'
  | 'NO_CORRECTION'
  | 'LEGAL_REVIEW_REQUIRED'
  | 'CASE_CONCLUDED'
  | 'CALLBACK_ALREADY_DONE'
  | 'STALE';

/** A step the ledger does not allow now (CONFLICT), with a precise reason. */
export class DisclosureStepError extends ConflictError {
  constructor(
    readonly reason: DisclosureRefusal,
    message: Message,
    details: Record<string, unknown> = {},
  ) {
    super(message, { reason, ...details });
  }
}
