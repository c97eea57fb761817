import type { DataSource, EntityManager } from 'typeorm';
import type { PiiCrypto } from '../common/pii-crypto.js';
import { CampaignEntity } from '../campaigns/campaign.entity.js';
import { ResidentEntity } from '../residents/resident.entity.js';
import type { StaffService } from '../staff/staff.service.js';
import { SYSTEM } from '../staff/staff-rules.js';
import { StaffUserEntity } from '../staff/staff-user.entity.js';
import { SuggestionEntity, newSuggestionRow } from '../suggestions/suggestion.entity.js';
import { TimelineEventEntity } from '../suggestions/timeline-event.entity.js';
import { UnitEntity } from '../units/unit.entity.js';
import { DEMO_CATEGORIES, DEMO_PASSWORD, DEMO_RESIDENTS, DEMO_ROUTING_RULES, DEMO_STAFF, DEMO_SUGGESTIONS, DEMO_UNITS } from './demo-data.js';
import { RoutingRuleEntity } from '../routing/routing-rule.entity.js';
import { parseQuarter, previousQuarter } from '../calendar/quarters.js';
import { seedDemoHistory } from './demo-history.js';
import { createHash } from 'node:crypto';
import { indexSuggestionText } from '../search/search-index.js';

/** Seeds the demo data set once, on an empty database. Returns false when data already exists. */
export async function seedDemo(dataSource: DataSource, pii: PiiCrypto, staff: StaffService, now: Date): Promise<boolean> {
  if ((await dataSource.getRepository(UnitEntity).count()) > 0) return false;
  const units = new Map<string, number>();
  await dataSource.transaction(async (em) => {
    for (const u of DEMO_UNITS) {
      const r = await em.insert(UnitEntity, { ...u, parentId: null, active: true, createdAt: now, updatedAt: now });
      units.set(u.code, r.identifiers[0]!.id as number);
    }
  });
  // Staff accounts through the same service as createStaffUser (audited); demo ones get a known
  // password instead of a set-password code, so the README's sign-ins work at once.
  for (const s of DEMO_STAFF) {
    await staff.create(SYSTEM, { username: s.username, displayName: s.displayName, roles: s.roles, unitId: s.unitCode ? units.get(s.unitCode)! : null }, { password: DEMO_PASSWORD });
  }
  await dataSource.transaction(async (em) => {
    await seedRoutingRules(em, units, now);
    const residentIds: number[] = [];
    for (const r of DEMO_RESIDENTS) {
      const res = await em.insert(ResidentEntity, {
        phoneCiphertext: pii.encrypt(r.phone),
        phoneHash: pii.lookupHash(r.phone),
        displayName: r.displayName,
        verifiedAt: now,
        notificationOptOuts: [],
        deletedAt: null,
        createdAt: now,
      });
      residentIds.push(res.identifiers[0]!.id as number);
    }
    const year = now.getUTCFullYear();
    // 第1期 has run since the start of last quarter: its closed items feed the feed, search and awards.
    const lastQuarter = previousQuarter(now);
    const campaign = await em.insert(CampaignEntity, {
      year,
      number: 1,
      title: '城市品质提升建言征集',
      topic: '交通出行、城市建设、生态环境与公共服务',
      description: '围绕城市建设、交通出行、生态环境等方面，征集您的意见建议。被采纳的优秀建言将参评季度“最佳民众建言奖”。',
      opensAt: parseQuarter(lastQuarter).start,
      closesAt: new Date(now.getTime() + 30 * 86400_000),
      status: 'OPEN',
      categories: DEMO_CATEGORIES,
      signDays: 1,
      replyDays: 10,
      reopenReplyDays: 5,
      ratingWindowDays: 7,
      maxReopens: 1,
      requireReplyReview: false,
      prizeText: '被采纳建言可获话费奖励，并参评季度“最佳民众建言奖”',
      createdAt: now,
      updatedAt: now,
    });
    const campaignId = campaign.identifiers[0]!.id as number;
    await seedDemoHistory(em, await historyContext(em, campaignId, units, residentIds), now, lastQuarter);
    for (const [i, s] of DEMO_SUGGESTIONS.entries()) {
      const authorId = residentIds[s.resident]!;
      const r = await em.insert(SuggestionEntity, newSuggestionRow(
        {
        campaignId,
        authorId,
        title: s.title,
        body: s.body,
        category: s.category,
        location: null,
        consentToPublish: true,
        anonymous: false,
        authorName: DEMO_RESIDENTS[s.resident]!.displayName,
        idempotencyKey: `demo-seed-${i}`,
        contentHash: createHash('sha256').update(`demo-${i}`).digest('hex'),
        },
        now,
      ));
      await indexSuggestionText(em, r.identifiers[0]!.id as number, s.title, s.body, DEMO_RESIDENTS[s.resident]!.displayName);
      await em.insert(TimelineEventEntity, {
        suggestionId: r.identifiers[0]!.id as number,
        actorKind: 'RESIDENT',
        actorId: authorId,
        unitId: null,
        action: 'submit',
        fromStatus: null,
        toStatus: 'SUBMITTED',
        note: null,
        at: now,
      });
    }
  });
  return true;
}

async function historyContext(em: EntityManager, campaignId: number, units: Map<string, number>, residentIds: number[]) {
  const staff = await em.find(StaffUserEntity);
  const handlers = new Map<string, number>();
  for (const s of DEMO_STAFF) {
    const row = staff.find((u) => u.username === s.username);
    if (row && s.unitCode && s.roles.includes('UNIT_HANDLER')) handlers.set(s.unitCode, row.id);
  }
  return {
    campaignId,
    units,
    residents: residentIds.map((id, i) => ({ id, displayName: DEMO_RESIDENTS[i]!.displayName })),
    coordinatorId: staff.find((u) => u.username === 'coordinator')!.id,
    handlers,
  };
}

/** Demo content beside the accounts: routing rules the demo items match. */
async function seedRoutingRules(em: EntityManager, units: Map<string, number>, now: Date): Promise<void> {
  const admin = await em.findOneByOrFail(StaffUserEntity, { username: 'admin' });
  for (const r of DEMO_ROUTING_RULES) {
    await em.insert(RoutingRuleEntity, {
      name: r.name,
      campaignId: null,
      category: r.category ?? null,
      keywords: r.keywords,
      area: null,
      leadUnitId: units.get(r.leadUnitCode)!,
      coUnitIds: r.coUnitCodes.map((c) => units.get(c)!),
      priority: r.priority,
      active: true,
      createdById: admin.id,
      createdAt: now,
    });
  }
}

export function demoBanner(url: string, smsFile: string): string {
  return [
    '',
    `CivicLoop is running: GraphQL at ${url}/graphql (GraphiQL at ${url}/graphiql)`,
    `Demo staff sign-ins (password "${DEMO_PASSWORD}"): ${DEMO_STAFF.map((s) => s.username).join(', ')}`,
    `Demo residents: ${DEMO_RESIDENTS.map((r) => r.phone).join(', ')}; request a code, then read it from ${smsFile}`,
    '',
  ].join('\n');
}
