import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { CalendarService } from '../calendar/calendar.service.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import type { CampaignEntity } from '../campaigns/campaign.entity.js';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors.js';
import { msg } from '../common/i18n/message.js';
import { lockRowsById } from '../database/row-locks.js';
import { Transactions } from '../database/transactions.js';
import { AssignmentEntity } from '../assignments/assignment.entity.js';
import { UnitEntity } from '../units/unit.entity.js';
import { SuggestionEntity } from './suggestion.entity.js';
import { partiesOf } from './suggestion-access.js';
import { assertHasStanding } from './suggestion-workflow.js';
import { assignmentDeadlines } from './suggestion-deadlines.js';
import { actorId, CampaignsOf, WorkflowCore } from './workflow-core.js';

/**
 * Screening and routing (受理、交办): the office accepts, routes, transfers, rejects or merges
 * an item; the author withdraws one not yet screened; the lead unit returns a misrouted one.
 */
@Injectable()
export class ScreeningService {
  constructor(
    private readonly tx: Transactions,
    private readonly core: WorkflowCore,
    private readonly calendars: CalendarService,
  ) {}

  async assign(actor: Actor, input: { suggestionIds: number[]; leadUnitId: number; coUnitIds?: number[] | null; note?: string | null }): Promise<SuggestionEntity[]> {
    const coUnitIds = uniqueUnits(input.leadUnitId, input.coUnitIds ?? []);
    if (new Set(input.suggestionIds).size !== input.suggestionIds.length) {
      throw new ValidationError(msg('input.eachOnce', { field: 'suggestionIds' }), 'suggestionIds');
    }
    const calendar = await this.calendars.calendar();
    return this.tx.run(async (em) => {
      await this.requireActiveUnits(em, [input.leadUnitId, ...coUnitIds]);
      const campaigns = new CampaignsOf(em);
      const results: SuggestionEntity[] = [];
      for (const id of input.suggestionIds) {
        const s = await this.core.load(em, id);
        const campaign = await campaigns.of(s);
        results.push(await this.routeTo(em, actor, s, campaign, 'assign', input.leadUnitId, coUnitIds, input.note ?? null, calendar));
      }
      return results;
    });
  }

  async transfer(actor: Actor, input: { suggestionId: number; leadUnitId: number; coUnitIds?: number[] | null; reason: string; expectedVersion?: number | null }): Promise<SuggestionEntity> {
    const coUnitIds = uniqueUnits(input.leadUnitId, input.coUnitIds ?? []);
    const calendar = await this.calendars.calendar();
    return this.tx.run(async (em) => {
      await this.requireActiveUnits(em, [input.leadUnitId, ...coUnitIds]);
      const s = await this.core.load(em, input.suggestionId);
      assertHasStanding(partiesOf(actor, s));
      if (s.leadUnitId === input.leadUnitId) throw new ValidationError(msg('assign.sameUnit'), 'leadUnitId');
      const campaign = await this.core.campaignOf(em, s);
      await this.core.endAssignments(em, s.id, 'TRANSFERRED', input.reason);
      return this.routeTo(em, actor, s, campaign, 'transfer', input.leadUnitId, coUnitIds, input.reason, calendar, input.expectedVersion);
    });
  }

  /** Assign and transfer share this: new assignments, fresh deadlines, reminders. */
  private async routeTo(
    em: EntityManager,
    actor: Actor,
    s: SuggestionEntity,
    campaign: CampaignEntity,
    action: 'assign' | 'transfer',
    leadUnitId: number,
    coUnitIds: number[],
    note: string | null,
    calendar: WorkingDayCalendar,
    expectedVersion?: number | null,
  ): Promise<SuggestionEntity> {
    const now = this.core.now();
    const { signDueAt, replyDueAt } = assignmentDeadlines(calendar, now, campaign);
    const after = await this.core.apply(em, actor, s, action, campaign, {
      set: () => ({ leadUnitId, signDueAt, replyDueAt, ratingDueAt: null }),
      note,
      unitId: leadUnitId,
      calendar,
      expectedVersion,
    });
    const base = { suggestionId: s.id, assignedById: actorId(actor), assignedAt: now, signDueAt, signedAt: null, signedById: null, contribution: null, contributedAt: null, endedAt: null, endReason: null, endNote: null };
    await em.insert(AssignmentEntity, [
      { ...base, unitId: leadUnitId, role: 'LEAD' as const },
      ...coUnitIds.map((unitId) => ({ ...base, unitId, role: 'CO' as const })),
    ]);
    return after;
  }

  reject(actor: Actor, input: { suggestionId: number; reason: string; expectedVersion?: number | null }): Promise<SuggestionEntity> {
    return this.tx.run(async (em) => {
      const s = await this.core.load(em, input.suggestionId);
      return this.core.apply(em, actor, s, 'reject', await this.core.campaignOf(em, s), {
        set: () => ({ closeReason: input.reason }),
        note: input.reason,
        expectedVersion: input.expectedVersion,
      });
    });
  }

  /** A duplicate follows its target: its author is told of the target's later stages too. */
  merge(actor: Actor, input: { suggestionId: number; targetId: number; note?: string | null }): Promise<SuggestionEntity> {
    if (input.suggestionId === input.targetId) throw new ValidationError(msg('merge.self'), 'targetId');
    return this.tx.run(async (em) => {
      // Both rows locked together, in id order: merges P→Q and Q→P at once queue here, and the
      // second sees its target already MERGED.
      const locked = await lockRowsById(em, SuggestionEntity, [input.suggestionId, input.targetId]);
      const source = locked.find((x) => x.id === input.suggestionId);
      const target = locked.find((x) => x.id === input.targetId);
      if (!source) throw new NotFoundError('Suggestion', input.suggestionId);
      assertHasStanding(partiesOf(actor, source));
      if (!target) throw new NotFoundError('Suggestion', input.targetId);
      if (['WITHDRAWN', 'REJECTED', 'MERGED'].includes(target.status)) {
        throw new ConflictError(msg('merge.targetClosed', { status: target.status }), { field: 'targetId' });
      }
      return this.core.apply(em, actor, source, 'merge', await this.core.campaignOf(em, source), {
        set: () => ({ mergedIntoId: target.id }),
        note: input.note ?? null,
      });
    });
  }

  withdraw(actor: Actor, input: { suggestionId: number }): Promise<SuggestionEntity> {
    return this.tx.run(async (em) => {
      const s = await this.core.load(em, input.suggestionId);
      return this.core.apply(em, actor, s, 'withdraw', await this.core.campaignOf(em, s), {});
    });
  }

  returnToOffice(actor: Actor, input: { suggestionId: number; reason: string; expectedVersion?: number | null }): Promise<SuggestionEntity> {
    return this.tx.run(async (em) => {
      const s = await this.core.load(em, input.suggestionId);
      const after = await this.core.apply(em, actor, s, 'return', await this.core.campaignOf(em, s), {
        set: () => ({ leadUnitId: null, signDueAt: null, replyDueAt: null }),
        note: input.reason,
        unitId: s.leadUnitId,
        expectedVersion: input.expectedVersion,
      });
      await this.core.endAssignments(em, s.id, 'RETURNED', input.reason);
      return after;
    });
  }

  private async requireActiveUnits(em: EntityManager, ids: number[]): Promise<void> {
    const units = await em.findBy(UnitEntity, { id: In(ids) });
    for (const id of ids) {
      const u = units.find((x) => x.id === id);
      if (!u) throw new NotFoundError('Unit', id);
      if (!u.active) throw new ValidationError(msg('unit.inactive', { code: u.code }), 'leadUnitId');
    }
  }
}

function uniqueUnits(leadUnitId: number, coUnitIds: number[]): number[] {
  const unique = [...new Set(coUnitIds)];
  if (unique.includes(leadUnitId)) throw new ValidationError(msg('assign.leadNotCo'), 'coUnitIds');
  if (unique.length > 10) throw new ValidationError(msg('assign.tooManyCo', { max: 10 }), 'coUnitIds');
  return unique;
}
