import { awardRoundParty, decideRound, type AwardRoundAction } from './award-round-lifecycle.js';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors.js';
import { LOGGER } from '../common/logger.module.js';
import type { Logger } from '../common/logger.js';
import { lockForUpdate } from '../database/dialect.js';
import { Transactions } from '../database/transactions.js';
import { outboxEntry } from '../jobs/job-types.js';
import { writeOutbox } from '../jobs/outbox.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import { trackingNumberOf } from '../suggestions/tracking-number.js';
import { computeRoundScores } from './award-computation.js';
import { AwardRoundEntity, settingsJson, settingsOfRound, type AwardRoundStatus } from './award-round.entity.js';
import { AwardRoundEventEntity } from './award-round-event.entity.js';
import {
  CITIZEN_COMPONENTS,
  DEFAULT_SETTINGS,
  UNIT_COMPONENTS,
  satisfactionBasisOf,
  weightsFromDecimals,
  type AwardSettings,
  type CitizenComponent,
  type UnitComponent,
} from './award-scoring.js';
import { AwardWinnerEntity } from './award-winner.entity.js';
import { parseQuarter, type Quarter } from '../calendar/quarters.js';
import { SuggestionScoreEntity } from './suggestion-score.entity.js';
import { msg } from '../common/i18n/message.js';
import { publicChange } from '../public-cache/public-changes.js';

type Acting = Actor | 'SYSTEM';

export interface SetWeightsCommand {
  quarter: string;
  weights: Record<UnitComponent, number>;
  citizenWeights?: Record<CitizenComponent, number> | null;
  minItemsToRank?: number | null;
  citizenNominees?: number | null;
  /** Kept as it is when omitted. */
  satisfactionBasis?: string | null;
}

export interface ConfirmWinnersCommand {
  quarter: string;
  winners: { suggestionId: number; citation: string }[];
}

/**
 * Award rounds: DRAFT → COMPUTED → PUBLISHED, as AWARD_ROUND_LIFECYCLE decides. Every change
 * locks the round's row, refuses a published round with CONFLICT, and appends an audit event,
 * all in one transaction.
 */
@Injectable()
export class AwardsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Computes (or recomputes) a quarter that has ended. Same data, same result: the score rows are replaced. */
  async compute(actor: Acting, quarterInput: string): Promise<AwardRoundEntity> {
    const quarter = this.endedQuarter(quarterInput);
    return this.tx.run(async (em) => {
      const round = await this.lockOrCreate(em, quarter.key);
      this.decide(round, 'compute', actor);
      return this.recompute(em, actor, round, quarter, 'compute');
    });
  }

  /** Sets a round's weights (creating a DRAFT round if needed); a computed round is recomputed with them at once. */
  async setWeights(actor: Actor, input: SetWeightsCommand): Promise<AwardRoundEntity> {
    const quarter = parseQuarter(input.quarter);
    const unitWeights = weightsFromDecimals(input.weights, UNIT_COMPONENTS, 'weights');
    const citizenWeights = input.citizenWeights ? weightsFromDecimals(input.citizenWeights, CITIZEN_COMPONENTS, 'citizenWeights') : null;
    const basis = input.satisfactionBasis == null ? null : satisfactionBasisOf(input.satisfactionBasis);
    return this.tx.run(async (em) => {
      const round = await this.lockOrCreate(em, quarter.key);
      this.decide(round, 'setWeights', actor);
      const settings: AwardSettings = {
        unitWeights,
        citizenWeights: citizenWeights ?? round.settings.citizenWeights,
        minItemsToRank: input.minItemsToRank ?? round.settings.minItemsToRank,
        citizenNominees: input.citizenNominees ?? round.settings.citizenNominees,
        satisfactionBasis: basis ?? settingsOfRound(round).satisfactionBasis,
      };
      round.settings = settingsJson(settings);
      round.satisfactionBasis = settings.satisfactionBasis;
      await em.update(AwardRoundEntity, { id: round.id }, { settings: round.settings, satisfactionBasis: round.satisfactionBasis, updatedAt: this.clock.now() });
      if (round.status === 'COMPUTED') return this.recompute(em, actor, round, quarter, 'set-weights');
      await this.audit(em, round.id, actor, 'set-weights', { settings });
      return round;
    });
  }

  /** The coordinator confirms winners among the nominees, each with a citation; new winners are notified. */
  async confirmCitizenAwards(actor: Actor, input: ConfirmWinnersCommand): Promise<AwardRoundEntity> {
    const quarter = parseQuarter(input.quarter);
    const ids = input.winners.map((w) => w.suggestionId);
    const repeated = ids.findIndex((id, i) => ids.indexOf(id) !== i);
    if (repeated >= 0) throw new ValidationError(msg('awards.listedTwice', { suggestionId: ids[repeated]! }), `winners.${repeated}.suggestionId`);
    return this.tx.run(async (em) => {
      const round = await this.lockExisting(em, quarter.key);
      this.decide(round, 'confirmWinners', actor);
      const nominated = new Set(
        (await em.find(SuggestionScoreEntity, { select: { suggestionId: true }, where: { roundId: round.id, nominated: true, ...(ids.length ? { suggestionId: In(ids) } : {}) } })).map(
          (s) => s.suggestionId,
        ),
      );
      const outsider = ids.findIndex((id) => !nominated.has(id));
      if (outsider >= 0) {
        throw new ValidationError(msg('awards.notNominee', { suggestionId: ids[outsider]!, quarter: round.quarter }), `winners.${outsider}.suggestionId`);
      }
      const now = this.clock.now();
      const existing = await em.findBy(AwardWinnerEntity, { roundId: round.id });
      const dropped = existing.filter((w) => !ids.includes(w.suggestionId));
      if (dropped.length) await em.delete(AwardWinnerEntity, { id: In(dropped.map((w) => w.id)) });
      const added: number[] = [];
      for (const w of input.winners) {
        const citation = w.citation.trim();
        const before = existing.find((e) => e.suggestionId === w.suggestionId);
        if (before) {
          if (before.citation !== citation) await em.update(AwardWinnerEntity, { id: before.id }, { citation, confirmedById: actorId(actor)!, confirmedAt: now });
        } else {
          await em.insert(AwardWinnerEntity, { roundId: round.id, suggestionId: w.suggestionId, citation, confirmedById: actorId(actor)!, confirmedAt: now });
          added.push(w.suggestionId);
        }
      }
      // Keyed per round and suggestion: a winner dropped and confirmed again is told once.
      await writeOutbox(
        em,
        now,
        added.map((suggestionId) => outboxEntry('awards.winner-notice', { roundId: round.id, suggestionId }, `award-winner:${round.id}:${suggestionId}`)),
      );
      await em.update(AwardRoundEntity, { id: round.id }, { updatedAt: now });
      await this.audit(em, round.id, actor, 'confirm-winners', { suggestionIds: ids, added, removed: dropped.map((w) => w.suggestionId) });
      return round;
    });
  }

  /** COMPUTED → PUBLISHED; from then on the round is frozen. */
  async publish(actor: Actor, quarterInput: string): Promise<AwardRoundEntity> {
    const quarter = parseQuarter(quarterInput);
    return this.tx.run(async (em) => {
      const round = await this.lockExisting(em, quarter.key);
      const to = this.decide(round, 'publish', actor);
      const now = this.clock.now();
      const result = await em.update(AwardRoundEntity, { id: round.id, status: round.status }, { status: to, publishedAt: now, publishedById: actorId(actor), updatedAt: now });
      if (result.affected === 0) throw new ConflictError(msg('awards.changedMeanwhile', { quarter: round.quarter }));
      await this.audit(em, round.id, actor, 'publish', {});
      return { ...round, status: to, publishedAt: now, publishedById: actorId(actor), updatedAt: now };
    });
  }

  /**
   * The quarter-end job (`awards.quarter-end`, AwardsJobs): computes the quarter that just
   * ended unless someone already did. Delivery is at least once, so a round already computed
   * or published is left alone.
   */
  async onQuarterEnd(quarterInput: string): Promise<void> {
    const quarter = this.endedQuarter(quarterInput);
    await this.tx.run(async (em) => {
      const round = await this.lockOrCreate(em, quarter.key);
      if (round.status !== 'DRAFT') return;
      await this.recompute(em, 'SYSTEM', round, quarter, 'compute');
    });
    this.logger.info({ quarter: quarter.key }, 'award round computed at quarter end');
  }

  /**
   * The winner notice job (`awards.winner-notice`). It re-checks when it fires: a confirmation
   * withdrawn meanwhile, or an author who deleted their account, sends nothing.
   */
  async notifyWinner(p: { roundId: number; suggestionId: number }): Promise<boolean> {
    const winner = await this.dataSource.getRepository(AwardWinnerEntity).findOneBy({ roundId: p.roundId, suggestionId: p.suggestionId });
    const round = winner && (await this.dataSource.getRepository(AwardRoundEntity).findOneBy({ id: p.roundId }));
    const s = round && (await this.dataSource.getRepository(SuggestionEntity).findOneBy({ id: p.suggestionId }));
    if (!round || !s?.authorId) return false;
    const q = parseQuarter(round.quarter);
    await this.notifications.notify([
      {
        recipient: { kind: 'RESIDENT', id: s.authorId },
        template: 'resident.award-winner',
        params: { trackingNumber: trackingNumberOf(s), quarterLabel: `${q.year}年第${q.quarter}季度` },
        suggestionId: s.id,
        eventKey: `award-winner:${round.id}:${s.id}`,
      },
    ]);
    return true;
  }

  // ---- internals ----

  private endedQuarter(input: string): Quarter {
    const quarter = parseQuarter(input);
    if (quarter.end > this.clock.now()) {
      throw new ValidationError(msg('awards.quarterNotOver', { quarter: quarter.key }), 'quarter');
    }
    return quarter;
  }

  /** The round lifecycle's decision (award-round-lifecycle.ts); a refused change to a published round is logged. */
  private decide(round: AwardRoundEntity, action: AwardRoundAction, actor: Acting): AwardRoundStatus {
    const party = awardRoundParty(actor);
    if (round.status === 'PUBLISHED' && party) {
      // Refusals write nothing; the log keeps the attempt (ids only).
      this.logger.warn({ quarter: round.quarter, action }, 'refused a change to a published award round');
    }
    return decideRound(round, action, party);
  }

  private async recompute(em: EntityManager, actor: Acting, round: AwardRoundEntity, quarter: Quarter, action: string): Promise<AwardRoundEntity> {
    const settings = settingsOfRound(round);
    const totals = await computeRoundScores(em, round.id, quarter, settings);
    const now = this.clock.now();
    const changes = { status: decideRound(round, 'compute', awardRoundParty(actor)), computedAt: now, computedById: actor === 'SYSTEM' ? null : actorId(actor), citizenCandidates: totals.citizenCandidates, updatedAt: now };
    await em.update(AwardRoundEntity, { id: round.id }, changes);
    await this.audit(em, round.id, actor, action, { settings, ...totals });
    return { ...round, ...changes };
  }

  /**
   * The round's row, locked for the rest of the transaction (SQLite runs transactions one at a
   * time and needs no lock). A missing round is created as DRAFT with the settings of the most
   * recent round, so a coordinator's weights carry over to the next quarter.
   */
  private async lockOrCreate(em: EntityManager, quarter: string): Promise<AwardRoundEntity> {
    const found = await this.find(em, quarter);
    if (found) return found;
    const latest = await em.getRepository(AwardRoundEntity).createQueryBuilder('r').orderBy('r.quarter', 'DESC').limit(1).getOne();
    const now = this.clock.now();
    await em
      .createQueryBuilder()
      .insert()
      .into(AwardRoundEntity)
      .values({ quarter, status: 'DRAFT', settings: settingsJson(latest?.settings ?? DEFAULT_SETTINGS), satisfactionBasis: latest ? settingsOfRound(latest).satisfactionBasis : DEFAULT_SETTINGS.satisfactionBasis, citizenCandidates: 0, computedAt: null, computedById: null, publishedAt: null, publishedById: null, createdAt: now, updatedAt: now })
      .orIgnore() // a concurrent creator won; lock theirs
      .execute();
    return (await this.find(em, quarter))!;
  }

  private async lockExisting(em: EntityManager, quarter: string): Promise<AwardRoundEntity> {
    const round = await this.find(em, quarter);
    if (!round) throw new NotFoundError('AwardRound', quarter);
    return round;
  }

  private find(em: EntityManager, quarter: string): Promise<AwardRoundEntity | null> {
    const qb = em.getRepository(AwardRoundEntity).createQueryBuilder('r').where('r.quarter = :quarter', { quarter });
    return lockForUpdate(em, qb).getOne();
  }

  private async audit(em: EntityManager, roundId: number, actor: Acting, action: string, details: Record<string, unknown>): Promise<void> {
    // Every change to a round writes its history here: the one place public reads hear of it.
    publicChange(em, 'award-round.changed');
    await em.insert(AwardRoundEventEntity, {
      roundId,
      action,
      actorKind: actor === 'SYSTEM' ? 'SYSTEM' : 'STAFF',
      actorId: actor === 'SYSTEM' ? null : actorId(actor),
      details: details as never, // simple-json column: TypeORM serialises it
      at: this.clock.now(),
    });
  }
}

function actorId(actor: Actor): number | null {
  return actor.kind === 'anonymous' ? null : actor.id;
}
