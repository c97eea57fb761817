import DataLoader from 'dataloader';
import { In, type DataSource, type ObjectLiteral, type EntityTarget } from 'typeorm';
import { UnitEntity } from '../units/unit.entity.js';
import { CampaignEntity } from '../campaigns/campaign.entity.js';

/** Batches lookups by id into one `WHERE id IN (…)` per request tick. */
export function byIdLoader<E extends ObjectLiteral & { id: number }>(
  dataSource: DataSource,
  entity: EntityTarget<E>,
): DataLoader<number, E | null> {
  return new DataLoader<number, E | null>(async (ids) => {
    const rows = await dataSource.getRepository(entity).findBy({ id: In([...ids]) } as never);
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
    const rows = await dataSource.getRepository(entity).find({ where: { [key]: In([...keys]) } as never, order: order as never });
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
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
