import type { Actor } from '../../src/auth/actor.js';
import { ScreeningService } from '../../src/suggestions/screening.service.js';
import { ReplyingService } from '../../src/suggestions/replying.service.js';
import { UnitWorkService } from '../../src/suggestions/unit-work.service.js';
import { SuggestionEntity, newSuggestionRow } from '../../src/suggestions/suggestion.entity.js';
import { given, idempotencyKey } from '../factories/given.js';
import { describeDb } from '../helpers/test-app.js';
import { startMedium, type Medium } from '../helpers/medium.js';

// A bulk command reads each campaign it needs once per transaction (issue 18 §2: assigning 100
// items used to read the campaign twice per item, 200 queries).

describe(describeDb('bulk commands read each campaign once'), () => {
  let m: Medium;
  beforeAll(async () => {
    m = (await startMedium('bulk_assign'))!;
  });
  afterAll(async () => m?.close());

  /** Counts the statements the data source runs while `work` runs, by table read. */
  async function countingCampaignReads<T>(work: () => Promise<T>): Promise<{ result: T; campaignReads: number; statements: number }> {
    const logger = m.dataSource.logger;
    const original = logger.logQuery.bind(logger);
    let campaignReads = 0;
    let statements = 0;
    logger.logQuery = (query, parameters, runner) => {
      statements++;
      if (/^\s*SELECT\b/i.test(query) && /\bFROM\s+[`"]?campaigns[`"]?/i.test(query)) campaignReads++;
      return original(query, parameters, runner);
    };
    try {
      return { result: await work(), campaignReads, statements };
    } finally {
      logger.logQuery = original;
    }
  }

  async function submitted(count: number, campaignIds: number[]) {
    const resident = await given(m).resident();
    const now = m.clock.now();
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const row = newSuggestionRow(
        { campaignId: campaignIds[i % campaignIds.length]!, authorId: resident.id, title: `建议${i}`, body: `建议内容第${i}条，请相关部门研究。`, category: '交通出行', location: null, consentToPublish: true, anonymous: false, authorName: null, idempotencyKey: idempotencyKey(), contentHash: `hash-${i}-${idempotencyKey()}` },
        now,
      );
      const r = await m.dataSource.getRepository(SuggestionEntity).insert(row);
      ids.push(r.identifiers[0]!.id as number);
    }
    return ids;
  }

  it('assigning 100 items of one campaign reads the campaign once; of two campaigns, twice', async () => {
    if (!m) return;
    m.clock.set('2025-09-22T02:00:00Z');
    const g = given(m);
    const unit = await g.unit();
    const office = await g.staff(['COORDINATOR']);
    const actor = { kind: 'staff', id: office.id, roles: ['COORDINATOR'], unitId: null } satisfies Actor;
    const one = await g.campaign({ opensAt: new Date('2025-01-01'), closesAt: new Date('2027-01-01') });
    const other = await g.campaign({ opensAt: new Date('2025-01-01'), closesAt: new Date('2027-01-01') });

    const ids = await submitted(100, [one.id]);
    const single = await countingCampaignReads(() => m.app.get(ScreeningService).assign(actor, { suggestionIds: ids, leadUnitId: unit.id }));
    expect(single.result).toHaveLength(100);
    expect(single.result.every((s) => s.status === 'ASSIGNED')).toBe(true);
    expect(single.campaignReads).toBe(1);

    const mixed = await submitted(10, [one.id, other.id]);
    const two = await countingCampaignReads(() => m.app.get(ScreeningService).assign(actor, { suggestionIds: mixed, leadUnitId: unit.id }));
    expect(two.result.map((s) => s.status)).toEqual(Array(10).fill('ASSIGNED'));
    expect(two.campaignReads).toBe(2);
  });

  it('a bulk reply to 20 items of one campaign reads the campaign once', async () => {
    if (!m) return;
    const g = given(m);
    const unit = await g.unit();
    const office = await g.staff(['COORDINATOR']);
    const handler = await g.staff(['UNIT_HANDLER'], unit.id);
    const officeActor = { kind: 'staff', id: office.id, roles: ['COORDINATOR'], unitId: null } satisfies Actor;
    const handlerActor = { kind: 'staff', id: handler.id, roles: ['UNIT_HANDLER'], unitId: unit.id } satisfies Actor;
    const c = await g.campaign({ opensAt: new Date('2025-01-01'), closesAt: new Date('2027-01-01') });
    const ids = await submitted(20, [c.id]);
    await m.app.get(ScreeningService).assign(officeActor, { suggestionIds: ids, leadUnitId: unit.id });
    for (const id of ids) await m.app.get(UnitWorkService).sign(handlerActor, { suggestionId: id });

    const replied = await countingCampaignReads(() => m.app.get(ReplyingService).replyMany(handlerActor, { suggestionIds: ids, body: '已研究，将于下月实施。', adoption: 'ADOPTED' }));
    expect(replied.result.map((r) => r.suggestion.status)).toEqual(Array(20).fill('REPLIED'));
    expect(replied.campaignReads).toBe(1);
  });
});
