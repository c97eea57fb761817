import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThan } from 'typeorm';
import { Clock } from '../common/clock.js';
import { LOGGER } from '../common/logger.module.js';
import type { Logger } from '../common/logger.js';
import { PiiCrypto } from '../common/pii-crypto.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Transactions } from '../database/transactions.js';
import { errorMessage, type JobContext } from '../jobs/job-handlers.js';
import { ResidentEntity } from '../residents/resident.entity.js';
import { NotificationDeliveryEntity, type DeliveryStatus } from './notification-delivery.entity.js';
import { NotificationEntity } from './notification.entity.js';
import { SMS_GATEWAY, type SmsGateway } from './sms-gateway.js';
import { renderTemplate } from './templates.zh-CN.js';
import { postSignedJson } from './webhook-client.js';

/** Longer than any send takes: a second worker keeps off a message another is sending. */
const SEND_LEASE_MS = 60_000;

/** A message another worker is sending right now; the job retries later and then finds it sent. */
export class DeliveryInProgressError extends Error {}

export type DeliveryOutcome = 'SENT' | 'ALREADY_DONE' | 'SKIPPED';

/**
 * Sends one notification through its channel, at most once per event key: it first claims the
 * `notification_deliveries` row, and a redelivered job finds it SENT and stops. The event key
 * travels to the gateway (`X-CivicLoop-Event`), which drops a repeat should a worker die
 * between sending and recording. Phone numbers are decrypted here, just before sending.
 */
@Injectable()
export class NotificationDeliveryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly pii: PiiCrypto,
    @Inject(SMS_GATEWAY) private readonly sms: SmsGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async deliver(notificationId: number, context: JobContext): Promise<DeliveryOutcome> {
    const n = await this.dataSource.getRepository(NotificationEntity).findOneBy({ id: notificationId });
    if (!n || n.channel === 'NONE') return 'SKIPPED';
    const claim = await this.claim(n);
    if (claim !== 'CLAIMED') return claim;
    try {
      const sent = await this.send(n);
      await this.finish(n.eventKey, sent ? 'SENT' : 'SKIPPED', null);
      return sent ? 'SENT' : 'SKIPPED';
    } catch (err) {
      // The last attempt dead-letters the message; earlier ones free it for the retry.
      await this.finish(n.eventKey, context.finalAttempt ? 'DEAD' : 'SENDING', errorMessage(err));
      throw err;
    }
  }

  private async claim(n: NotificationEntity): Promise<'CLAIMED' | 'ALREADY_DONE'> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      await em
        .createQueryBuilder()
        .insert()
        .into(NotificationDeliveryEntity)
        .values({ eventKey: n.eventKey, notificationId: n.id, channel: n.channel, status: 'SENDING', attempts: 0, lastError: null, leaseUntil: null, sentAt: null, createdAt: now })
        .orIgnore()
        .execute();
      const taken = await em
        .createQueryBuilder()
        .update(NotificationDeliveryEntity)
        .set({ attempts: () => 'attempts + 1', leaseUntil: new Date(now.getTime() + SEND_LEASE_MS) })
        .where([
          { eventKey: n.eventKey, status: 'SENDING', leaseUntil: IsNull() },
          { eventKey: n.eventKey, status: 'SENDING', leaseUntil: LessThan(now) },
        ])
        .execute();
      if (taken.affected) return 'CLAIMED';
      const row = await em.findOneByOrFail(NotificationDeliveryEntity, { eventKey: n.eventKey });
      if (row.status === 'SENDING') throw new DeliveryInProgressError(`message ${n.id} is being sent by another worker`);
      return 'ALREADY_DONE';
    });
  }

  private async finish(eventKey: string, status: DeliveryStatus, lastError: string | null): Promise<void> {
    const now = this.clock.now();
    await this.tx.run((em) =>
      em.update(
        NotificationDeliveryEntity,
        { eventKey, status: 'SENDING' },
        { status, leaseUntil: null, ...(lastError !== null && { lastError }), ...(status === 'SENT' && { sentAt: now }) },
      ),
    );
  }

  /** Returns false when there is nobody to send to any more (the account was deleted). */
  private async send(n: NotificationEntity): Promise<boolean> {
    const text = renderTemplate(n.template, n.params);
    const params = Object.fromEntries(Object.entries(n.params).map(([k, v]) => [k, String(v)]));
    switch (n.channel) {
      case 'SMS': {
        const r = await this.dataSource.getRepository(ResidentEntity).findOneBy({ id: n.recipientId });
        if (!r || r.deletedAt || !r.phoneCiphertext) return false;
        await this.sms.send({ to: this.pii.decrypt(r.phoneCiphertext), template: n.template, params, eventKey: n.eventKey, text });
        return true;
      }
      case 'WEBHOOK': {
        if (!this.config.webhook.url) throw new Error('WEBHOOK_URL is not set');
        await postSignedJson(
          this.config.webhook.url,
          this.config.webhook.secret,
          n.eventKey,
          { channel: 'staff', eventKey: n.eventKey, recipient: { kind: 'staff', id: n.recipientId }, template: n.template, params, text },
          this.clock.now(),
        );
        return true;
      }
      case 'LOG':
        // Ids and the template only: the text may quote a tracking number, never a person.
        this.logger.info({ notificationId: n.id, eventKey: n.eventKey, template: n.template, recipientKind: n.recipientKind, recipientId: n.recipientId }, 'notification');
        return true;
      case 'NONE':
        return false;
    }
  }
}
