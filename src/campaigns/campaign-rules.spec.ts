import { ForbiddenError } from '../common/errors.js';
import { assertAcceptsSubmissions, assertWindow, campaignActions, decideCampaign, nextCampaignNumber, nextCampaignStatus } from './campaign-rules.js';

describe('campaign rules', () => {
  it('moves DRAFT → OPEN → CLOSED → ARCHIVED and refuses the rest', () => {
    expect(nextCampaignStatus('DRAFT', 'open')).toBe('OPEN');
    expect(nextCampaignStatus('OPEN', 'close')).toBe('CLOSED');
    expect(nextCampaignStatus('CLOSED', 'archive')).toBe('ARCHIVED');
    expect(() => nextCampaignStatus('CLOSED', 'open')).toThrow(/Cannot open a campaign that is closed/);
    expect(() => nextCampaignStatus('DRAFT', 'close')).toThrow(/Cannot close/);
  });
  it('lets the schedule open and close, never archive, and declares the public change', () => {
    expect(decideCampaign('DRAFT', 'open', 'SCHEDULE')).toMatchObject({ to: 'OPEN', effects: { publicChange: 'campaign.changed' } });
    expect(decideCampaign('OPEN', 'close', 'SCHEDULE').to).toBe('CLOSED');
    expect(() => decideCampaign('CLOSED', 'archive', 'SCHEDULE')).toThrow(ForbiddenError);
  });
  it('offers exactly the status changes the table allows', () => {
    const both = ['open', 'close'] as const;
    expect(campaignActions('DRAFT', both)).toEqual(['open']);
    expect(campaignActions('OPEN', both)).toEqual(['close']);
    expect(campaignActions('CLOSED', both)).toEqual([]);
    expect(campaignActions('CLOSED', ['open', 'close', 'archive'])).toEqual(['archive']);
    expect(campaignActions('ARCHIVED', ['open', 'close', 'archive'])).toEqual([]);
  });
  it('numbers 第N期 after the highest of the year', () => {
    expect(nextCampaignNumber(null)).toBe(1);
    expect(nextCampaignNumber(7)).toBe(8);
  });
  it('accepts submissions only while open and inside the window', () => {
    const c = { status: 'OPEN' as const, opensAt: new Date('2026-01-01'), closesAt: new Date('2026-02-01'), number: 3 };
    expect(() => assertAcceptsSubmissions(c, new Date('2026-01-15'))).not.toThrow();
    expect(() => assertAcceptsSubmissions(c, new Date('2026-02-01'))).toThrow(/Campaign no. 3 is not open/);
    expect(() => assertAcceptsSubmissions({ ...c, status: 'CLOSED' }, new Date('2026-01-15'))).toThrow(/it is closed/);
  });
  it('needs the window to end after it starts', () => {
    expect(() => assertWindow(new Date('2026-01-02'), new Date('2026-01-01'))).toThrow(/closing time must be after the opening time/);
  });
});
