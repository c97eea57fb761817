import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import { UnitEntity } from '../units/unit.entity.js';
import { toUnitObject } from '../units/dto/unit.object.js';
import { RoutingRuleEntity } from './routing-rule.entity.js';
import { matchRoutingRule } from './routing-match.js';
import { toRoutingRuleObject, type CreateRoutingRuleInput, type RoutingProposalObject, type RoutingRuleObject } from './dto/routing.dto.js';
import { msg } from '../common/i18n/message.js';

@Injectable()
export class RoutingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<RoutingRuleObject[]> {
    return (await this.dataSource.getRepository(RoutingRuleEntity).find({ order: { priority: 'ASC', id: 'ASC' } })).map(toRoutingRuleObject);
  }

  async create(actor: Actor, input: CreateRoutingRuleInput): Promise<RoutingRuleObject> {
    if (actor.kind !== 'staff') throw new ValidationError(msg('routing.staffOnly'));
    const coUnitIds = [...new Set(input.coUnitIds ?? [])];
    if (coUnitIds.includes(input.leadUnitId)) throw new ValidationError(msg('assign.leadNotCo'), 'coUnitIds');
    if (!input.campaignId && !input.category && !input.keywords?.length && !input.area) {
      throw new ValidationError(msg('routing.needsCondition'), 'keywords');
    }
    return this.tx.run(async (em) => {
      const ids = [input.leadUnitId, ...coUnitIds];
      const found = await em.findBy(UnitEntity, { id: In(ids) });
      for (const id of ids) if (!found.some((u) => u.id === id)) throw new NotFoundError('Unit', id);
      const row = {
        name: input.name,
        campaignId: input.campaignId ?? null,
        category: input.category ?? null,
        keywords: input.keywords ?? [],
        area: input.area ?? null,
        leadUnitId: input.leadUnitId,
        coUnitIds,
        priority: input.priority ?? 100,
        active: true,
        createdById: actor.id,
        createdAt: this.clock.now(),
      };
      const r = await em.insert(RoutingRuleEntity, row);
      return toRoutingRuleObject({ ...row, id: r.identifiers[0]!.id as number });
    });
  }

  /** The rule-based proposal for an item; the coordinator confirms or overrides it with assignSuggestion. */
  async propose(suggestionId: number): Promise<RoutingProposalObject> {
    const s = await this.dataSource.getRepository(SuggestionEntity).findOneBy({ id: suggestionId });
    if (!s) throw new NotFoundError('Suggestion', suggestionId);
    const rules = await this.dataSource.getRepository(RoutingRuleEntity).findBy({ active: true });
    const rule = matchRoutingRule(rules, s);
    if (!rule) return { rule: null, leadUnit: null, coUnits: [] };
    const units = await this.dataSource.getRepository(UnitEntity).findBy({ id: In([rule.leadUnitId, ...rule.coUnitIds]) });
    const byId = new Map(units.map((u) => [u.id, toUnitObject(u)]));
    return {
      rule: toRoutingRuleObject(rule),
      leadUnit: byId.get(rule.leadUnitId) ?? null,
      coUnits: rule.coUnitIds.map((id) => byId.get(id)).filter((u) => u !== undefined),
    };
  }
}
