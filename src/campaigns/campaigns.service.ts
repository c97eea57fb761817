import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { hasRole, requireRole } from '../auth/actor.js';
import { OFFICE_ROLES } from '../auth/roles.js';
import { Clock } from '../common/clock.js';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { ReadRouting } from '../database/read-routing.js';
import { isUniqueViolation } from '../database/db-errors.js';
import { applyKeyset, toConnection, type ConnectionShape, countLater } from '../graphql/connection.js';
import { outboxEntry } from '../jobs/job-types.js';
import { writeOutbox } from '../jobs/outbox.js';
import { DEFAULT_DEADLINES } from '../suggestions/suggestion-deadlines.js';
import { CampaignEntity, type CampaignStatus } from './campaign.entity.js';
import { assertWindow, campaignParties, nextCampaignNumber, decideCampaign } from './campaign-rules.js';
import type { CreateCampaignInput } from './dto/campaign.inputs.js';
import { msg } from '../common/i18n/message.js';
import { publicChange } from '../public-cache/public-changes.js';

@Injectable()
export class CampaignsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly reads: ReadRouting,
  ) {}

  /** Drafts are the office's own; everyone else sees published campaigns. */
  private seesDrafts(actor: Actor): boolean {
    return hasRole(actor, 'COORDINATOR', 'ADMIN');
  }

  list(actor: Actor, args: { first: number; after?: string | null; status?: CampaignStatus; year?: number }): Promise<ConnectionShape<CampaignEntity>> {
    return this.reads.fromReplicaUnlessStaff(actor, () => this.page(actor, args));
  }

  private async page(actor: Actor, args: { first: number; after?: string | null; status?: CampaignStatus; year?: number }): Promise<ConnectionShape<CampaignEntity>> {
    const qb = this.dataSource.getRepository(CampaignEntity).createQueryBuilder('c');
    if (args.status) qb.andWhere('c.status = :status', { status: args.status });
    if (!this.seesDrafts(actor)) qb.andWhere('c.status <> :draft', { draft: 'DRAFT' });
    if (args.year) qb.andWhere('c.year = :year', { year: args.year });
    const total = countLater(qb);
    applyKeyset(qb, 'c.id', 'c.id', 'DESC', args.after);
    const rows = await qb.take(args.first + 1).getMany();
    return toConnection(rows, args.first, total, (c) => [c.id, c.id], (c) => c);
  }

  async get(actor: Actor, id: number): Promise<CampaignEntity | null> {
    const c = await this.reads.fromReplicaUnlessStaff(actor, () => this.dataSource.getRepository(CampaignEntity).findOneBy({ id }));
    if (!c || (c.status === 'DRAFT' && !this.seesDrafts(actor))) return null;
    return c;
  }

  /** A new DRAFT campaign (the office: OFFICE_ROLES, as createCampaign's @Allow). */
  async create(actor: Actor, input: CreateCampaignInput): Promise<CampaignEntity> {
    requireRole(actor, OFFICE_ROLES);
    assertWindow(input.opensAt, input.closesAt);
    return this.tx.run(async (em) => {
      let number = input.number;
      if (number == null) {
        const top = await em.createQueryBuilder(CampaignEntity, 'c').select('MAX(c.number)', 'max').where('c.year = :year', { year: input.year }).getRawOne<{ max: number | string | null }>();
        number = nextCampaignNumber(top?.max == null ? null : Number(top.max));
      }
      const taken = () => new ConflictError(msg('campaign.exists', { year: input.year, number: number! }), { field: 'number' });
      if (await em.findOneBy(CampaignEntity, { year: input.year, number })) throw taken();
      const now = this.clock.now();
      // The unique (year, number) key refuses a concurrent creator that took the same number: CONFLICT, not a 500.
      const campaign = await em.save(
        em.create(CampaignEntity, {
          ...input,
          number,
          status: 'DRAFT',
          signDays: input.signDays ?? DEFAULT_DEADLINES.signDays,
          replyDays: input.replyDays ?? DEFAULT_DEADLINES.replyDays,
          reopenReplyDays: input.reopenReplyDays ?? DEFAULT_DEADLINES.reopenReplyDays,
          ratingWindowDays: input.ratingWindowDays ?? DEFAULT_DEADLINES.ratingWindowDays,
          maxReopens: input.maxReopens ?? 1,
          requireReplyReview: input.requireReplyReview ?? false,
          prizeText: input.prizeText ?? null,
          createdAt: now,
          updatedAt: now,
        }),
      ).catch((err: unknown) => {
        throw isUniqueViolation(err) ? taken() : err;
      });
      publicChange(em, 'campaign.changed');
      // Scheduled opening and closing; the handlers re-check the status when they fire.
      await writeOutbox(em, now, [
        outboxEntry('campaign.open', { campaignId: campaign.id }, `campaign.open:${campaign.id}`, campaign.opensAt),
        outboxEntry('campaign.close', { campaignId: campaign.id }, `campaign.close:${campaign.id}`, campaign.closesAt),
      ]);
      return campaign;
    });
  }

  /**
   * The scheduled opening or closing (campaign.open / campaign.close jobs). Lenient: does
   * nothing unless the campaign is still DRAFT (open) or OPEN (close) and its time has come,
   * so a late, repeated or superseded job is harmless. Returns whether it changed the status.
   */
  async applySchedule(id: number, action: 'open' | 'close'): Promise<boolean> {
    return this.tx.run(async (em) => {
      const c = await em.findOneBy(CampaignEntity, { id });
      const now = this.clock.now();
      if (!c) return false;
      const due = action === 'open' ? c.status === 'DRAFT' && c.opensAt <= now : c.status === 'OPEN' && c.closesAt <= now;
      if (!due) return false;
      const { to, effects } = decideCampaign(c.status, action, 'SCHEDULE');
      const res = await em.update(CampaignEntity, { id, status: c.status }, { status: to, updatedAt: now });
      if (res.affected && effects) publicChange(em, effects.publicChange);
      return !!res.affected;
    });
  }

  /** Opens or closes a campaign, by hand or from the scheduled job. */
  async transition(actor: Actor, id: number, action: 'open' | 'close' | 'archive'): Promise<CampaignEntity> {
    return this.tx.run(async (em) => {
      const c = await em.findOneBy(CampaignEntity, { id });
      if (!c) throw new NotFoundError('Campaign', id);
      const { to, effects } = decideCampaign(c.status, action, campaignParties(actor));
      const now = this.clock.now();
      const res = await em.update(CampaignEntity, { id, status: c.status }, { status: to, updatedAt: now });
      if (!res.affected) throw new ConflictError(msg('common.changedMeanwhile'));
      if (effects) publicChange(em, effects.publicChange);
      return { ...c, status: to, updatedAt: now };
    });
  }
}
