import { assertAcceptsSubmissions, assertWindow, nextCampaignStatus } from './campaign-rules.js';

describe('campaign rules', () => {
  it('moves DRAFT → OPEN → CLOSED → ARCHIVED and refuses the rest', () => {
    expect(nextCampaignStatus('DRAFT', 'open')).toBe('OPEN');
    expect(nextCampaignStatus('OPEN', 'close')).toBe('CLOSED');
    expect(nextCampaignStatus('CLOSED', 'archive')).toBe('ARCHIVED');
    expect(() => nextCampaignStatus('CLOSED', 'open')).toThrow(/Cannot open a campaign that is closed/);
    expect(() => nextCampaignStatus('DRAFT', 'close')).toThrow(/Cannot close/);
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
