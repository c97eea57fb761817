import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Transactions } from '../database/transactions.js';
import { applyKeyset, toConnection, type ConnectionShape, countLater } from '../graphql/connection.js';
import { outboxEntry } from '../jobs/job-types.js';
import { writeOutbox } from '../jobs/outbox.js';
import { ResidentEntity } from '../residents/resident.entity.js';
import { OPTIONAL_RESIDENT_KINDS, isOptional, type NotificationChannel, type NotificationKind, type RecipientKind } from './notification-kinds.js';
import { NotificationEntity } from './notification.entity.js';
import { TEMPLATES, type TemplateName } from './templates.zh-CN.js';
import { msg } from '../common/i18n/message.js';

/** A message to write: ids and plain values only, never names or phone numbers. */
export interface OutgoingMessage {
  recipient: { kind: RecipientKind; id: number };
  template: TemplateName;
  params: Record<string, string | number>;
  suggestionId?: number | null;
  /**
   * Unique per logical message and recipient (e.g. the job's dedupe key plus the recipient):
   * the same event written twice is one inbox row and one outgoing message.
   */
  eventKey: string;
}

/**
 * The inbox and the way out. Handlers call `enqueue` inside their transaction: it writes the
 * inbox rows and, for each message that leaves the platform, a `notification.deliver` outbox
 * row; delivery (notification-delivery.service.ts) claims and sends it.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Writes messages in its own transaction. */
  notify(messages: readonly OutgoingMessage[]): Promise<void> {
    return this.tx.run((em) => this.enqueue(em, this.clock.now(), messages));
  }

  /** Writes messages inside the caller's transaction; repeats of an event key are ignored. */
  async enqueue(em: EntityManager, now: Date, messages: readonly OutgoingMessage[]): Promise<void> {
    if (!messages.length) return;
    const residentIds = [...new Set(messages.filter((m) => m.recipient.kind === 'RESIDENT').map((m) => m.recipient.id))];
    const residents = new Map(
      residentIds.length ? (await em.findBy(ResidentEntity, { id: In(residentIds) })).map((r) => [r.id, r]) : [],
    );
    const rows = [];
    for (const m of messages) {
      const kind = TEMPLATES[m.template].kind as NotificationKind;
      let channel: NotificationChannel;
      if (m.recipient.kind === 'RESIDENT') {
        const r = residents.get(m.recipient.id);
        if (!r || r.deletedAt) continue; // the account is gone: nobody to tell
        channel = isOptional(kind) && r.notificationOptOuts.includes(kind) ? 'NONE' : 'SMS';
      } else {
        channel = this.config.webhook.url ? 'WEBHOOK' : 'LOG';
      }
      rows.push({
        recipientKind: m.recipient.kind,
        recipientId: m.recipient.id,
        kind,
        template: m.template,
        params: m.params as never,
        suggestionId: m.suggestionId ?? null,
        eventKey: m.eventKey,
        channel,
        readAt: null,
        createdAt: now,
      });
    }
    if (!rows.length) return;
    await em.createQueryBuilder().insert().into(NotificationEntity).values(rows).orIgnore().execute();
    const outgoing = rows.filter((r) => r.channel !== 'NONE').map((r) => r.eventKey);
    if (!outgoing.length) return;
    const stored = await em.find(NotificationEntity, { select: { id: true, eventKey: true }, where: { eventKey: In(outgoing) } });
    await writeOutbox(
      em,
      now,
      stored.map((n) => outboxEntry('notification.deliver', { notificationId: n.id }, `deliver:${n.eventKey}`, now)),
    );
  }

  // ---- the inbox ----

  async inbox(actor: Actor, args: { first: number; after?: string | null; unreadOnly?: boolean | null }): Promise<ConnectionShape<NotificationEntity>> {
    const me = recipientOf(actor);
    const qb = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.recipientKind = :kind AND n.recipientId = :id', me);
    if (args.unreadOnly) qb.andWhere('n.readAt IS NULL');
    const total = countLater(qb);
    applyKeyset(qb, 'n.id', 'n.id', 'DESC', args.after);
    const rows = await qb.take(args.first + 1).getMany();
    return toConnection(rows, args.first, total, (n) => [n.id, n.id], (n) => n);
  }

  async markRead(actor: Actor, id: number): Promise<{ notification: NotificationEntity; unreadCount: number }> {
    const me = recipientOf(actor);
    const now = this.clock.now();
    const n = await this.tx.run(async (em) => {
      const row = await em.findOneBy(NotificationEntity, { id, recipientKind: me.kind, recipientId: me.id });
      // Someone else's message is as good as absent.
      if (!row) throw new NotFoundError('Notification', id);
      if (!row.readAt) {
        await em.update(NotificationEntity, { id, readAt: IsNull() }, { readAt: now });
        row.readAt = now;
      }
      return row;
    });
    const unreadCount = await this.dataSource.getRepository(NotificationEntity).countBy({ recipientKind: me.kind, recipientId: me.id, readAt: IsNull() });
    return { notification: n, unreadCount };
  }

  // ---- residents' preferences ----

  async preferences(actor: Actor): Promise<{ optOuts: NotificationKind[]; optional: NotificationKind[] }> {
    const r = await this.residentOf(actor);
    return { optOuts: r.notificationOptOuts.filter((k): k is NotificationKind => OPTIONAL_RESIDENT_KINDS.includes(k as NotificationKind)), optional: [...OPTIONAL_RESIDENT_KINDS] };
  }

  async setPreferences(actor: Actor, optOuts: NotificationKind[]): Promise<{ optOuts: NotificationKind[]; optional: NotificationKind[] }> {
    const essential = optOuts.filter((k) => !isOptional(k));
    if (essential.length) {
      throw new ValidationError(msg('notifications.essential', { essential, optional: OPTIONAL_RESIDENT_KINDS }), 'optOuts');
    }
    const r = await this.residentOf(actor);
    const sorted = OPTIONAL_RESIDENT_KINDS.filter((k) => optOuts.includes(k));
    await this.tx.run((em) => em.update(ResidentEntity, { id: r.id }, { notificationOptOuts: sorted }));
    return { optOuts: sorted, optional: [...OPTIONAL_RESIDENT_KINDS] };
  }

  private async residentOf(actor: Actor): Promise<ResidentEntity> {
    if (actor.kind !== 'resident') throw new ForbiddenError(msg('notifications.residentsOnly'));
    const r = await this.dataSource.getRepository(ResidentEntity).findOneBy({ id: actor.id });
    if (!r || r.deletedAt) throw new NotFoundError('Resident', actor.id);
    return r;
  }
}

export function recipientOf(actor: Actor): { kind: RecipientKind; id: number } {
  if (actor.kind === 'resident') return { kind: 'RESIDENT', id: actor.id };
  if (actor.kind === 'staff') return { kind: 'STAFF', id: actor.id };
  throw new ForbiddenError(msg('notifications.signIn'));
}
