import { sqlCodeList } from '../database/sql-codes.js';
import type { SuggestionStatus } from './suggestion-workflow.js';

// "Owes a reply" (待答复), in one place for TypeScript and SQL: the lead unit holds the item and
// has not replied yet — assigned and waiting for its signature (签收), or signed and in progress.
// A reply, even one still under review, ends it. While an item owes a reply, reminders chase the
// unit, the overdue board (督办) and the quarterly overdue count take it past its reply deadline,
// the lead unit may return it, the office may transfer it, co-organisers sign and contribute, and
// the lead unit may ask for more time.

export const REPLY_OWED_STATUSES = ['ASSIGNED', 'IN_PROGRESS'] as const satisfies readonly SuggestionStatus[];

export function owesReply(status: SuggestionStatus): boolean {
  return (REPLY_OWED_STATUSES as readonly SuggestionStatus[]).includes(status);
}

/** `owesReply` as a SQL condition over a status column (both dialects), parenthesised. */
export function owesReplySql(statusColumn: string): string {
  return `(${statusColumn} IN ${sqlCodeList(REPLY_OWED_STATUSES)})`;
}

/** The sign deadline (签收时限) runs until the lead unit signs. */
export const SIGNATURE_OWED_STATUSES = ['ASSIGNED'] as const satisfies readonly SuggestionStatus[];

export function owesSignature(status: SuggestionStatus): boolean {
  return (SIGNATURE_OWED_STATUSES as readonly SuggestionStatus[]).includes(status);
}

/**
 * The unit's work list: it owes a reply, or its reply is under review (progress notes may still
 * be added). The unit inbox lists these by default.
 */
export const UNIT_WORK_STATUSES = [...REPLY_OWED_STATUSES, 'REPLY_REVIEW'] as const satisfies readonly SuggestionStatus[];

export function isUnitWork(status: SuggestionStatus): boolean {
  return (UNIT_WORK_STATUSES as readonly SuggestionStatus[]).includes(status);
}
