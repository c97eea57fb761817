import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, MoreThan, Not, IsNull, type EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service.js';
import { Clock } from '../common/clock.js';
import { LOGGER } from '../common/logger.module.js';
import type { Logger } from '../common/logger.js';
import { Transactions } from '../database/transactions.js';
import type { StaffRole } from '../auth/roles.js';
import { NotificationsService, type OutgoingMessage } from '../notifications/notifications.service.js';
import type { TemplateName } from '../notifications/templates.zh-CN.js';
import { StaffUserEntity } from '../staff/staff-user.entity.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import { owesReply, owesSignature, REPLY_OWED_STATUSES } from '../suggestions/reply-owed.js';
import { trackingNumberOf } from '../suggestions/tracking-number.js';
import { JOB_DRIVER, type JobDriver } from '../jobs/job-driver.js';
import { outboxEntry, type JobPayloads, type OutboxEntry } from '../jobs/job-types.js';
import { OutboxMessageEntity } from '../jobs/outbox-message.entity.js';
import { writeOutbox } from '../jobs/outbox.js';
import { quarterEnd, quarterOf } from '../calendar/quarters.js';
import { deadlineReminders, nextEscalation } from './reminder-schedule.js';

const PAGE = 500;

export type ReminderOutcome = 'SENT' | 'STALE' | 'NO_RECIPIENTS';

export interface ReconcileReport {
  remindersRebuilt: number;
  jobsHealed: number;
  quarterEndScheduled: string;
}

/**
 * Chasing units (签收提醒, 办理提醒, 督办). Each reminder re-reads the item when it fires and
 * does nothing unless the deadline it was written for is still the one in force and still
 * unmet: state changes never hunt down old jobs.
 */
@Injectable()
export class RemindersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly notifications: NotificationsService,
    @Inject(JOB_DRIVER) private readonly driver: JobDriver,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async signDue(p: JobPayloads['reminder.sign-due']): Promise<ReminderOutcome> {
    const s = await this.load(p.suggestionId);
    if (!s || !owesSignature(s.status) || s.signDueAt?.toISOString() !== p.dueAt || !s.leadUnitId) return 'STALE';
    const handlers = await this.unitStaff(s.leadUnitId, 'UNIT_HANDLER');
    return this.send(this.messages(s, handlers, 'unit.sign-due', { dueAt: p.dueAt }, `sign-due:${s.id}:${p.dueAt}`));
  }

  async replyDueSoon(p: JobPayloads['reminder.reply-due-soon']): Promise<ReminderOutcome> {
    const s = await this.load(p.suggestionId);
    if (!s || !owesReply(s.status) || s.replyDueAt?.toISOString() !== p.dueAt || !s.leadUnitId) return 'STALE';
    const handlers = await this.unitStaff(s.leadUnitId, 'UNIT_HANDLER');
    return this.send(this.messages(s, handlers, 'unit.reply-due-soon', { dueAt: p.dueAt }, `reply-due-soon:${s.id}:${p.dueAt}`));
  }

  /** 督办: level 1 the unit's handlers, 2 its admins, 3 and up the coordinators; then the next level is scheduled. */
  async overdue(p: JobPayloads['escalation.overdue']): Promise<ReminderOutcome> {
    const s = await this.load(p.suggestionId);
    const now = this.clock.now();
    if (!s || !owesReply(s.status) || s.replyDueAt?.toISOString() !== p.dueAt || !s.leadUnitId || now <= s.replyDueAt) return 'STALE';
    let recipients: number[];
    let template: TemplateName = 'unit.overdue';
    if (p.level >= 3) {
      recipients = await this.coordinators();
      template = 'office.overdue';
    } else {
      recipients = p.level === 2 ? await this.unitStaff(s.leadUnitId, 'UNIT_ADMIN') : [];
      // A unit without an admin still hears of it through its handlers.
      if (!recipients.length) recipients = await this.unitStaff(s.leadUnitId, 'UNIT_HANDLER');
    }
    const messages = this.messages(s, recipients, template, { dueAt: p.dueAt, level: p.level }, `overdue:${s.id}:${p.dueAt}:${p.level}`);
    const next = nextEscalation(await this.calendars.calendar(), s, p.dueAt, p.level, now);
    await this.tx.run(async (em) => {
      await this.notifications.enqueue(em, now, messages);
      if (next) await writeOutbox(em, now, [next]);
    });
    return messages.length ? 'SENT' : 'NO_RECIPIENTS';
  }

  /**
   * Periodic repair: rebuild reminder rows missing for items still owed an answer (same
   * schedule function as the workflow), re-dispatch queued jobs Redis lost, and make sure the
   * quarter-end trigger of the current quarter is scheduled.
   */
  async reconcile(): Promise<ReconcileReport> {
    const calendar = await this.calendars.calendar();
    const now = this.clock.now();
    let remindersRebuilt = 0;
    for (let afterId = 0; ; ) {
      const page = await this.dataSource.getRepository(SuggestionEntity).find({
        select: { id: true, status: true, signDueAt: true, replyDueAt: true },
        where: { status: In([...REPLY_OWED_STATUSES]), replyDueAt: Not(IsNull()), id: MoreThan(afterId) },
        order: { id: 'ASC' },
        take: PAGE,
      });
      if (!page.length) break;
      const expected = page.flatMap((s) => deadlineReminders(calendar, s, { includeSign: owesSignature(s.status) }));
      remindersRebuilt += await this.writeMissing(expected, now);
      afterId = page.at(-1)!.id;
    }
    const jobsHealed = await this.driver.healLostJobs();
    const quarter = quarterOf(now);
    await this.tx.run((em) =>
      writeOutbox(em, now, [outboxEntry('awards.quarter-end', { quarter }, `awards.quarter-end:${quarter}`, quarterEnd(quarter))]),
    );
    if (remindersRebuilt || jobsHealed) this.logger.warn({ remindersRebuilt, jobsHealed }, 'reconciler repaired scheduled work');
    return { remindersRebuilt, jobsHealed, quarterEndScheduled: quarter };
  }

  private async writeMissing(expected: OutboxEntry[], now: Date): Promise<number> {
    if (!expected.length) return 0;
    const present = new Set(
      (
        await this.dataSource.getRepository(OutboxMessageEntity).find({
          select: { dedupeKey: true },
          where: { dedupeKey: In(expected.map((e) => e.dedupeKey)) },
        })
      ).map((r) => r.dedupeKey),
    );
    const missing = expected.filter((e) => !present.has(e.dedupeKey));
    if (missing.length) await this.tx.run((em: EntityManager) => writeOutbox(em, now, missing));
    return missing.length;
  }

  private messages(s: SuggestionEntity, staffIds: number[], template: TemplateName, extra: Record<string, string | number>, eventBase: string): OutgoingMessage[] {
    const params = { trackingNumber: trackingNumberOf(s), ...extra };
    return staffIds.map((id) => ({ recipient: { kind: 'STAFF' as const, id }, template, params, suggestionId: s.id, eventKey: `${eventBase}:staff:${id}` }));
  }

  private async send(messages: OutgoingMessage[]): Promise<ReminderOutcome> {
    if (!messages.length) return 'NO_RECIPIENTS';
    await this.notifications.notify(messages);
    return 'SENT';
  }

  private load(id: number): Promise<SuggestionEntity | null> {
    return this.dataSource.getRepository(SuggestionEntity).findOneBy({ id });
  }

  private async unitStaff(unitId: number, role: StaffRole): Promise<number[]> {
    const staff = await this.dataSource.getRepository(StaffUserEntity).find({ select: { id: true, roles: true }, where: { unitId, active: true }, order: { id: 'ASC' } });
    return staff.filter((u) => u.roles.includes(role)).map((u) => u.id);
  }

  private async coordinators(): Promise<number[]> {
    // roles is a comma-separated column: narrow with LIKE, then check exactly.
    const staff = await this.dataSource
      .getRepository(StaffUserEntity)
      .createQueryBuilder('u')
      .select(['u.id', 'u.roles'])
      .where('u.active = :active AND u.roles LIKE :role', { active: true, role: '%COORDINATOR%' })
      .orderBy('u.id', 'ASC')
      .getMany();
    return staff.filter((u) => u.roles.includes('COORDINATOR')).map((u) => u.id);
  }
}
