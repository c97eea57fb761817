import { ConflictError, ValidationError } from '../common/errors.js';
import type { CampaignStatus } from './campaign.entity.js';
import { msg } from '../common/i18n/message.js';

const CAMPAIGN_TRANSITIONS: Record<'open' | 'close' | 'archive', { from: CampaignStatus[]; to: CampaignStatus }> = {
  open: { from: ['DRAFT'], to: 'OPEN' },
  close: { from: ['OPEN'], to: 'CLOSED' },
  archive: { from: ['CLOSED'], to: 'ARCHIVED' },
};

export function nextCampaignStatus(status: CampaignStatus, action: keyof typeof CAMPAIGN_TRANSITIONS): CampaignStatus {
  const rule = CAMPAIGN_TRANSITIONS[action];
  if (!rule.from.includes(status)) {
    throw new ConflictError(msg('campaign.cannot', { action, status }), { status, action });
  }
  return rule.to;
}

/** Of the given status changes, those a campaign in this status allows. */
export function campaignActions<A extends keyof typeof CAMPAIGN_TRANSITIONS>(status: CampaignStatus, among: readonly A[]): A[] {
  return among.filter((a) => CAMPAIGN_TRANSITIONS[a].from.includes(status));
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
