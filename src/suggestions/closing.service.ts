import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { RateLimits } from '../common/rate-limit/rate-limits.js';
import { isUniqueViolation } from '../database/db-errors.js';
import { Transactions } from '../database/transactions.js';
import { ReplyEntity } from '../replies/reply.entity.js';
import { RatingEntity, type RatingLevel } from '../replies/rating.entity.js';
import { SuggestionEntity } from './suggestion.entity.js';
import { partiesOf } from './suggestion-access.js';
import { assertHasStanding } from './suggestion-workflow.js';
import { reopenedReplyDueAt } from './suggestion-deadlines.js';
import { WorkflowCore } from './workflow-core.js';

/** Rating and closing (评价、办结销号): the author's rating, the lapsed rating window, the office's close. */
@Injectable()
export class ClosingService {
  constructor(
    private readonly tx: Transactions,
    private readonly core: WorkflowCore,
    private readonly calendars: CalendarService,
    private readonly rateLimits: RateLimits,
  ) {}

  /** The author rates the published reply once. Unsatisfied reopens (重办) while reopens remain. */
  async rate(actor: Actor, input: { replyId: number; level: RatingLevel; comment?: string | null }, ip?: string): Promise<{ suggestion: SuggestionEntity; rating: RatingEntity }> {
    if (ip) await this.rateLimits.consume('ratePerIp', ip, msg('rating.tooMany'));
    if (actor.kind === 'resident') await this.rateLimits.consume('ratePerResident', String(actor.id));
    const calendar = await this.calendars.calendar();
    try {
      return await this.tx.run(async (em) => {
        const reply = await em.findOneBy(ReplyEntity, { id: input.replyId });
        if (!reply) throw new NotFoundError('Reply', input.replyId);
        const s = await this.core.load(em, reply.suggestionId);
        assertHasStanding(partiesOf(actor, s));
        if (reply.status !== 'PUBLISHED') throw new ConflictError(msg('rating.notPublished'));
        const latest = await em.findOne(ReplyEntity, { where: { suggestionId: s.id, status: 'PUBLISHED' }, order: { id: 'DESC' } });
        if (latest?.id !== reply.id) throw new ConflictError(msg('rating.notLatest'));
        const campaign = await this.core.campaignOf(em, s);
        const now = this.core.now();
        const satisfied = input.level !== 'UNSATISFIED';
        const after = await this.core.apply(em, actor, s, satisfied ? 'rateSatisfied' : 'rateUnsatisfied', campaign, {
          set: (to) =>
            to === 'CLOSED'
              ? { closedAt: now, closeReason: satisfied ? null : '居民不满意，重办次数已用完' }
              : { reopenCount: s.reopenCount + 1, replyDueAt: reopenedReplyDueAt(calendar, now, campaign), ratingDueAt: null },
          note: input.comment ?? null,
          unitId: reply.unitId,
          calendar,
        });
        const rating = { suggestionId: s.id, replyId: reply.id, unitId: reply.unitId, residentId: actor.kind === 'resident' ? actor.id : null, level: input.level, comment: input.comment ?? null, createdAt: now };
        const r = await em.insert(RatingEntity, rating);
        return { suggestion: after, rating: { ...rating, id: r.identifiers[0]!.id as number } };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError(msg('rating.duplicate'));
      throw err;
    }
  }

  /** The rating window lapsed: close a replied item (called by the rating.auto-close job). */
  async autoCloseIfLapsed(suggestionId: number): Promise<boolean> {
    try {
      return await this.tx.run(async (em) => {
        const s = await em.findOneBy(SuggestionEntity, { id: suggestionId });
        const now = this.core.now();
        if (!s || s.status !== 'REPLIED' || !s.ratingDueAt || s.ratingDueAt > now) return false;
        await this.core.apply(em, 'SYSTEM', s, 'autoClose', await this.core.campaignOf(em, s), {
          set: () => ({ closedAt: now }),
          note: '评价期满，自动办结',
        });
        return true;
      });
    } catch (err) {
      if (err instanceof ConflictError) return false; // someone rated it meanwhile
      throw err;
    }
  }

  close(actor: Actor, input: { suggestionId: number; reason: string; expectedVersion?: number | null }): Promise<SuggestionEntity> {
    return this.tx.run(async (em) => {
      const s = await this.core.load(em, input.suggestionId);
      return this.core.apply(em, actor, s, 'close', await this.core.campaignOf(em, s), {
        set: () => ({ closedAt: this.core.now(), closeReason: input.reason }),
        note: input.reason,
        expectedVersion: input.expectedVersion,
      });
    });
  }
}
