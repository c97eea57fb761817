import { Inject, Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { Clock } from '../common/clock.js';
import { LOGGER } from '../common/logger.module.js';
import type { Logger } from '../common/logger.js';
import { Transactions } from '../database/transactions.js';
import { DisclosureEventEntity } from './disclosure-event.entity.js';
import { appendEvent } from './disclosure-ledger.js';
import { DisclosureRequestEntity } from './disclosure-request.entity.js';

/** What the ledger's jobs do when they fire: open the follow-up call, remind the office of a deadline. */
@Injectable()
export class DisclosureFollowUpsService {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

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
}
