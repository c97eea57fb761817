import { SupportService } from '../../src/awards/support.service.js';
import { SuggestionSupportEntity } from '../../src/awards/suggestion-support.entity.js';
import { PrivacyService } from '../../src/privacy/privacy.service.js';
import { closedLoop } from '../factories/closed-loop.js';
import { given } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';

// One support (附议) per person: deleting the account and signing up again with the same phone
// must not support the same suggestion twice (issue 12 §5).
describe(describeDb('one support per person'), () => {
  let t: TestApp;
  beforeAll(async () => {
    t = (await startTestApp('supports'))!;
  });
  afterAll(async () => t?.close());

  it('survives account deletion: the same phone on a new account cannot support again', async () => {
    if (!t) return;
    const g = given(t);
    const campaign = await g.campaign();
    const item = await closedLoop(t).suggestion({ campaignId: campaign.id, submittedAt: t.clock.now(), status: 'CLOSED', published: true });
    const supports = t.app.get(SupportService);
    const phone = '13912345678';
    const first = await g.resident({ phone });
    expect((await supports.support({ kind: 'resident', id: first.id }, item.id)).supportCount).toBe(1);
    await t.app.get(PrivacyService).deleteMyAccount({ kind: 'resident', id: first.id });
    const again = await g.resident({ phone });
    await expect(supports.support({ kind: 'resident', id: again.id }, item.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await t.dataSource.getRepository(SuggestionSupportEntity).countBy({ suggestionId: item.id })).toBe(1);
    // Another person still can.
    const other = await g.resident();
    expect((await supports.support({ kind: 'resident', id: other.id }, item.id)).supportCount).toBe(2);
  });

  it('20 supports at once by one person count once', async () => {
    if (!t) return;
    const g = given(t);
    const campaign = await g.campaign();
    const item = await closedLoop(t).suggestion({ campaignId: campaign.id, submittedAt: t.clock.now(), status: 'CLOSED', published: true });
    const me = await g.resident();
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => t.app.get(SupportService).support({ kind: 'resident', id: me.id }, item.id)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await t.dataSource.getRepository(SuggestionSupportEntity).countBy({ suggestionId: item.id })).toBe(1);
  });
});
