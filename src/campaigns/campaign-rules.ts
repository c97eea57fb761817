import { isCoordinator, type Actor } from '../auth/actor.js';
import { ConflictError, ForbiddenError, ValidationError } from '../common/errors.js';
import { defineLifecycle } from '../common/lifecycle/lifecycle.js';
import { CAMPAIGN_STATUSES, type CampaignStatus } from './campaign.entity.js';
import { msg } from '../common/i18n/message.js';

export type CampaignAction = 'open' | 'close' | 'archive';

/** A campaign's status is changed by the office by hand, or by its schedule (the campaign.open / campaign.close jobs). */
export type CampaignParty = 'OFFICE' | 'SCHEDULE';

/** Every change of a campaign's status makes the public campaign reads stale (public-reads.ts). */
export interface CampaignEffects {
  publicChange: 'campaign.changed';
}

/** A campaign's lifecycle on the lifecycle core (src/common/lifecycle). */
export const CAMPAIGN_LIFECYCLE = defineLifecycle<CampaignStatus, CampaignAction, CampaignParty, Record<string, never>, CampaignEffects>({
  name: 'campaign',
  statuses: CAMPAIGN_STATUSES,
  initial: 'DRAFT',
  refusals: {
    // A caller who is not the office learns nothing of the campaign's status.
    noStanding: () => new ForbiddenError(),
    wrongStatus: (action, status) => new ConflictError(msg('campaign.cannot', { action, status }), { status, action }),
    wrongParty: () => new ForbiddenError(),
  },
  transitions: {
    open: { from: ['DRAFT'], who: ['OFFICE', 'SCHEDULE'], to: 'OPEN', effects: { publicChange: 'campaign.changed' } },
    close: { from: ['OPEN'], who: ['OFFICE', 'SCHEDULE'], to: 'CLOSED', effects: { publicChange: 'campaign.changed' } },
    archive: { from: ['CLOSED'], who: ['OFFICE'], to: 'ARCHIVED', effects: { publicChange: 'campaign.changed' } },
  },
});

/** A caller's part in campaigns: the office (OFFICE_ROLES), or none. */
export function campaignParties(actor: Actor): CampaignParty[] {
  return isCoordinator(actor) ? ['OFFICE'] : [];
}

export function decideCampaign(status: CampaignStatus, action: CampaignAction, party: CampaignParty | readonly CampaignParty[]) {
  return CAMPAIGN_LIFECYCLE.decide(status, action, typeof party === 'string' ? [party] : party, {});
}

export function nextCampaignStatus(status: CampaignStatus, action: CampaignAction, party: CampaignParty = 'OFFICE'): CampaignStatus {
  return decideCampaign(status, action, party).to;
}

/** Of the given status changes, those a campaign in this status allows the office. */
export function campaignActions<A extends CampaignAction>(status: CampaignStatus, among: readonly A[]): A[] {
  const allowed = CAMPAIGN_LIFECYCLE.allowed(status, ['OFFICE']);
  return among.filter((a) => allowed.includes(a));
}

/** 第N期: the next number within a year, after the highest taken. */
export function nextCampaignNumber(highest: number | null | undefined): number {
  return (highest ?? 0) + 1;
}

/** Submissions are taken while a campaign is OPEN and inside its window. */
export function assertAcceptsSubmissions(c: { status: CampaignStatus; opensAt: Date; closesAt: Date; number: number }, now: Date): void {
  if (c.status !== 'OPEN' || now < c.opensAt || now >= c.closesAt) {
    throw new ConflictError(msg('campaign.notOpen', { number: c.number, status: c.status }), { status: c.status });
  }
}

export function assertWindow(opensAt: Date, closesAt: Date): void {
  if (!(closesAt > opensAt)) throw new ValidationError(msg('campaign.closesAfterOpens'), 'closesAt');
}
