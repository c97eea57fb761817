import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors.js';
import { isUniqueViolation } from '../database/db-errors.js';
import { lockRowById } from '../database/row-locks.js';
import { ResidentEntity } from '../residents/resident.entity.js';
import { Transactions } from '../database/transactions.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import { SuggestionSupportEntity } from './suggestion-support.entity.js';
import { msg } from '../common/i18n/message.js';
import { publicChange } from '../public-cache/public-changes.js';

export interface SupportSummary {
  suggestionId: number;
  supportCount: number;
  supportedByMe: boolean;
}

/** Public support (附议, "me too"): one per resident per published suggestion, kept by a unique key. */
@Injectable()
export class SupportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  async support(actor: Actor, suggestionId: number): Promise<SupportSummary> {
    if (actor.kind !== 'resident') throw new ForbiddenError(msg('support.residentsOnly'));
    const duplicate = () => new ConflictError(msg('support.duplicate'), { field: 'suggestionId' });
    try {
      await this.tx.run(async (em) => {
        const me = await lockRowById(em, ResidentEntity, actor.id);
        if (!me?.phoneHash || me.deletedAt) throw new ForbiddenError(msg('support.residentsOnly'));
        const s = await em.findOneBy(SuggestionEntity, { id: suggestionId });
        // Only what the public can see may be supported; anything else is as good as absent.
        if (!s || !s.published) throw new NotFoundError('PublishedSuggestion', suggestionId);
        if (s.authorId === actor.id) throw new ForbiddenError(msg('support.own'));
        const supporterKey = supporterKeyOf(me.phoneHash, suggestionId);
        if (await em.findOneBy(SuggestionSupportEntity, { suggestionId, supporterKey })) throw duplicate();
        await em.insert(SuggestionSupportEntity, { suggestionId, residentId: actor.id, supporterKey, createdAt: this.clock.now() });
        publicChange(em, 'support.added');
      });
    } catch (err) {
      // Concurrent duplicates: the unique key admits one; the rest learn it is a duplicate.
      if (isUniqueViolation(err)) throw duplicate();
      throw err;
    }
    return this.summary(actor, suggestionId);
  }

  /** Support count of a published suggestion (null when it is not public). */
  async summaryIfPublic(actor: Actor, suggestionId: number): Promise<SupportSummary | null> {
    const s = await this.dataSource.getRepository(SuggestionEntity).findOne({ select: { id: true, published: true }, where: { id: suggestionId } });
    if (!s?.published) return null;
    return this.summary(actor, suggestionId);
  }

  private async summary(actor: Actor, suggestionId: number): Promise<SupportSummary> {
    const repo = this.dataSource.getRepository(SuggestionSupportEntity);
    const [supportCount, mine] = await Promise.all([
      repo.countBy({ suggestionId }),
      actor.kind === 'resident' ? repo.existsBy({ suggestionId, residentId: actor.id }) : Promise.resolve(false),
    ]);
    return { suggestionId, supportCount, supportedByMe: mine };
  }
}

/**
 * Who a support belongs to: the person behind the phone, not the account, so one phone
 * supports a suggestion once even across deleted and re-created accounts. Derived from the
 * keyed phone hash and the suggestion, so keys of one person cannot be linked across
 * suggestions without the key, and no phone hash is kept once the account is deleted.
 */
export function supporterKeyOf(phoneHash: string, suggestionId: number): string {
  return createHash('sha256').update(`support:${suggestionId}:${phoneHash}`).digest('hex');
}
