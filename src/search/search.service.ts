import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { PublicSearchPool } from './public-search-pool.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import {
  anyTokensQuery,
  indexMatch,
  indexSuggestionText,
  matchCondition,
  removeSuggestionText,
  rowChecks,
  SEARCH_TABLE,
  searchKey,
  toNamed,
  type MatchCondition,
} from './search-index.js';
import { sqlDialect, type SqlDialect } from '../database/dialect.js';
import {
  choosePlan,
  COUNT_PLAN_LIMIT,
  COUNT_WINDOW,
  estimateTotal,
  PUBLIC_SEARCH_COUNT_CAP,
  rarestToken,
  SAMPLE_ROWS,
  SCAN_WINDOW,
  type SearchPlan,
  type TermSample,
  type TotalEstimate,
} from './search-plan.js';
import { parseQuery, similarityTokens, type ParsedQuery } from './search-tokens.js';

export { PUBLIC_SEARCH_COUNT_CAP } from './search-plan.js';

/** How long a query's term sample is reused: it only chooses a plan, so a few seconds stale is fine. */
const SAMPLE_TTL_MS = 10_000;
const SAMPLE_CACHE_SIZE = 1000;

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
  private readonly dialect: SqlDialect;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publicPool: PublicSearchPool,
  ) {
    this.dialect = sqlDialect(dataSource);
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
   * One page of a public search, newest first. `qb` is the caller's query over `suggestions`
   * (alias `s`) with its filters and keyset but without the match; the plan (search-plan.ts)
   * decides how the words are matched. Ids are found on the public search pool (bounded in time,
   * apart from the pool submissions use); the page's rows are then read by primary key.
   */
  async publicPage(qb: SelectQueryBuilder<SuggestionEntity>, query: string, limit: number): Promise<SuggestionEntity[]> {
    const ids = await this.publicIds(qb, query, limit);
    if (!ids.length) return [];
    const rows = await this.dataSource.getRepository(SuggestionEntity).findBy({ id: In(ids) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is SuggestionEntity => !!r);
  }

  /** The ids of one page of a public search; tests force a plan (and a smaller scan window) to compare plans. */
  async publicIds(qb: SelectQueryBuilder<SuggestionEntity>, query: string, limit: number, force?: SearchPlan, scanWindow = SCAN_WINDOW): Promise<number[]> {
    const parsed = parseQuery(query);
    if (!parsed.tokens.length) return [];
    const plan = force ?? choosePlan(await this.sample(parsed), limit);
    if (plan.kind === 'index') return this.indexIds(qb, parsed, plan.driving, limit);
    const size = plan.window ?? scanWindow;
    const window = await this.window(qb, size);
    if (!window) return [];
    const checks = rowChecks(this.dialect, parsed);
    const named = toNamed(checks, 'scanCheck');
    const [sql, params] = qb
      .clone()
      .select('s.id', 'id')
      .innerJoin(SEARCH_TABLE, 'ss', `ss.${searchKey(this.dialect)} = s.id`)
      .andWhere('s.id >= :scanLow', { scanLow: window.lowId })
      .andWhere(named.sql, named.params)
      .orderBy('s.id', 'DESC')
      .limit(limit)
      .getQueryAndParameters();
    const ids = (await this.publicPool.select<{ id: number | string }>(sql, params)).map((r) => Number(r.id));
    if (ids.length >= limit || window.rows < size) return ids;
    // The newest items held too few matches: the older ones through the index.
    const older = qb.clone().andWhere('s.id < :scanLow', { scanLow: window.lowId });
    const driving = [rarestToken((await this.sample(parsed)).tokenHits)];
    return [...ids, ...(await this.indexIds(older, parsed, driving, limit - ids.length))];
  }

  /**
   * totalCount of a public search. A search the index answers cheaply (its rarest word is rare)
   * is counted exactly up to PUBLIC_SEARCH_COUNT_CAP ("10,000 or more"); a broad one is counted
   * over its newest COUNT_WINDOW items and scaled (`estimated`), as counting every match of a
   * common word would check every row.
   */
  async publicCount(qb: SelectQueryBuilder<SuggestionEntity>, query: string): Promise<TotalEstimate> {
    const parsed = parseQuery(query);
    if (!parsed.tokens.length) return { count: 0, estimated: false };
    const sample = await this.sample(parsed);
    const plan = choosePlan(sample, COUNT_PLAN_LIMIT);
    if (plan.kind === 'scan') {
      const checks = rowChecks(this.dialect, parsed);
      // Where the index is dear, a longer window (a fifth of what the page may walk) finds enough matches to scale.
      const countWindow = Math.max(COUNT_WINDOW, Math.floor((plan.window ?? 0) / 5));
      const [windowSql, windowParams] = qb.clone().select('s.id', 'id').orderBy('s.id', 'DESC').limit(countWindow).getQueryAndParameters();
      const [row] = await this.publicPool.select<{ n: number | string; lo: number | string | null; hi: number | string | null; m: number | string | null }>(
        `SELECT COUNT(*) AS n, MIN(w.id) AS lo, MAX(w.id) AS hi, SUM(CASE WHEN ${checks.sql} THEN 1 ELSE 0 END) AS m ` +
          `FROM (${windowSql}) w LEFT JOIN ${SEARCH_TABLE} ss ON ss.${searchKey(this.dialect)} = w.id`,
        [...checks.params, ...windowParams],
      );
      const estimate = estimateTotal({ rows: Number(row?.n ?? 0), matches: Number(row?.m ?? 0), lowId: Number(row?.lo ?? 0), highId: Number(row?.hi ?? 0) }, countWindow);
      if (estimate) return estimate;
    }
    const counting = this.indexQuery(qb, parsed, [rarestToken(sample.tokenHits)]);
    const [sql, params] = counting.select('s.id', 'id').orderBy().limit(PUBLIC_SEARCH_COUNT_CAP).getQueryAndParameters();
    const [row] = await this.publicPool.select<{ n: number | string }>(`SELECT COUNT(*) AS n FROM (${sql}) capped`, params);
    return { count: Number(row?.n ?? 0), estimated: false };
  }

  /** The ids of a page through the word index on the `driving` tokens, the other terms checked on each candidate. */
  private async indexIds(qb: SelectQueryBuilder<SuggestionEntity>, parsed: ParsedQuery, driving: number[], limit: number): Promise<number[]> {
    const [sql, params] = this.indexQuery(qb, parsed, driving).select('s.id', 'id').orderBy('s.id', 'DESC').limit(limit).getQueryAndParameters();
    return (await this.publicPool.select<{ id: number | string }>(sql, params)).map((r) => Number(r.id));
  }

  private indexQuery(qb: SelectQueryBuilder<SuggestionEntity>, parsed: ParsedQuery, driving: number[]): SelectQueryBuilder<SuggestionEntity> {
    const match = indexMatch(
      this.dialect,
      driving.map((i) => parsed.tokens[i]!),
    );
    const checks = rowChecks(this.dialect, parsed, driving);
    const named = toNamed({ sql: `${match.sql} AND ${checks.sql}`, params: [...match.params, ...checks.params] }, 'indexTerm');
    return qb.clone().andWhere(`s.id IN (SELECT ss.${searchKey(this.dialect)} FROM ${SEARCH_TABLE} ss WHERE ${named.sql})`, named.params);
  }

  /** The newest `size` items of the caller's query: how many there are (up to size) and the lowest id. */
  private async window(qb: SelectQueryBuilder<SuggestionEntity>, size: number): Promise<{ rows: number; lowId: number } | null> {
    const [sql, params] = qb.clone().select('s.id', 'id').orderBy('s.id', 'DESC').limit(size).getQueryAndParameters();
    const [row] = await this.publicPool.select<{ n: number | string; lo: number | string | null }>(`SELECT COUNT(*) AS n, MIN(w.id) AS lo FROM (${sql}) w`, params);
    const rows = Number(row?.n ?? 0);
    return rows ? { rows, lowId: Number(row!.lo) } : null;
  }

  private readonly samples = new Map<string, { at: number; sample: Promise<TermSample> }>();

  /** How often the query's terms occur among the newest SAMPLE_ROWS rows of the search table (cached briefly). */
  sample(parsed: ParsedQuery): Promise<TermSample> {
    const key = JSON.stringify(parsed);
    const now = Date.now();
    const cached = this.samples.get(key);
    if (cached && now - cached.at < SAMPLE_TTL_MS) return cached.sample;
    if (this.samples.size >= SAMPLE_CACHE_SIZE) this.samples.clear();
    const sample = this.readSample(parsed);
    this.samples.set(key, { at: now, sample });
    sample.catch(() => this.samples.delete(key));
    return sample;
  }

  private async readSample(parsed: ParsedQuery): Promise<TermSample> {
    const key = searchKey(this.dialect);
    const perToken = parsed.tokens.map((t) => rowChecks(this.dialect, { tokens: [t], phrases: [] }));
    const all = rowChecks(this.dialect, parsed);
    const sums = [...perToken, all].map((c, i) => `SUM(CASE WHEN ${c.sql} THEN 1 ELSE 0 END) AS t${i}`);
    // The newest keys first (a derived table of integers only), then their rows by key: no long
    // text materialised, and no range over a subquery the optimiser cannot use.
    const rows = await this.publicPool.select<Record<string, number | string | null>>(
      `SELECT COUNT(*) AS n, MAX(w.k) AS top, ${sums.join(', ')} FROM (SELECT ${key} AS k FROM ${SEARCH_TABLE} ORDER BY ${key} DESC LIMIT ${SAMPLE_ROWS}) w ` +
        `JOIN ${SEARCH_TABLE} ss ON ss.${key} = w.k`,
      [...perToken.flatMap((c) => c.params), ...all.params],
    );
    const r = rows[0] ?? {};
    return {
      rows: Number(r.n ?? 0),
      tableRows: Number(r.top ?? 0),
      tokenHits: parsed.tokens.map((_, i) => Number(r[`t${i}`] ?? 0)),
      allHits: Number(r[`t${parsed.tokens.length}`] ?? 0),
    };
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
