import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { requireRole, type Actor } from '../auth/actor.js';
import { ADMIN_ROLES } from '../auth/roles.js';
import { Clock } from '../common/clock.js';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { Transactions } from '../database/transactions.js';
import { SuggestionEntity } from '../suggestions/suggestion.entity.js';
import { UnitEntity } from '../units/unit.entity.js';
import { RoutingRuleEntity } from './routing-rule.entity.js';
import { matchRoutingRule } from './routing-match.js';
import type { CreateRoutingRuleInput, UpdateRoutingRuleInput } from './dto/routing.dto.js';
import { msg } from '../common/i18n/message.js';

/** The rule a proposal comes from and the units it names (toRoutingProposalObject shows it). */
export interface RoutingProposal {
  rule: RoutingRuleEntity | null;
  leadUnit: UnitEntity | null;
  coUnits: UnitEntity[];
}

@Injectable()
export class RoutingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  list(): Promise<RoutingRuleEntity[]> {
    return this.dataSource.getRepository(RoutingRuleEntity).find({ order: { priority: 'ASC', id: 'ASC' } });
  }

  async create(actor: Actor, input: CreateRoutingRuleInput): Promise<RoutingRuleEntity> {
    const staffId = this.requireAdmin(actor);
    const fields = checkedRule(input);
    return this.tx.run(async (em) => {
      await requireUnits(em, [fields.leadUnitId, ...fields.coUnitIds]);
      const row = { ...fields, active: true, createdById: staffId, createdAt: this.clock.now() };
      const r = await em.insert(RoutingRuleEntity, row);
      return { ...row, id: r.identifiers[0]!.id as number };
    });
  }

  /** Rewrites a rule whole, under the same checks as a new one. */
  async update(actor: Actor, input: UpdateRoutingRuleInput): Promise<RoutingRuleEntity> {
    this.requireAdmin(actor);
    const fields = checkedRule(input);
    return this.tx.run(async (em) => {
      const rule = await em.findOneBy(RoutingRuleEntity, { id: input.id });
      if (!rule) throw new NotFoundError('RoutingRule', input.id);
      await requireUnits(em, [fields.leadUnitId, ...fields.coUnitIds]);
      await em.update(RoutingRuleEntity, { id: rule.id }, fields);
      return { ...rule, ...fields };
    });
  }

  /** Turns a rule off (it proposes nothing; kept for the record) or on again. */
  async setActive(actor: Actor, id: number, active: boolean): Promise<RoutingRuleEntity> {
    this.requireAdmin(actor);
    return this.tx.run(async (em) => {
      const rule = await em.findOneBy(RoutingRuleEntity, { id });
      if (!rule) throw new NotFoundError('RoutingRule', id);
      await em.update(RoutingRuleEntity, { id }, { active });
      return { ...rule, active };
    });
  }

  /** Administrators keep the rules (ADMIN_ROLES, as the mutations' @Allow). */
  private requireAdmin(actor: Actor): number {
    requireRole(actor, ADMIN_ROLES);
    return actor.id;
  }

  /** The rule-based proposal for an item; the coordinator confirms or overrides it with assignSuggestion. */
  async propose(suggestionId: number): Promise<RoutingProposal> {
    const s = await this.dataSource.getRepository(SuggestionEntity).findOneBy({ id: suggestionId });
    if (!s) throw new NotFoundError('Suggestion', suggestionId);
    const rules = await this.dataSource.getRepository(RoutingRuleEntity).findBy({ active: true });
    const rule = matchRoutingRule(rules, s);
    if (!rule) return { rule: null, leadUnit: null, coUnits: [] };
    const units = await this.dataSource.getRepository(UnitEntity).findBy({ id: In([rule.leadUnitId, ...rule.coUnitIds]) });
    const byId = new Map(units.map((u) => [u.id, u]));
    return {
      rule,
      leadUnit: byId.get(rule.leadUnitId) ?? null,
      coUnits: rule.coUnitIds.map((id) => byId.get(id)).filter((u) => u !== undefined),
    };
  }
}

/** A rule's fields from the input, checked: a lead that is not also a co-organiser, and at least one condition. */
function checkedRule(input: CreateRoutingRuleInput) {
  const coUnitIds = [...new Set(input.coUnitIds ?? [])];
  if (coUnitIds.includes(input.leadUnitId)) throw new ValidationError(msg('assign.leadNotCo'), 'coUnitIds');
  if (!input.campaignId && !input.category && !input.keywords?.length && !input.area) {
    throw new ValidationError(msg('routing.needsCondition'), 'keywords');
  }
  return {
    name: input.name,
    campaignId: input.campaignId ?? null,
    category: input.category ?? null,
    keywords: input.keywords ?? [],
    area: input.area ?? null,
    leadUnitId: input.leadUnitId,
    coUnitIds,
    priority: input.priority ?? 100,
  };
}

async function requireUnits(em: EntityManager, ids: number[]): Promise<void> {
  const found = await em.findBy(UnitEntity, { id: In(ids) });
  for (const id of ids) if (!found.some((u) => u.id === id)) throw new NotFoundError('Unit', id);
}
