import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ResidentNoticeStage } from '../jobs/job-types.js';
import { ReplyEntity } from '../replies/reply.entity.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import { trackingNumberOf } from '../suggestions/tracking-number.js';
import { NotificationsService } from './notifications.service.js';
import type { TemplateName } from './templates.zh-CN.js';

const STAGE_TEMPLATES: Record<ResidentNoticeStage, TemplateName> = {
  RECEIVED: 'resident.received',
  ACCEPTED: 'resident.accepted',
  REJECTED: 'resident.rejected',
  MERGED: 'resident.merged',
  ASSIGNED: 'resident.assigned',
  REPLIED: 'resident.replied',
  REOPENED: 'resident.reopened',
  CLOSED: 'resident.closed',
};

/** 温馨提醒: the author is told of each stage, quoting the tracking number. */
@Injectable()
export class ResidentNoticesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  /** Returns whether a message was written (false: the item or its author is gone). */
  async stageNotice(p: { suggestionId: number; stage: ResidentNoticeStage; timelineEventId: number }): Promise<boolean> {
    const s = await this.dataSource.getRepository(SuggestionEntity).findOneBy({ id: p.suggestionId });
    if (!s?.authorId) return false;
    const params: Record<string, string> = { trackingNumber: trackingNumberOf(s) };
    if ((p.stage === 'ASSIGNED' || p.stage === 'REOPENED') && s.replyDueAt) params.replyDueAt = s.replyDueAt.toISOString();
    const template = STAGE_TEMPLATES[p.stage];
    if ((template === 'resident.assigned' || template === 'resident.reopened') && !params.replyDueAt) return false;
    await this.notifications.notify([
      { recipient: { kind: 'RESIDENT', id: s.authorId }, template, params, suggestionId: s.id, eventKey: `notice:${p.timelineEventId}:${s.id}` },
    ]);
    return true;
  }

  /** Asks the author to rate, unless the item moved on (rated, reopened) or a newer reply replaced this one. */
  async ratingRequest(p: { suggestionId: number; replyId: number }): Promise<boolean> {
    const s = await this.dataSource.getRepository(SuggestionEntity).findOneBy({ id: p.suggestionId });
    if (!s?.authorId || s.status !== 'REPLIED' || !s.ratingDueAt) return false;
    const latest = await this.dataSource.getRepository(ReplyEntity).findOne({ where: { suggestionId: s.id, status: 'PUBLISHED' }, order: { id: 'DESC' } });
    if (latest?.id !== p.replyId) return false;
    await this.notifications.notify([
      {
        recipient: { kind: 'RESIDENT', id: s.authorId },
        template: 'resident.rating-request',
        params: { trackingNumber: trackingNumberOf(s), ratingDueAt: s.ratingDueAt.toISOString() },
        suggestionId: s.id,
        eventKey: `rating-request:${p.replyId}`,
      },
    ]);
    return true;
  }
}
