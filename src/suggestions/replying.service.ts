import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { CampaignEntity } from '../campaigns/campaign.entity.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { Transactions } from '../database/transactions.js';
import { attachPhotos } from '../photos/photo-attach.js';
import { ReplyEntity, type Adoption } from '../replies/reply.entity.js';
import { ReplyTemplateEntity } from '../replies/reply-template.entity.js';
import { SuggestionEntity } from './suggestion.entity.js';
import { partiesOf } from './suggestion-access.js';
import { assertHasStanding } from './suggestion-workflow.js';
import { ratingDueAt } from './suggestion-deadlines.js';
import { REPLY_LIFECYCLE } from './reply-lifecycle.js';
import { actorId, CampaignsOf, WorkflowCore } from './workflow-core.js';

/** Reply text and decision, shared by single and bulk replies. */
export interface ReplyContent {
  body: string;
  adoption: Adoption;
  notAdoptedReason?: string | null;
  templateId?: number | null;
}

/** Replies (答复) by the lead unit, one or many at once, and the office's review before publishing. */
@Injectable()
export class ReplyingService {
  constructor(
    private readonly tx: Transactions,
    private readonly core: WorkflowCore,
  ) {}

  reply(actor: Actor, input: ReplyContent & { suggestionId: number; expectedVersion?: number | null; photoIds?: string[] | null }): Promise<{ suggestion: SuggestionEntity; reply: ReplyEntity }> {
    return this.tx.run(async (em) => {
      await this.checkReplyContent(em, actor, input);
      const s = await this.core.load(em, input.suggestionId);
      const done = await this.replyIn(em, actor, s, await this.core.campaignOf(em, s), input, input.expectedVersion);
      await attachPhotos(em, actor, { suggestionId: done.suggestion.id, replyId: done.reply.id }, input.photoIds, this.core.now());
      return done;
    });
  }

  /** One answer sent to many items at once (all or nothing). */
  replyMany(actor: Actor, input: ReplyContent & { suggestionIds: number[] }): Promise<{ suggestion: SuggestionEntity; reply: ReplyEntity }[]> {
    if (new Set(input.suggestionIds).size !== input.suggestionIds.length) throw new ValidationError(msg('input.eachOnce', { field: 'suggestionIds' }), 'suggestionIds');
    return this.tx.run(async (em) => {
      await this.checkReplyContent(em, actor, input);
      const campaigns = new CampaignsOf(em);
      const out = [];
      for (const id of input.suggestionIds) {
        const s = await this.core.load(em, id);
        out.push(await this.replyIn(em, actor, s, await campaigns.of(s), input));
      }
      return out;
    });
  }

  private async replyIn(em: EntityManager, actor: Actor, s: SuggestionEntity, campaign: CampaignEntity, content: ReplyContent, expectedVersion?: number | null) {
    const now = this.core.now();
    const reply = {
      suggestionId: s.id,
      unitId: s.leadUnitId ?? 0,
      authorId: actorId(actor),
      body: content.body,
      adoption: content.adoption,
      notAdoptedReason: content.notAdoptedReason ?? null,
      templateId: content.templateId ?? null,
      status: 'PENDING_REVIEW' as ReplyEntity['status'],
      submittedAt: now,
      dueAt: s.replyDueAt ?? now,
      onTime: !s.replyDueAt || now.getTime() <= s.replyDueAt.getTime(),
      reviewedById: null,
      reviewedAt: null,
      reviewNote: null,
      publishedAt: null as Date | null,
    };
    // The reply row is written first so its id can key the follow-up jobs.
    const inserted = await em.insert(ReplyEntity, reply);
    const replyId = inserted.identifiers[0]!.id as number;
    const after = await this.core.apply(em, actor, s, 'reply', campaign, {
      set: (to) => (to === 'REPLIED' ? publishFields(s, campaign, content.adoption, now) : {}),
      unitId: s.leadUnitId,
      replyId,
      expectedVersion,
    });
    if (after.status === 'REPLIED') {
      const { to } = REPLY_LIFECYCLE.decide(reply.status, 'publish', ['WORKFLOW'], {});
      await em.update(ReplyEntity, { id: replyId }, { status: to, publishedAt: now });
      return { suggestion: after, reply: { ...reply, id: replyId, status: to, publishedAt: now } };
    }
    return { suggestion: after, reply: { ...reply, id: replyId } };
  }

  async reviewReply(actor: Actor, input: { replyId: number; approve: boolean; note?: string | null }): Promise<{ suggestion: SuggestionEntity; reply: ReplyEntity }> {
    return this.tx.run(async (em) => {
      const reply = await em.findOneBy(ReplyEntity, { id: input.replyId });
      if (!reply) throw new NotFoundError('Reply', input.replyId);
      const s = await this.core.load(em, reply.suggestionId);
      const parties = partiesOf(actor, s);
      assertHasStanding(parties);
      // The reply's OFFICE is the item's coordinator; the item's table (approveReply) says so again below.
      const replyParties = parties.includes('COORDINATOR') ? (['OFFICE'] as const) : [];
      const { to: replyStatus } = REPLY_LIFECYCLE.decide(reply.status, input.approve ? 'publish' : 'sendBack', replyParties, {});
      const campaign = await this.core.campaignOf(em, s);
      const now = this.core.now();
      const after = await this.core.apply(em, actor, s, input.approve ? 'approveReply' : 'sendBackReply', campaign, {
        set: () => (input.approve ? publishFields(s, campaign, reply.adoption, now) : {}),
        note: input.note ?? null,
        replyId: reply.id,
      });
      const changes = { status: replyStatus, ...(input.approve && { publishedAt: now }), reviewedById: actorId(actor), reviewedAt: now, reviewNote: input.note ?? null };
      await em.update(ReplyEntity, { id: reply.id }, changes);
      return { suggestion: after, reply: { ...reply, ...changes } };
    });
  }

  private async checkReplyContent(em: EntityManager, actor: Actor, c: ReplyContent): Promise<void> {
    if (c.adoption === 'NOT_ADOPTED' && !c.notAdoptedReason?.trim()) {
      throw new ValidationError(msg('reply.notAdoptedReason'), 'notAdoptedReason');
    }
    if (c.templateId != null) {
      const t = await em.findOneBy(ReplyTemplateEntity, { id: c.templateId });
      const mine = t && t.active && (t.unitId === null || (actor.kind === 'staff' && actor.unitId === t.unitId));
      if (!mine) throw new NotFoundError('ReplyTemplate', c.templateId);
    }
  }
}

function publishFields(s: SuggestionEntity, campaign: CampaignEntity, adoption: Adoption, now: Date): Partial<SuggestionEntity> {
  return {
    adoption,
    published: s.consentToPublish,
    ratingDueAt: ratingDueAt(now, campaign),
  };
}
