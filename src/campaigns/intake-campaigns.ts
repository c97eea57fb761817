import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { EntityManager } from 'typeorm';
import { Transactions } from '../database/transactions.js';
import { CampaignEntity } from './campaign.entity.js';

/**
 * How long an api instance trusts an OPEN campaign it read for intake when it hears of no change:
 * the bound on how late another instance's manual close takes effect there (as for accounts,
 * ACCOUNT_CACHE_TTL_MS). The scheduled close needs no notice: the cached window ends at `closesAt`.
 */
export const INTAKE_CAMPAIGN_TTL_MS = 5_000;
const MAX_CACHED_CAMPAIGNS = 1_000;

/**
 * The campaign a submission names, read through a short cache: every submission asks, and a
 * campaign changes a few times in its life. Only OPEN campaigns are kept, so a campaign opening
 * (by hand or on schedule, in any process) is seen at once; the window itself (`opensAt`,
 * `closesAt`) is checked against the clock on every submission by `assertAcceptsSubmissions`.
 * A campaign change committed in this process (open, close, archive) empties the cache at once.
 */
@Injectable()
export class IntakeCampaigns {
  private readonly open = new LRUCache<number, CampaignEntity>({ max: MAX_CACHED_CAMPAIGNS, ttl: INTAKE_CAMPAIGN_TTL_MS });
  // Bumped by every change: a read that overlapped one is used once but not kept.
  private generation = 0;

  constructor(tx: Transactions) {
    tx.onCommitted((changes) => {
      if (changes.has('campaign.changed')) this.forget();
    });
  }

  async get(em: EntityManager, id: number): Promise<CampaignEntity | null> {
    const hit = this.open.get(id);
    if (hit) return hit;
    const generation = this.generation;
    const campaign = await em.findOneBy(CampaignEntity, { id });
    if (campaign?.status === 'OPEN' && generation === this.generation) this.open.set(id, campaign);
    return campaign;
  }

  forget(): void {
    this.generation++;
    this.open.clear();
  }
}
