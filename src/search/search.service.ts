import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { PublicSearchPool } from './public-search-pool.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import {
  anyTokensQuery,
  indexSuggestionText,
  matchCondition,
  removeSuggestionText,
  SEARCH_TABLE,
  searchDialect,
  type MatchCondition,
  type SearchDialect,
} from './search-index.js';
import { similarityTokens } from './search-tokens.js';

/** A public search's totalCount stops here ("10,000 or more"). */
export const PUBLIC_SEARCH_COUNT_CAP = 10_000;

export interface SearchOptions {
  /** At most this many ids (default 20, at most 100). */
  limit?: number;
  campaignIds?: number[];
  statuses?: string[];
  excludeIds?: number[];
  /** Only these suggestions (e.g. a page already filtered elsewhere). */
  onlyIds?: number[];
}

export interface SearchHit {
  suggestionId: number;
  /** Higher is more relevant; comparable within one answer only (engines score differently). */
  score: number;
}

/**
 * Full-text search over suggestions' public (masked) title and body that works for Chinese on MariaDB/MySQL
 * and SQLite alike (see search-tokens.ts for why the platform tokenises).
 */
@Injectable()
export class SearchService {
  private readonly dialect: SearchDialect;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publicPool: PublicSearchPool,
  ) {
    this.dialect = searchDialect(dataSource);
  }

  /** Indexes a suggestion inside the caller's transaction (submit, edit, anonymise). */
  index(em: EntityManager, suggestionId: number, title: string, body: string, authorName: string | null = null): Promise<void> {
    return indexSuggestionText(em, suggestionId, title, body, authorName);
  }

  remove(em: EntityManager, suggestionId: number): Promise<void> {
    return removeSuggestionText(em, suggestionId);
  }

  /** A WHERE fragment for query builders over `suggestions` (alias `alias`), or null for a blank query. */
  condition(query: string | null | undefined, alias = 's', paramPrefix = 'search'): MatchCondition | null {
    return matchCondition(this.dialect, query, { id: `${alias}.id` }, paramPrefix);
  }

  /**
   * One page of a public search: `qb` is the caller's query over `suggestions` (alias `s`) with
   * its filters, the match condition and keyset applied. Only the ids are found on the public
   * search pool (bounded in time, apart from the pool submissions use); the page's rows are
   * then read by primary key.
   */
  async publicPage(qb: SelectQueryBuilder<SuggestionEntity>, limit: number): Promise<SuggestionEntity[]> {
    const [sql, params] = qb.clone().select('s.id', 'id').limit(limit).getQueryAndParameters();
    const ids = (await this.publicPool.select<{ id: number | string }>(sql, params)).map((r) => Number(r.id));
    if (!ids.length) return [];
    const rows = await this.dataSource.getRepository(SuggestionEntity).findBy({ id: In(ids) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is SuggestionEntity => !!r);
  }

  /**
   * How many a public search matches, counted up to PUBLIC_SEARCH_COUNT_CAP on the public
   * search pool: counting every match of a common word would scan the index for it.
   */
  async publicCount(qb: SelectQueryBuilder<SuggestionEntity>): Promise<number> {
    const [sql, params] = qb.clone().select('s.id', 'id').orderBy().limit(PUBLIC_SEARCH_COUNT_CAP).getQueryAndParameters();
    const [row] = await this.publicPool.select<{ n: number | string }>(`SELECT COUNT(*) AS n FROM (${sql}) capped`, params);
    return Number(row?.n ?? 0);
  }

  /** Suggestions containing every word of the query, newest first. */
  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const condition = this.condition(query);
    if (!condition) return [];
    const qb = this.dataSource
      .getRepository(SuggestionEntity)
      .createQueryBuilder('s')
      .select('s.id', 'id')
      .where(condition.sql, condition.params);
    this.applyOptions(qb, options);
    // Every hit holds every token of the query, so newest first is the useful order.
    const rows: { id: number }[] = await qb.orderBy('s.id', 'DESC').limit(clampLimit(options.limit)).getRawMany();
    return rows.map((r, i) => ({ suggestionId: Number(r.id), score: rows.length - i }));
  }

  /**
   * Possible duplicates of a suggestion, for screening: others sharing its bigrams and words,
   * ranked by the engine's relevance (TF-IDF on InnoDB, BM25 in FTS5).
   */
  async similar(suggestionId: number, limit = 5, options: Omit<SearchOptions, 'limit'> = {}): Promise<SearchHit[]> {
    const key = this.dialect === 'sqlite' ? 'rowid' : 'suggestionId';
    const [stored] = (await this.dataSource.query(`SELECT tokens FROM ${SEARCH_TABLE} WHERE ${key} = ?`, [suggestionId])) as { tokens: string }[];
    if (!stored?.tokens) return [];
    const tokens = similarityTokens(stored.tokens);
    if (!tokens.length) return [];
    const q = anyTokensQuery(this.dialect, tokens);
    const qb = this.dataSource.getRepository(SuggestionEntity).createQueryBuilder('s').select('s.id', 'id');
    if (this.dialect === 'sqlite') {
      qb.innerJoin(SEARCH_TABLE, 'ss', 'ss.rowid = s.id').addSelect('-ss.rank', 'score').where('ss.tokens MATCH :q', { q }).orderBy('ss.rank', 'ASC');
    } else {
      qb.innerJoin(SEARCH_TABLE, 'ss', 'ss.suggestionId = s.id')
        .addSelect('MATCH(ss.tokens) AGAINST (:q)', 'score')
        .where('MATCH(ss.tokens) AGAINST (:q)', { q })
        .orderBy('score', 'DESC');
    }
    qb.andWhere('s.id <> :self', { self: suggestionId }).addOrderBy('s.id', 'DESC');
    this.applyOptions(qb, options);
    const rows: { id: number; score: number | string }[] = await qb.limit(clampLimit(limit)).getRawMany();
    return rows.map((r) => ({ suggestionId: Number(r.id), score: Number(r.score) }));
  }

  private applyOptions(qb: import('typeorm').SelectQueryBuilder<SuggestionEntity>, o: Omit<SearchOptions, 'limit'>): void {
    if (o.campaignIds?.length) qb.andWhere('s.campaignId IN (:...searchCampaigns)', { searchCampaigns: o.campaignIds });
    if (o.statuses?.length) qb.andWhere('s.status IN (:...searchStatuses)', { searchStatuses: o.statuses });
    if (o.excludeIds?.length) qb.andWhere('s.id NOT IN (:...searchExclude)', { searchExclude: o.excludeIds });
    if (o.onlyIds) {
      if (!o.onlyIds.length) qb.andWhere('1 = 0');
      else qb.andWhere('s.id IN (:...searchOnly)', { searchOnly: o.onlyIds });
    }
  }
}

function clampLimit(limit: number | undefined): number {
  return Math.min(Math.max(Math.trunc(limit ?? 20), 1), 100);
}
