import type { EntityManager } from 'typeorm';
import { hasRole, requireRole, type Actor } from '../auth/actor.js';
import { OFFICE_ROLES, type StaffRole } from '../auth/roles.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { ValidationError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { outboxEntry, type OutboxEntry } from '../jobs/job-types.js';
import { dueSoonReminderAt } from './disclosure-deadlines.js';
import { DisclosureEventEntity } from './disclosure-event.entity.js';
import { LedgerCounterEntity } from './ledger-counter.entity.js';

// What the ledger's services share: who may read and write it, its history lines, numbering, the
// office's reminder and input checks.

/** Who reads the ledger (the resolver's @Allow and DisclosureReadsService both use this list). */
export const LEDGER_READERS: readonly StaffRole[] = ['COORDINATOR', 'AUDITOR', 'ADMIN'];
/** The coordinating office alone writes the ledger and sees the applicant's contact. */
export const LEDGER_WRITERS: readonly StaffRole[] = OFFICE_ROLES;

export async function nextLedgerSequence(em: EntityManager, year: number): Promise<number> {
  await em
    .createQueryBuilder()
    .update(LedgerCounterEntity)
    .set({ lastSequence: () => 'lastSequence + 1' })
    .where('year = :year', { year })
    .execute();
  const counter = await em.findOneByOrFail(LedgerCounterEntity, { year });
  return counter.lastSequence;
}

export async function appendEvent(em: EntityManager, requestId: number, action: string, actorId: number | null, note: string | null, at: Date): Promise<void> {
  await em.insert(DisclosureEventEntity, { requestId, action, actorId, note, at });
}

/** The office's reminder, keyed by the deadline: a new deadline schedules anew. */
export function dueSoonEntry(calendar: WorkingDayCalendar, requestId: number, dueAt: Date): OutboxEntry {
  const due = dueAt.toISOString();
  return outboxEntry('disclosure.due-soon', { requestId, dueAt: due }, `disclosure-due-soon:${requestId}:${due}`, dueSoonReminderAt(calendar, dueAt));
}

/** The office's id, or FORBIDDEN (disclosure.officeOnly) for anyone else, before anything is read. */
export function requireOffice(actor: Actor): number {
  requireRole(actor, LEDGER_WRITERS, msg('disclosure.officeOnly'));
  return actor.id;
}

export function requireLedgerReader(actor: Actor): void {
  requireRole(actor, LEDGER_READERS);
}

/** Whether the caller keeps the ledger (the steps a page offers). */
export const keepsLedger = (actor: Actor): boolean => hasRole(actor, ...LEDGER_WRITERS);

export function assertPast(field: string, at: Date, now: Date): void {
  if (at.getTime() > now.getTime()) throw new ValidationError(msg('input.notFuture', { field }), field);
}

export function requireText(field: string, value: string, min: number): string {
  const trimmed = value.trim();
  if (trimmed.length < min) throw new ValidationError(msg('input.minLength', { field, min }), field);
  return trimmed;
}
