import type { DataSource, EntityTarget, FindManyOptions, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils.js';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata.js';

// Each raw-row key (`s_title`) with its column, per entity and query alias: worked out once.
type Plan = readonly (readonly [key: string, column: ColumnMetadata])[];
const plans = new WeakMap<EntityMetadata, Map<string, Plan>>();

function planOf(qb: SelectQueryBuilder<ObjectLiteral>, metadata: EntityMetadata, alias: string): Plan {
  let byAlias = plans.get(metadata);
  if (!byAlias) plans.set(metadata, (byAlias = new Map()));
  let plan = byAlias.get(alias);
  if (!plan) {
    const driver = qb.connection.driver;
    plan = metadata.columns.filter((c) => !c.isVirtual).map((c) => [DriverUtils.buildAlias(driver, undefined, alias, c.databaseName), c] as const);
    byAlias.set(alias, plan);
  }
  return plan;
}

/**
 * `getMany()` for the hot list pages (the public feed, a unit's inbox): the same SQL, built by the
 * caller's query builder (filters, keyset and page size stay where they are written), read with
 * `getRawMany()` and made into entities with the driver's own conversion of each selected column
 * (`prepareHydratedValue`: booleans, dates, JSON and column transformers, as `getMany` does).
 * What it leaves out is TypeORM's general transformer: grouping rows by primary key for joined
 * relations, relation ids, load events. So it takes one entity's columns only: a query
 * with joins or relation ids, or an entity with load listeners or subscribers, goes through `getMany()`.
 * Columns the query does not select are absent from the entities, as with `getMany()`.
 */
export async function leanMany<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>): Promise<E[]> {
  const map = qb.expressionMap;
  const alias = map.mainAlias;
  if (
    !alias?.hasMetadata ||
    map.joinAttributes.length > 0 ||
    map.relationIdAttributes.length > 0 ||
    alias.metadata.afterLoadListeners.length > 0 ||
    qb.connection.subscribers.length > 0
  ) {
    return qb.getMany();
  }
  const metadata = alias.metadata;
  const plan = planOf(qb as SelectQueryBuilder<ObjectLiteral>, metadata, alias.name);
  const driver = qb.connection.driver;
  const rows: Record<string, unknown>[] = await qb.getRawMany();
  return rows.map((row) => {
    const entity = metadata.create(undefined, { fromDeserializer: true }) as E;
    for (const [key, column] of plan) {
      const value = row[key];
      if (value !== undefined) column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
    }
    return entity;
  });
}

/** `repository.find(options)` through `leanMany`: the same SQL as find (same alias, same options). */
export function leanFind<E extends ObjectLiteral>(dataSource: DataSource, entity: EntityTarget<E>, options: FindManyOptions<E>): Promise<E[]> {
  const repository = dataSource.getRepository(entity);
  return leanMany(repository.createQueryBuilder(repository.metadata.name).setFindOptions(options));
}
