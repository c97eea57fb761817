import type { Actor } from '../../src/auth/actor.js';
import { AssignmentEntity } from '../../src/assignments/assignment.entity.js';
import { CampaignEntity } from '../../src/campaigns/campaign.entity.js';
import { CampaignsService } from '../../src/campaigns/campaigns.service.js';
import { IntakeCampaigns } from '../../src/campaigns/intake-campaigns.js';
import { leanFind, leanMany } from '../../src/database/lean-rows.js';
import { Transactions } from '../../src/database/transactions.js';
import { PUBLIC_SUGGESTION_COLUMNS } from '../../src/feed/dto/public-suggestion.object.js';
import { ReplyEntity } from '../../src/replies/reply.entity.js';
import { SuggestionEntity } from '../../src/suggestions/suggestion.entity.js';
import { SuggestionsService } from '../../src/suggestions/suggestions.service.js';
import { ScreeningService } from '../../src/suggestions/screening.service.js';
import { UnitEntity } from '../../src/units/unit.entity.js';
import { jest } from '@jest/globals';
import { In } from 'typeorm';
import { given, idempotencyKey } from '../factories/given.js';
import { describeDb } from '../helpers/test-app.js';
import { startMedium, type Medium } from '../helpers/medium.js';

// Issue 16: the hot pages read rows without TypeORM's general entity transformer (lean-rows.ts),
// and intake reads open campaigns through a short cache. Both must give what the plain paths give.

describe(describeDb('hot reads: lean rows and the intake campaign cache'), () => {
  let m: Medium;
  let campaignId = 0;
  let unitId = 0;
  beforeAll(async () => {
    m = (await startMedium('hot_reads'))!;
    const g = given(m);
    m.clock.set('2025-09-22T02:00:00Z');
    const unit = await g.unit();
    unitId = unit.id;
    const office = await g.staff(['COORDINATOR']);
    const c = await g.campaign({ opensAt: new Date('2025-01-01'), closesAt: new Date('2027-01-01') });
    campaignId = c.id;
    const officeActor = { kind: 'staff', id: office.id, roles: ['COORDINATOR'], unitId: null } satisfies Actor;
    for (let i = 0; i < 4; i++) {
      const resident = await g.resident({ displayName: `王小${i}` });
      const { suggestion } = await m.app.get(SuggestionsService).submit(
        { kind: 'resident', id: resident.id },
        { campaignId: c.id, title: `标题 ${i}`, body: `正文 ${i}，电话 13812345678`, category: '交通出行', consentToPublish: i % 2 === 0, anonymous: i === 3, ...(i === 1 ? { location: '某路' } : {}), idempotencyKey: idempotencyKey() },
        `10.9.0.${i + 1}`,
      );
      // Two of them assigned (dates, a unit, an assignment row with nulls).
      if (i < 2) await m.app.get(ScreeningService).assign(officeActor, { suggestionIds: [suggestion.id], leadUnitId: unit.id });
    }
  });
  afterAll(async () => m?.close());

  const plain = <E extends object>(rows: E[]) => rows.map((r) => ({ ...r }));

  it('leanMany gives the entities getMany gives: every column type, nulls, booleans, dates, JSON', async () => {
    const qb = () => m.dataSource.getRepository(SuggestionEntity).createQueryBuilder('s').where('s.campaignId = :c', { c: campaignId }).orderBy('s.id', 'DESC').take(10);
    const leanQuery = qb();
    const getMany = jest.spyOn(leanQuery, 'getMany');
    const lean = await leanMany(leanQuery);
    // The lean path itself, not its fallback.
    expect(getMany).not.toHaveBeenCalled();
    const full = await qb().getMany();
    expect(lean).toHaveLength(4);
    expect(plain(lean)).toEqual(plain(full));
    expect(lean[0]).toBeInstanceOf(SuggestionEntity);
    expect(typeof lean[0]!.consentToPublish).toBe('boolean');
    expect(lean[0]!.submittedAt).toBeInstanceOf(Date);
    const campaigns = await leanFind(m.dataSource, CampaignEntity, { where: { id: In([campaignId]) } });
    expect(plain(campaigns)).toEqual(plain(await m.dataSource.getRepository(CampaignEntity).find({ where: { id: In([campaignId]) } })));
    expect(campaigns[0]!.categories).toEqual(['城市建设', '交通出行']);
    for (const entity of [UnitEntity, AssignmentEntity, ReplyEntity] as const) {
      const options = { order: { id: 'ASC' as const } };
      expect(plain(await leanFind(m.dataSource, entity as never, options))).toEqual(plain(await m.dataSource.getRepository(entity as never).find(options)));
    }
    expect((await leanFind(m.dataSource, AssignmentEntity, { where: { unitId } })).length).toBe(2);
  });

  it('a partial select gives exactly the selected columns, as getMany does', async () => {
    const qb = () => m.dataSource.getRepository(SuggestionEntity).createQueryBuilder('s').select(PUBLIC_SUGGESTION_COLUMNS.map((c) => `s.${c}`)).where('s.campaignId = :c', { c: campaignId }).orderBy('s.id', 'ASC');
    const lean = await leanMany(qb());
    expect(plain(lean)).toEqual(plain(await qb().getMany()));
    expect(Object.keys(lean[0]!).sort()).toEqual([...PUBLIC_SUGGESTION_COLUMNS].sort());
  });

  it('a query with a join goes through getMany (pagination over joined rows)', async () => {
    const qb = () =>
      m.dataSource
        .getRepository(SuggestionEntity)
        .createQueryBuilder('s')
        .innerJoin(AssignmentEntity, 'a', 'a.suggestionId = s.id AND a.unitId = :u', { u: unitId })
        .orderBy('s.id', 'ASC')
        .take(1);
    const lean = await leanMany(qb());
    expect(lean).toHaveLength(1);
    expect(plain(lean)).toEqual(plain(await qb().getMany()));
  });

  it('intake keeps an open campaign, and forgets it when a campaign change commits here', async () => {
    const cache = m.app.get(IntakeCampaigns);
    const c = await given(m).campaign({ opensAt: new Date('2025-01-01'), closesAt: new Date('2027-01-01') });
    const read = () => m.app.get(Transactions).run((em) => cache.get(em, c.id));
    const first = await read();
    expect(first?.status).toBe('OPEN');
    // Cached: the same object, no second read.
    expect(await read()).toBe(first);
    const office = { kind: 'staff', id: 1, roles: ['COORDINATOR'], unitId: null } satisfies Actor;
    await m.app.get(CampaignsService).transition(office, c.id, 'close');
    expect((await read())?.status).toBe('CLOSED');
    // A closed campaign is not kept: the next read goes to the database again.
    expect(await read()).not.toBe(await read());
    const resident = await given(m).resident();
    await expect(
      m.app.get(SuggestionsService).submit({ kind: 'resident', id: resident.id }, { campaignId: c.id, title: '关了', body: '关了以后', category: '交通出行', consentToPublish: true, idempotencyKey: idempotencyKey() }, '10.9.1.1'),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
