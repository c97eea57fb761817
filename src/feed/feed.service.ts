import { parseTrackingNumber } from '../suggestions/tracking-number.js';
import { Injectable } from '@nestjs/common';
import { ReadRouting } from '../database/read-routing.js';
import { DataSource } from 'typeorm';
import { applyKeyset, toConnection, type ConnectionShape, countLater, type TotalCount } from '../graphql/connection.js';
import type { TotalEstimate } from '../search/search-plan.js';
import { SearchService } from '../search/search.service.js';
import { StatisticsService } from '../statistics/statistics.service.js';
import { adoptedSql, notAdoptedSql } from '../replies/adoption.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import { UnitEntity } from '../units/unit.entity.js';
import { PUBLIC_SUGGESTION_COLUMNS, type PublicSuggestionRow, type UnitProfileObject } from './dto/public-suggestion.object.js';

/** A unit's public page as rows: the unit, its figures and a feed page of its items (the resolver maps them). */
export type UnitProfile = Omit<UnitProfileObject, 'unit' | 'items'> & { unit: UnitEntity; items: ConnectionShape<PublicSuggestionRow> };
import { leanMany } from '../database/lean-rows.js';
import type { PublicSuggestionsArgs } from './dto/feed.args.js';

/**
 * The public feed: suggestions whose author consented and whose reply is published
 * (`published`, set by the closed loop). One query for the page and one for the count;
 * relations load through the request's DataLoaders.
 */
@Injectable()
export class FeedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly search: SearchService,
    private readonly statistics: StatisticsService,
    private readonly reads: ReadRouting,
  ) {}

  /** The public feed reads from a replica when one is fresh, its count (asked later) too. */
  list(args: PublicSuggestionsArgs): Promise<ConnectionShape<PublicSuggestionRow>> {
    return this.reads.fromReplica(() => this.page(args));
  }

  private async page(args: PublicSuggestionsArgs): Promise<ConnectionShape<PublicSuggestionRow>> {
    const qb = this.dataSource
      .getRepository(SuggestionEntity)
      .createQueryBuilder('s')
      // consentToPublish too: a withdrawn consent hides the item even before `published` is cleared.
      .where('s.published = :yes AND s.consentToPublish = :yes', { yes: true });
    if (args.campaignId) qb.andWhere('s.campaignId = :campaignId', { campaignId: args.campaignId });
    if (args.unitId) qb.andWhere('s.leadUnitId = :unitId', { unitId: args.unitId });
    if (args.category) qb.andWhere('s.category = :category', { category: args.category });
    if (args.trackingNumber) {
      // A random number is stored; a legacy one is derived from the id of an item that has none.
      const parsed = parseTrackingNumber(args.trackingNumber);
      if (parsed?.kind === 'random') qb.andWhere('s.trackingNumber = :tracking', { tracking: parsed.value });
      else qb.andWhere('s.id = :trackedId AND s.trackingNumber IS NULL', { trackedId: parsed?.id ?? 0 });
    }
    if (args.status) qb.andWhere('s.status = :status', { status: args.status });
    if (args.adoption) qb.andWhere('s.adoption = :adoption', { adoption: args.adoption });
    if (args.adopted === true) qb.andWhere(adoptedSql('s.adoption'));
    if (args.adopted === false) qb.andWhere(notAdoptedSql('s.adoption'));
    const query = args.query?.trim() ? args.query : null;
    const counting = qb.clone();
    const later = countLater(qb);
    let total: TotalCount = () => this.reads.fromReplica(later);
    let estimated: (() => Promise<boolean>) | boolean = false;
    if (query) {
      // A broad search's total is estimated from its newest items (search-plan.ts); asked once for both fields.
      let count: Promise<TotalEstimate> | null = null;
      const once = () => (count ??= this.search.publicCount(counting, query));
      total = async () => (await once()).count;
      estimated = async () => (await once()).estimated;
    }
    applyKeyset(qb, 's.id', 's.id', 'DESC', args.after);
    // Anonymous full-text search runs apart (own pool, time limit, a plan per query); a plain feed page is cheap.
    // A plain page reads only the columns the public object is made of (PUBLIC_SUGGESTION_COLUMNS).
    const rows = query
      ? await this.search.publicPage(qb, query, args.first + 1)
      : await leanMany(qb.select(PUBLIC_SUGGESTION_COLUMNS.map((c) => `s.${c}`)).limit(args.first + 1));
    return { ...toConnection(rows, args.first, total, (s) => [s.id, s.id], (s): PublicSuggestionRow => s), totalCountIsEstimate: estimated };
  }

  /** A unit's public page; null for an unknown unit. */
  async unitProfile(args: { unitId: number; first: number; after?: string | null }): Promise<UnitProfile | null> {
    const unit = await this.reads.fromReplica(() => this.dataSource.getRepository(UnitEntity).findOneBy({ id: args.unitId }));
    if (!unit) return null;
    const f = await this.statistics.unitFigures(unit.id);
    return {
      unit,
      repliesPublished: f.repliesPublished ?? 0,
      repliesOnTime: f.repliesOnTime ?? 0,
      onTimeReplyRate: f.onTimeReplyRate,
      signsDue: f.signsDue ?? 0,
      signedOnTime: f.signedOnTime ?? 0,
      onTimeSignRate: f.onTimeSignRate,
      rated: f.rated ?? 0,
      satisfaction: f.satisfaction,
      adopted: f.adopted ?? 0,
      items: await this.list({ unitId: unit.id, first: args.first, after: args.after }),
    };
  }
}
