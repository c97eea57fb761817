import { ArgsType, Field, Int, ObjectType, ResolveField, Resolver } from '@nestjs/graphql';
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidationError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';

export const MAX_PAGE_SIZE = 100;

@ObjectType()
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: 20, description: '1 to 100' })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string | null;
}

/** A total, or the count query that yields it: only run when a client selects `totalCount`. */
export type TotalCount = number | (() => Promise<number>);

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: TotalCount;
  /** Only on connections declared with `estimatedCount` (a broad public search). */
  totalCountIsEstimate?: boolean | (() => Promise<boolean>);
}

/** Defers a page's COUNT(*): most page requests never ask for it, and on a large table it costs more than the page. */
export function countLater(qb: SelectQueryBuilder<any>): () => Promise<number> {
  const counting = qb.clone();
  return () => counting.getCount();
}

const totalCountResolvers: Type[] = [];

/** A cursor connection type for a node type (`edges`, `pageInfo`, `totalCount`). */
export function Connection<T>(node: Type<T>, name: string, options: { estimatedCount?: boolean } = {}): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field() cursor: string;
    @Field(() => node) node: T;
  }
  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int, { description: 'All items matching the filter (counted only when asked for)' }) totalCount: TotalCount;
  }
  @Resolver(() => ConnectionType)
  class TotalCountResolver {
    @ResolveField(() => Int)
    totalCount(connection: ConnectionShape<T>): number | Promise<number> {
      return typeof connection.totalCount === 'function' ? connection.totalCount() : connection.totalCount;
    }
  }
  Object.defineProperty(TotalCountResolver, 'name', { value: `${name}TotalCountResolver` });
  totalCountResolvers.push(TotalCountResolver);
  if (options.estimatedCount) {
    Field(() => Boolean, { description: 'True when totalCount is an estimate (a broad search, scaled from its newest items)' })(
      ConnectionType.prototype,
      'totalCountIsEstimate',
    );
    @Resolver(() => ConnectionType)
    class EstimateResolver {
      @ResolveField(() => Boolean)
      totalCountIsEstimate(connection: ConnectionShape<T>): boolean | Promise<boolean> {
        const e = connection.totalCountIsEstimate ?? false;
        return typeof e === 'function' ? e() : e;
      }
    }
    Object.defineProperty(EstimateResolver, 'name', { value: `${name}TotalCountIsEstimateResolver` });
    totalCountResolvers.push(EstimateResolver);
  }
  return ConnectionType as Type<ConnectionShape<T>>;
}

/** Registers the `totalCount` resolver of every connection type declared so far (call after the feature modules load). */
@Module({})
export class ConnectionsModule {
  static forRoot(): DynamicModule {
    return { module: ConnectionsModule, providers: [...totalCountResolvers] };
  }
}

// Keyset cursors: an opaque encoding of the sort key and the id of the last row.
export type CursorKey = [string | number, number];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): CursorKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // Only what toConnection writes: a finite number or a short string, then a safe integer id
    // (JSON reads 1e309 as Infinity, which no database compares with).
    if (
      Array.isArray(key) &&
      key.length === 2 &&
      ((typeof key[0] === 'string' && key[0].length <= 64) || (typeof key[0] === 'number' && Number.isFinite(key[0]))) &&
      Number.isSafeInteger(key[1])
    ) {
      return key as CursorKey;
    }
  } catch {
    // fall through
  }
  throw new ValidationError(msg('input.cursor'), 'after');
}

/** Builds a connection from `first + 1` fetched rows. */
export function toConnection<R, T>(
  rows: R[],
  first: number,
  totalCount: TotalCount,
  keyOf: (row: R) => CursorKey,
  toNode: (row: R) => T,
): ConnectionShape<T> {
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({ cursor: encodeCursor(keyOf(row)), node: toNode(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/** Orders by (sort, id) and continues after the cursor; one indexed range scan, no OFFSET. */
export function applyKeyset(
  qb: import('typeorm').SelectQueryBuilder<any>,
  sortColumn: string,
  idColumn: string,
  order: 'ASC' | 'DESC',
  after: string | null | undefined,
  sortIsDate = false,
): void {
  qb.orderBy(sortColumn, order).addOrderBy(idColumn, order);
  if (!after) return;
  const [value, id] = decodeCursor(after);
  const op = order === 'DESC' ? '<' : '>';
  const keyValue = sortIsDate ? new Date(value) : value;
  if (keyValue instanceof Date && Number.isNaN(keyValue.getTime())) throw new ValidationError(msg('input.cursor'), 'after');
  qb.andWhere(`(${sortColumn} ${op} :keysetValue OR (${sortColumn} = :keysetValue AND ${idColumn} ${op} :keysetId))`, {
    keysetValue: keyValue,
    keysetId: id,
  });
}

/** The same page with each node turned into its API object (services return rows; resolvers map). */
export function mapNodes<R, T>(c: ConnectionShape<R>, toNode: (row: R, index: number) => T): ConnectionShape<T> {
  return { ...c, edges: c.edges.map((e, i) => ({ cursor: e.cursor, node: toNode(e.node, i) })) };
}
