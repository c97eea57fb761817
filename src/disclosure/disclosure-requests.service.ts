import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { shanghaiDate } from '../calendar/shanghai-time.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { Clock } from '../common/clock.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { PiiCrypto } from '../common/pii-crypto.js';
import { Transactions } from '../database/transactions.js';
import { outboxEntry, type OutboxEntry } from '../jobs/job-types.js';
import { writeOutbox } from '../jobs/outbox.js';
import { OFFICIAL_CALENDAR_FROM_YEAR } from '../calendar/holiday-source.js';
import { normalizeContactPhone } from './contact-phone.js';
import { correctionNoticeDeadline, pausedWorkingDays, replyDueAt } from './disclosure-deadlines.js';
import { appendEvent, assertPast, dueSoonEntry, nextLedgerSequence, requireOffice, requireText } from './disclosure-ledger.js';
import { DisclosureRequestEntity, newDisclosureRequestRow } from './disclosure-request.entity.js';
import { decideStep, type LedgerAction, type LedgerStepFacts } from './disclosure-workflow.js';
import { DisclosureStepError } from './disclosure.errors.js';
import { LedgerCounterEntity } from './ledger-counter.entity.js';
import type {
  CompleteDisclosureCallbackInput,
  DecideDisclosureRequestInput,
  ExtendDisclosureRequestInput,
  RecordDisclosureCorrectionInput,
  RecordLegalReviewInput,
  RegisterDisclosureRequestInput,
  RequestDisclosureCorrectionInput,
} from './dto/disclosure.inputs.js';

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
 * The disclosure ledger's requests (依申请公开): registration and every step of a request.
 * Each command loads the row, asks the pure guards in disclosure-workflow.ts, and writes the
 * change, its history line and its jobs in one transaction with an update conditional on the
 * row's version; a refusal writes nothing. Commands return the row; the resolver masks it.
 */
@Injectable()
export class DisclosureRequestsService {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
    private readonly pii: PiiCrypto,
  ) {}

  async register(actor: Actor, input: RegisterDisclosureRequestInput): Promise<DisclosureRequestEntity> {
    const staffId = requireOffice(actor);
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
    return row;
  }

  /** One extension of up to 20 working days, before the period ends. */
  extend(actor: Actor, input: ExtendDisclosureRequestInput): Promise<DisclosureRequestEntity> {
    return this.step(actor, input.id, 'extend', 'EXTENDED', (row, calendar, now) => {
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
  requestCorrection(actor: Actor, input: RequestDisclosureCorrectionInput): Promise<DisclosureRequestEntity> {
    return this.step(actor, input.id, 'requestCorrection', 'CORRECTION_REQUESTED', (row, _calendar, now) => {
      const note = requireText('note', input.note, 2);
      return { patch: { correctionRequestedAt: now, correctionNote: note } };
    });
  }

  /** The corrected application arrived: the clock runs again and the due date moves by the working days it stood still. */
  recordCorrection(actor: Actor, input: RecordDisclosureCorrectionInput): Promise<DisclosureRequestEntity> {
    return this.step(actor, input.id, 'recordCorrection', 'CORRECTION_RECEIVED', (row, calendar, now) => {
      const answeredAt = input.answeredAt ?? now;
      assertPast('answeredAt', answeredAt, now);
      if (answeredAt < row.correctionRequestedAt!) throw new ValidationError(msg('disclosure.beforeCorrectionRequested', { field: 'answeredAt' }), 'answeredAt');
      const paused = pausedWorkingDays(calendar, row.correctionRequestedAt!, answeredAt);
      const dueAt = replyDueAt(calendar, { ...row, pausedWorkingDays: paused });
      return {
        patch: { correctionAnsweredAt: answeredAt, pausedWorkingDays: paused, dueAt },
        note: `paused ${paused} working days, due ${shanghaiDate(dueAt)}`,
        outbox: [dueSoonEntry(calendar, row.id, dueAt)],
      };
    });
  }

  /** 合法性审核: recorded before the reply; a later review replaces an earlier one (the history keeps both). */
  recordLegalReview(actor: Actor, input: RecordLegalReviewInput): Promise<DisclosureRequestEntity> {
    return this.step(actor, input.id, 'recordLegalReview', 'LEGAL_REVIEW_RECORDED', (row, _calendar, now) => {
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
  async decide(actor: Actor, input: DecideDisclosureRequestInput): Promise<DisclosureRequestEntity> {
    const staffId = requireOffice(actor);
    return this.step(actor, input.id, 'decide', 'DECIDED', (row, _calendar, now) => {
      const repliedAt = input.repliedAt ?? now;
      assertPast('repliedAt', repliedAt, now);
      if (repliedAt < row.receivedAt) throw new ValidationError(msg('disclosure.beforeReceived', { field: 'repliedAt' }), 'repliedAt');
      if (repliedAt < row.legalReviewedAt!) throw new ValidationError(msg('disclosure.beforeLegalReview', { field: 'repliedAt' }), 'repliedAt');
      if (row.correctionAnsweredAt && repliedAt < row.correctionAnsweredAt) {
        throw new ValidationError(msg('disclosure.beforeCorrectionAnswered', { field: 'repliedAt' }), 'repliedAt');
      }
      return {
        patch: { outcome: input.outcome, repliedAt, replyNote: input.replyNote?.trim() || null, decidedById: staffId },
        note: input.outcome,
      };
    }, { outcome: input.outcome });
  }

  /** The office made its follow-up call; the task closes (and counts as opened, if the job has not run yet). */
  completeCallback(actor: Actor, input: CompleteDisclosureCallbackInput): Promise<DisclosureRequestEntity> {
    return this.step(actor, input.id, 'completeCallback', 'CALLBACK_DONE', (row, _calendar, now) => {
      const note = requireText('note', input.note, 1);
      return { patch: { callbackOpenedAt: row.callbackOpenedAt ?? now, callbackDoneAt: now, callbackNote: note } };
    });
  }

  /** Shows the applicant's name and number to the office for the follow-up call; the reveal is recorded. */
  async revealContact(actor: Actor, id: number): Promise<{ id: number; applicantName: string; contactPhone: string }> {
    const staffId = requireOffice(actor);
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const row = await em.findOneBy(DisclosureRequestEntity, { id });
      if (!row) throw new NotFoundError('DisclosureRequest', id);
      await appendEvent(em, id, 'CONTACT_REVEALED', staffId, null, now);
      return { id, applicantName: row.applicantName, contactPhone: this.pii.decrypt(row.contactPhoneCiphertext) };
    });
  }


  /**
   * Loads, decides and writes one step in a transaction: the table (DISCLOSURE_LIFECYCLE) checks
   * the status and its guards and gives the target and declared effects; `build` checks the
   * input and says what else changes. The update is conditional on the version read, so two
   * coordinators acting at once cannot both succeed.
   */
  private async step(
    actor: Actor,
    id: number,
    step: LedgerAction,
    historyAction: string,
    build: (row: DisclosureRequestEntity, calendar: WorkingDayCalendar, now: Date) => StepResult,
    facts: Partial<LedgerStepFacts> = {},
  ): Promise<DisclosureRequestEntity> {
    const staffId = requireOffice(actor);
    const calendar = await this.calendar.calendar();
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const row = await em.findOneBy(DisclosureRequestEntity, { id });
      if (!row) throw new NotFoundError('DisclosureRequest', id);
      // The row's stored outcome is not a fact: only the outcome being decided is.
      const decision = decideStep(step, { ...row, outcome: undefined, now, correctionDeadline: correctionNoticeDeadline(calendar, row.receivedAt), ...facts });
      const { patch, note, outbox } = build(row, calendar, now);
      const change = { ...patch, status: decision.to, version: row.version + 1, updatedAt: now };
      const res = await em.update(DisclosureRequestEntity, { id, version: row.version }, change);
      if (!res.affected) throw new DisclosureStepError('STALE', msg('disclosure.STALE'));
      await appendEvent(em, id, historyAction, staffId, note ?? null, now);
      const declared = decision.effects?.opensCallback ? [outboxEntry('disclosure.callback', { requestId: id }, `disclosure-callback:${id}`, now)] : [];
      await writeOutbox(em, now, [...(outbox ?? []), ...declared]);
      return { ...row, ...change } as DisclosureRequestEntity;
    });
  }
}
