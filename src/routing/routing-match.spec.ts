import { matchRoutingRule, type RoutingRuleLike } from './routing-match.js';

const rule = (over: Partial<RoutingRuleLike>): RoutingRuleLike => ({
  id: 1, campaignId: null, category: null, keywords: [], area: null, leadUnitId: 10, coUnitIds: [], priority: 100, active: true, ...over,
});
const s = { campaignId: 1, category: '交通出行', title: '公交站太远', body: '建议在小区门口增设公交站', location: '袁州区秀江路' };

describe('routing rules', () => {
  it('matches on every given condition and honours priority', () => {
    const rules = [
      rule({ id: 1, category: '城市建设', leadUnitId: 11 }),
      rule({ id: 2, keywords: ['公交'], leadUnitId: 12, priority: 50 }),
      rule({ id: 3, area: '袁州区', leadUnitId: 13, priority: 10 }),
    ];
    expect(matchRoutingRule(rules, s)?.id).toBe(3);
    expect(matchRoutingRule(rules, { ...s, location: null })?.id).toBe(2);
    expect(matchRoutingRule(rules, { ...s, location: null, title: '路灯', body: '路灯坏了很久了' })).toBeNull();
  });
  it('ignores inactive rules and rules of other campaigns', () => {
    expect(matchRoutingRule([rule({ active: false })], s)).toBeNull();
    expect(matchRoutingRule([rule({ campaignId: 2 })], s)).toBeNull();
    expect(matchRoutingRule([rule({ campaignId: 1, keywords: ['GONGJIAO', '公交'] })], s)?.id).toBe(1);
  });
});
