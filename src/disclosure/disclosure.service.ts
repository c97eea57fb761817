import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { shanghaiDate, startOfShanghaiDate } from '../calendar/shanghai-time.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { Clock } from '../common/clock.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../common/errors.js';
import { LOGGER } from '../common/logger.module.js';
import type { Logger } from '../common/logger.js';
import { PiiCrypto } from '../common/pii-crypto.js';
import { Transactions } from '../database/transactions.js';
import { applyKeyset, toConnection, type ConnectionShape, countLater } from '../graphql/connection.js';
import { outboxEntry, type OutboxEntry } from '../jobs/job-types.js';
import { writeOutbox } from '../jobs/outbox.js';
import { normalizeContactPhone } from './contact-phone.js';
import { DisclosureCaseEntity } from './disclosure-case.entity.js';
import { correctionNoticeDeadline, dueSoonReminderAt, pausedWorkingDays, replyDueAt } from './disclosure-deadlines.js';
import { DisclosureEventEntity } from './disclosure-event.entity.js';
import { DisclosureRequestEntity, newDisclosureRequestRow } from './disclosure-request.entity.js';
import {
  assertCanCompleteCallback,
  assertCanConcludeCase,
  assertCanDecide,
  assertCanExtend,
  assertCanRecordCorrection,
  assertCanRecordLegalReview,
  assertCanRequestCorrection,
} from './disclosure-workflow.js';
import { DisclosureStepError } from './disclosure.errors.js';
import { LedgerCounterEntity } from './ledger-counter.entity.js';
import { parseLedgerNumber } from './ledger-number.js';
import {
  toDisclosureCaseObject,
  toDisclosureRequestObject,
  type DisclosureCaseObject,
  type DisclosureRequestObject,
} from './dto/disclosure.object.js';
import type {
  CompleteDisclosureCallbackInput,
  DecideDisclosureRequestInput,
  DisclosureCasesArgs,
  DisclosureRequestArgs,
  DisclosureRequestsArgs,
  ExtendDisclosureRequestInput,
  RecordAdministrativeCaseInput,
  RecordDisclosureCorrectionInput,
  RecordLegalReviewInput,
  RegisterDisclosureRequestInput,
  RequestDisclosureCorrectionInput,
} from './dto/disclosure.inputs.js';
import { OFFICIAL_CALENDAR_FROM_YEAR } from '../calendar/holiday-source.js';
import { msg } from '../common/i18n/message.js';

type Patch = Partial<Omit<DisclosureRequestEntity, 'id' | 'version' | 'updatedAt'>>;

/** What a ledger step changes: the row, its history line, and the jobs it implies. */
interface StepResult {
  patch: Patch;
  note?: string;
  outbox?: OutboxEntry[];
}

// Deadlines need the official holidays of the year received: the calendar holds them from this year on.
const EARLIEST = new Date(`${OFFICIAL_CALENDAR_FROM_YEAR}-01-01T00:00:00+08:00`);

/**
 * The disclosure ledger (依申请公开). Each command loads the row, asks the pure guards in
 * disclosure-workflow.ts, and writes the change, its history line and its jobs in one
 * transaction with an update conditional on the row's version; a refusal writes nothing.
 */
@Injectable()
export class DisclosureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
    private readonly pii: PiiCrypto,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async register(actor: Actor, input: RegisterDisclosureRequestInput): Promise<DisclosureRequestObject> {
    const staffId = requireStaff(actor);
    const now = this.clock.now();
    const receivedAt = input.receivedAt ?? now;
    assertPast('receivedAt', receivedAt, now);
    if (receivedAt < EARLIEST) throw new ValidationError(msg('disclosure.receivedTooEarly', { year: OFFICIAL_CALENDAR_FROM_YEAR }), 'receivedAt');
    const phone = normalizeContactPhone(input.contactPhone);
    if (!phone) {
      throw new ValidationError(msg('format.contactPhone'), 'contactPhone');
    }
    const applicantName = input.applicantName.trim();
    const subject = input.subject.trim();
    const content = input.content.trim();
    if (!applicantName) throw new ValidationError(msg('input.notBlank', { field: 'applicantName' }), 'applicantName');
    if (subject.length < 2) throw new ValidationError(msg('input.minLength', { field: 'subject', min: 2 }), 'subject');
    if (content.length < 2) throw new ValidationError(msg('input.minLength', { field: 'content', min: 2 }), 'content');
    const calendar = await this.calendar.calendar();
    const dueAt = replyDueAt(calendar, { receivedAt, extensionWorkingDays: 0, pausedWorkingDays: 0 });
    const year = Number(shanghaiDate(receivedAt).slice(0, 4));
    // The year's counter row exists before the numbering transaction, which then only takes
    // the row lock of one UPDATE: concurrent registrations queue there instead of deadlocking.
    await this.tx.run((em) =>
      em.createQueryBuilder().insert().into(LedgerCounterEntity).values({ year, lastSequence: 0 }).orIgnore().execute(),
    );
    const row = await this.tx.run(async (em) => {
      const sequence = await nextLedgerSequence(em, year);
      const values = newDisclosureRequestRow(
        {
          ledgerYear: year,
          ledgerSequence: sequence,
          applicantType: input.applicantType,
          applicantName,
          contactPhoneCiphertext: this.pii.encrypt(phone),
          contactPhoneHash: this.pii.lookupHash(phone),
          channel: input.channel,
          subject,
          content,
          receivedAt,
          dueAt,
          registeredById: staffId,
        },
        now,
      );
      const inserted = await em.insert(DisclosureRequestEntity, values);
      const id = inserted.identifiers[0]!.id as number;
      await appendEvent(em, id, 'REGISTERED', staffId, `due ${shanghaiDate(dueAt)}`, now);
      await writeOutbox(em, now, [dueSoonEntry(calendar, id, dueAt)]);
      return { ...values, id } as DisclosureRequestEntity;
    });
    return this.toObject(row, now);
  }

  /** One extension of up to 20 working days, before the period ends. */
  extend(actor: Actor, input: ExtendDisclosureRequestInput): Promise<DisclosureRequestObject> {
    return this.step(actor, input.id, 'EXTENDED', (row, calendar, now) => {
      assertCanExtend(row, now);
      const reason = requireText('reason', input.reason, 2);
      const dueAt = replyDueAt(calendar, { ...row, extensionWorkingDays: input.workingDays });
      return {
        patch: { extensionWorkingDays: input.workingDays, extensionReason: reason, extendedAt: now, dueAt },
        note: `+${input.workingDays} working days, due ${shanghaiDate(dueAt)}`,
        outbox: [dueSoonEntry(calendar, row.id, dueAt)],
      };
    });
  }

  /** 补正: asks the applicant, once, within 7 working days of receipt; the clock stops. */
  requestCorrection(actor: Actor, input: RequestDisclosureCorrectionInput): Promise<DisclosureRequestObject> {
    return this.step(actor, input.id, 'CORRECTION_REQUESTED', (row, calendar, now) => {
      assertCanRequestCorrection(row, now, correctionNoticeDeadline(calendar, row.receivedAt));
      const note = requireText('note', input.note, 2);
      return { patch: { status: 'AWAITING_CORRECTION', correctionRequestedAt: now, correctionNote: note } };
    });
  }

  /** The corrected application arrived: the clock runs again and the due date moves by the working days it stood still. */
  recordCorrection(actor: Actor, input: RecordDisclosureCorrectionInput): Promise<DisclosureRequestObject> {
    return this.step(actor, input.id, 'CORRECTION_RECEIVED', (row, calendar, now) => {
      assertCanRecordCorrection(row);
      const answeredAt = input.answeredAt ?? now;
      assertPast('answeredAt', answeredAt, now);
      if (answeredAt < row.correctionRequestedAt!) throw new ValidationError(msg('disclosure.beforeCorrectionRequested', { field: 'answeredAt' }), 'answeredAt');
      const paused = pausedWorkingDays(calendar, row.correctionRequestedAt!, answeredAt);
      const dueAt = replyDueAt(calendar, { ...row, pausedWorkingDays: paused });
      return {
        patch: { status: 'IN_PROGRESS', correctionAnsweredAt: answeredAt, pausedWorkingDays: paused, dueAt },
        note: `paused ${paused} working days, due ${shanghaiDate(dueAt)}`,
        outbox: [dueSoonEntry(calendar, row.id, dueAt)],
      };
    });
  }

  /** 合法性审核: recorded before the reply; a later review replaces an earlier one (the history keeps both). */
  recordLegalReview(actor: Actor, input: RecordLegalReviewInput): Promise<DisclosureRequestObject> {
    return this.step(actor, input.id, 'LEGAL_REVIEW_RECORDED', (row, _calendar, now) => {
      assertCanRecordLegalReview(row);
      const reviewedAt = input.reviewedAt ?? now;
      assertPast('reviewedAt', reviewedAt, now);
      if (reviewedAt < row.receivedAt) throw new ValidationError(msg('disclosure.beforeReceived', { field: 'reviewedAt' }), 'reviewedAt');
      const reviewer = requireText('reviewer', input.reviewer, 2);
      return {
        patch: { legalReviewer: reviewer, legalReviewedAt: reviewedAt, legalReviewOpinion: input.opinion?.trim() || null },
        note: `reviewed ${shanghaiDate(reviewedAt)}`,
      };
    });
  }

  /** The reply with its statutory outcome; opens the follow-up call task through the outbox. */
  decide(actor: Actor, input: DecideDisclosureRequestInput): Promise<DisclosureRequestObject> {
    const staffId = requireStaff(actor);
    return this.step(actor, input.id, 'DECIDED', (row, _calendar, now) => {
      assertCanDecide(row, input.outcome);
      const repliedAt = input.repliedAt ?? now;
      assertPast('repliedAt', repliedAt, now);
      if (repliedAt < row.receivedAt) throw new ValidationError(msg('disclosure.beforeReceived', { field: 'repliedAt' }), 'repliedAt');
      if (repliedAt < row.legalReviewedAt!) throw new ValidationError(msg('disclosure.beforeLegalReview', { field: 'repliedAt' }), 'repliedAt');
      if (row.correctionAnsweredAt && repliedAt < row.correctionAnsweredAt) {
        throw new ValidationError(msg('disclosure.beforeCorrectionAnswered', { field: 'repliedAt' }), 'repliedAt');
      }
      return {
        patch: { status: 'DECIDED', outcome: input.outcome, repliedAt, replyNote: input.replyNote?.trim() || null, decidedById: staffId },
        note: input.outcome,
        outbox: [outboxEntry('disclosure.callback', { requestId: row.id }, `disclosure-callback:${row.id}`, now)],
      };
    });
  }

  /** The office made its follow-up call; the task closes (and counts as opened, if the job has not run yet). */
  completeCallback(actor: Actor, input: CompleteDisclosureCallbackInput): Promise<DisclosureRequestObject> {
    return this.step(actor, input.id, 'CALLBACK_DONE', (row, _calendar, now) => {
      assertCanCompleteCallback(row);
      const note = requireText('note', input.note, 1);
      return { patch: { callbackOpenedAt: row.callbackOpenedAt ?? now, callbackDoneAt: now, callbackNote: note } };
    });
  }

  /** Shows the applicant's name and number to the office for the follow-up call; the reveal is recorded. */
  async revealContact(actor: Actor, id: number): Promise<{ id: number; applicantName: string; contactPhone: string }> {
    const staffId = requireStaff(actor);
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const row = await em.findOneBy(DisclosureRequestEntity, { id });
      if (!row) throw new NotFoundError('DisclosureRequest', id);
      await appendEvent(em, id, 'CONTACT_REVEALED', staffId, null, now);
      return { id, applicantName: row.applicantName, contactPhone: this.pii.decrypt(row.contactPhoneCiphertext) };
    });
  }

  /**
   * Records an administrative review or lawsuit (new: kind and filedAt), or concludes a
   * pending one (caseId). Section 四 of the report counts them.
   */
  async recordCase(actor: Actor, input: RecordAdministrativeCaseInput): Promise<DisclosureCaseObject> {
    const staffId = requireStaff(actor);
    const now = this.clock.now();
    const concludedAt = this.conclusionDate(input, now);
    if (input.caseId) {
      for (const field of ['requestId', 'kind', 'filedAt'] as const) {
        if (input[field] != null) throw new ValidationError(msg('disclosure.caseKeepsField', { field }), field);
      }
      if (input.result === 'PENDING') throw new ValidationError(msg('disclosure.concludeWith'), 'result');
      return this.tx.run(async (em) => {
        const c = await em.findOneBy(DisclosureCaseEntity, { id: input.caseId! });
        if (!c) throw new NotFoundError('AdministrativeCase', input.caseId!);
        assertCanConcludeCase(c);
        if (concludedAt! < c.filedAt) throw new ValidationError(msg('disclosure.beforeCaseFiled', { field: 'concludedAt' }), 'concludedAt');
        const patch = {
          result: input.result,
          concludedAt,
          caseNumber: input.caseNumber?.trim() || c.caseNumber,
          note: input.note?.trim() || c.note,
          version: c.version + 1,
          updatedAt: now,
        };
        const res = await em.update(DisclosureCaseEntity, { id: c.id, version: c.version }, patch);
        if (!res.affected) throw new DisclosureStepError('STALE', msg('disclosure.STALE'));
        if (c.requestId) await appendEvent(em, c.requestId, 'ADMINISTRATIVE_CASE_CONCLUDED', staffId, `${c.kind} ${input.result}`, now);
        return toDisclosureCaseObject({ ...c, ...patch });
      });
    }
    if (!input.kind) throw new ValidationError(msg('input.requiredForNewCase', { field: 'kind' }), 'kind');
    if (!input.filedAt) throw new ValidationError(msg('input.requiredForNewCase', { field: 'filedAt' }), 'filedAt');
    assertPast('filedAt', input.filedAt, now);
    if (concludedAt && concludedAt < input.filedAt) throw new ValidationError(msg('disclosure.beforeCaseFiled', { field: 'concludedAt' }), 'concludedAt');
    return this.tx.run(async (em) => {
      if (input.requestId) {
        const request = await em.findOneBy(DisclosureRequestEntity, { id: input.requestId });
        if (!request) throw new NotFoundError('DisclosureRequest', input.requestId);
        if (input.filedAt! < request.receivedAt) throw new ValidationError(msg('disclosure.beforeReceived', { field: 'filedAt' }), 'filedAt');
      }
      const values: Omit<DisclosureCaseEntity, 'id'> = {
        requestId: input.requestId ?? null,
        kind: input.kind!,
        result: input.result,
        filedAt: input.filedAt!,
        concludedAt,
        caseNumber: input.caseNumber?.trim() || null,
        note: input.note?.trim() || null,
        recordedById: staffId,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      const inserted = await em.insert(DisclosureCaseEntity, values);
      const id = inserted.identifiers[0]!.id as number;
      if (values.requestId) await appendEvent(em, values.requestId, 'ADMINISTRATIVE_CASE_RECORDED', staffId, `${values.kind} ${values.result}`, now);
      return toDisclosureCaseObject({ ...values, id });
    });
  }

  /** A concluded result needs a date (default now, never in the future); a pending one has none. */
  private conclusionDate(input: RecordAdministrativeCaseInput, now: Date): Date | null {
    if (input.result === 'PENDING') {
      if (input.concludedAt) throw new ValidationError(msg('disclosure.pendingNoConclusion'), 'concludedAt');
      return null;
    }
    const at = input.concludedAt ?? now;
    assertPast('concludedAt', at, now);
    return at;
  }

  async list(args: DisclosureRequestsArgs): Promise<ConnectionShape<DisclosureRequestObject>> {
    const now = this.clock.now();
    const qb = this.dataSource.getRepository(DisclosureRequestEntity).createQueryBuilder('r');
    if (args.status) qb.andWhere('r.status = :status', { status: args.status });
    if (args.applicantType) qb.andWhere('r.applicantType = :applicantType', { applicantType: args.applicantType });
    if (args.outcome) qb.andWhere('r.outcome = :outcome', { outcome: args.outcome });
    if (args.receivedYear) {
      qb.andWhere('r.receivedAt >= :yearStart AND r.receivedAt < :yearEnd', {
        yearStart: startOfShanghaiDate(`${args.receivedYear}-01-01`),
        yearEnd: startOfShanghaiDate(`${args.receivedYear + 1}-01-01`),
      });
    }
    if (args.overdue === true) qb.andWhere('r.status = :open AND r.dueAt < :now', { open: 'IN_PROGRESS', now });
    if (args.overdue === false) qb.andWhere('NOT (r.status = :open AND r.dueAt < :now)', { open: 'IN_PROGRESS', now });
    if (args.callbackPending === true) qb.andWhere('r.callbackOpenedAt IS NOT NULL AND r.callbackDoneAt IS NULL');
    if (args.callbackPending === false) qb.andWhere('(r.callbackOpenedAt IS NULL OR r.callbackDoneAt IS NOT NULL)');
    const total = countLater(qb);
    applyKeyset(qb, 'r.id', 'r.id', 'DESC', args.after);
    const rows = await qb.take(args.first + 1).getMany();
    return toConnection(rows, args.first, total, (r) => [r.id, r.id], (r) => this.toObject(r, now));
  }

  async get(args: DisclosureRequestArgs): Promise<DisclosureRequestObject | null> {
    if ((args.id == null) === (args.ledgerNumber == null)) {
      throw new ValidationError(msg('disclosure.idOrLedger'), args.id == null ? 'id' : 'ledgerNumber');
    }
    const repo = this.dataSource.getRepository(DisclosureRequestEntity);
    let row: DisclosureRequestEntity | null;
    if (args.id != null) {
      row = await repo.findOneBy({ id: args.id });
    } else {
      const parsed = parseLedgerNumber(args.ledgerNumber!);
      if (!parsed) throw new ValidationError(msg('format.ledgerNumber'), 'ledgerNumber');
      row = await repo.findOneBy({ ledgerYear: parsed.year, ledgerSequence: parsed.sequence });
    }
    return row ? this.toObject(row, this.clock.now()) : null;
  }

  async listCases(args: DisclosureCasesArgs): Promise<ConnectionShape<DisclosureCaseObject>> {
    const qb = this.dataSource.getRepository(DisclosureCaseEntity).createQueryBuilder('c');
    if (args.year) {
      qb.andWhere('c.filedAt >= :yearStart AND c.filedAt < :yearEnd', {
        yearStart: startOfShanghaiDate(`${args.year}-01-01`),
        yearEnd: startOfShanghaiDate(`${args.year + 1}-01-01`),
      });
    }
    if (args.requestId) qb.andWhere('c.requestId = :requestId', { requestId: args.requestId });
    const total = countLater(qb);
    applyKeyset(qb, 'c.id', 'c.id', 'DESC', args.after);
    const rows = await qb.take(args.first + 1).getMany();
    return toConnection(rows, args.first, total, (c) => [c.id, c.id], toDisclosureCaseObject);
  }

  /** Job `disclosure.callback`: opens the follow-up call task once; false when there is nothing to open. */
  async openCallback(requestId: number): Promise<boolean> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const res = await em.update(
        DisclosureRequestEntity,
        { id: requestId, status: 'DECIDED', callbackOpenedAt: IsNull() },
        { callbackOpenedAt: now, updatedAt: now },
      );
      if (!res.affected) return false;
      await appendEvent(em, requestId, 'CALLBACK_OPENED', null, null, now);
      return true;
    });
  }

  /**
   * Job `disclosure.due-soon`: reminds the office when the request is still open with the
   * deadline the reminder was scheduled for. A reply, a pause or a new deadline since then
   * makes it a no-op, so changes never hunt down old reminders.
   */
  async remindDueSoon(requestId: number, dueAt: string): Promise<boolean> {
    const now = this.clock.now();
    const note = `due ${dueAt}`;
    const reminded = await this.tx.run(async (em) => {
      const row = await em.findOneBy(DisclosureRequestEntity, { id: requestId });
      if (!row || row.status !== 'IN_PROGRESS' || row.dueAt.toISOString() !== dueAt) return false;
      // Delivery is at least once: the history line is the reminder's own dedupe.
      if (await em.existsBy(DisclosureEventEntity, { requestId, action: 'DUE_SOON_REMINDED', note })) return false;
      await appendEvent(em, requestId, 'DUE_SOON_REMINDED', null, note, now);
      return true;
    });
    if (reminded) this.logger.info({ disclosureRequestId: requestId, dueAt }, 'disclosure reply due soon');
    return reminded;
  }

  /**
   * Loads, checks and writes one step in a transaction. The update is conditional on the
   * version read, so two coordinators acting at once cannot both succeed.
   */
  private async step(
    actor: Actor,
    id: number,
    action: string,
    decide: (row: DisclosureRequestEntity, calendar: WorkingDayCalendar, now: Date) => StepResult,
  ): Promise<DisclosureRequestObject> {
    const staffId = requireStaff(actor);
    const calendar = await this.calendar.calendar();
    const now = this.clock.now();
    const updated = await this.tx.run(async (em) => {
      const row = await em.findOneBy(DisclosureRequestEntity, { id });
      if (!row) throw new NotFoundError('DisclosureRequest', id);
      const { patch, note, outbox } = decide(row, calendar, now);
      const change = { ...patch, version: row.version + 1, updatedAt: now };
      const res = await em.update(DisclosureRequestEntity, { id, version: row.version }, change);
      if (!res.affected) throw new DisclosureStepError('STALE', msg('disclosure.STALE'));
      await appendEvent(em, id, action, staffId, note ?? null, now);
      await writeOutbox(em, now, outbox ?? []);
      return { ...row, ...change } as DisclosureRequestEntity;
    });
    return this.toObject(updated, now);
  }

  private toObject(row: DisclosureRequestEntity, now: Date): DisclosureRequestObject {
    return toDisclosureRequestObject(row, this.pii.decrypt(row.contactPhoneCiphertext), now);
  }
}

async function nextLedgerSequence(em: EntityManager, year: number): Promise<number> {
  await em
    .createQueryBuilder()
    .update(LedgerCounterEntity)
    .set({ lastSequence: () => 'lastSequence + 1' })
    .where('year = :year', { year })
    .execute();
  const counter = await em.findOneByOrFail(LedgerCounterEntity, { year });
  return counter.lastSequence;
}

async function appendEvent(em: EntityManager, requestId: number, action: string, actorId: number | null, note: string | null, at: Date): Promise<void> {
  await em.insert(DisclosureEventEntity, { requestId, action, actorId, note, at });
}

/** The office's reminder, keyed by the deadline: a new deadline schedules anew. */
function dueSoonEntry(calendar: WorkingDayCalendar, requestId: number, dueAt: Date): OutboxEntry {
  const due = dueAt.toISOString();
  return outboxEntry('disclosure.due-soon', { requestId, dueAt: due }, `disclosure-due-soon:${requestId}:${due}`, dueSoonReminderAt(calendar, dueAt));
}

function requireStaff(actor: Actor): number {
  if (actor.kind !== 'staff') throw new ForbiddenError(msg('disclosure.officeOnly'));
  return actor.id;
}

function assertPast(field: string, at: Date, now: Date): void {
  if (at.getTime() > now.getTime()) throw new ValidationError(msg('input.notFuture', { field }), field);
}

function requireText(field: string, value: string, min: number): string {
  const trimmed = value.trim();
  if (trimmed.length < min) throw new ValidationError(msg('input.minLength', { field, min }), field);
  return trimmed;
}
