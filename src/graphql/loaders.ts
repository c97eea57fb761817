import DataLoader from 'dataloader';
import { In, type DataSource, type ObjectLiteral, type EntityTarget } from 'typeorm';
import { UnitEntity } from '../units/unit.entity.js';
import { CampaignEntity } from '../campaigns/campaign.entity.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import { TimelineEventEntity } from '../suggestions/timeline-event.entity.js';
import { AssignmentEntity } from '../assignments/assignment.entity.js';
import { ReplyEntity } from '../replies/reply.entity.js';
import { RatingEntity } from '../replies/rating.entity.js';
import { adoptedSql } from '../replies/adoption.js';
import { publishedReplyLoader } from '../feed/feed-loaders.js';
import { leanFind } from '../database/lean-rows.js';

/** Batches lookups by id into one `WHERE id IN (…)` per request tick (rows made into entities by leanFind). */
export function byIdLoader<E extends ObjectLiteral & { id: number }>(
  dataSource: DataSource,
  entity: EntityTarget<E>,
): DataLoader<number, E | null> {
  return new DataLoader<number, E | null>(async (ids) => {
    const rows = await leanFind(dataSource, entity, { where: { id: In([...ids]) } as never });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Groups rows by a foreign key in one query per request tick. */
export function byKeyLoader<E extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<E>,
  key: keyof E & string,
  order: Record<string, 'ASC' | 'DESC'> = { id: 'ASC' },
): DataLoader<number, E[]> {
  return new DataLoader<number, E[]>(async (keys) => {
    const rows = await leanFind(dataSource, entity, { where: { [key]: In([...keys]) } as never, order: order as never });
    const groups = new Map<number, E[]>();
    for (const row of rows) {
      const k = row[key] as number;
      (groups.get(k) ?? groups.set(k, []).get(k)!).push(row);
    }
    return keys.map((k) => groups.get(k) ?? []);
  });
}

export function createLoaders(dataSource: DataSource) {
  return {
    unit: byIdLoader(dataSource, UnitEntity),
    campaign: byIdLoader(dataSource, CampaignEntity),
    suggestion: byIdLoader(dataSource, SuggestionEntity),
    publishedReply: publishedReplyLoader(dataSource),
    timelineBySuggestion: byKeyLoader(dataSource, TimelineEventEntity, 'suggestionId'),
    assignmentsBySuggestion: byKeyLoader(dataSource, AssignmentEntity, 'suggestionId'),
    repliesBySuggestion: byKeyLoader(dataSource, ReplyEntity, 'suggestionId'),
    ratingsBySuggestion: byKeyLoader(dataSource, RatingEntity, 'suggestionId'),
    campaignCounts: new DataLoader<number, { received: number; replied: number; adopted: number }>(async (ids) => {
      const rows: { campaignId: number; received: string; replied: string; adopted: string }[] = await dataSource
        .getRepository(SuggestionEntity)
        .createQueryBuilder('s')
        .select('s.campaignId', 'campaignId')
        .addSelect('COUNT(*)', 'received')
        .addSelect('SUM(CASE WHEN s.adoption IS NOT NULL THEN 1 ELSE 0 END)', 'replied')
        .addSelect(`SUM(CASE WHEN ${adoptedSql('s.adoption')} THEN 1 ELSE 0 END)`, 'adopted')
        .where('s.campaignId IN (:...ids)', { ids: [...ids] })
        .groupBy('s.campaignId')
        .getRawMany();
      const byId = new Map(rows.map((r) => [Number(r.campaignId), r]));
      return ids.map((id) => {
        const r = byId.get(id);
        return { received: Number(r?.received ?? 0), replied: Number(r?.replied ?? 0), adopted: Number(r?.adopted ?? 0) };
      });
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
