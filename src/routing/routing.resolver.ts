import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../auth/access.decorator.js';
import { ADMIN_ROLES } from '../auth/roles.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../auth/actor.js';
import { RoutingService } from './routing.service.js';
import { CreateRoutingRuleInput, RoutingProposalObject, RoutingRuleObject, RoutingRulePayload, SetRoutingRuleActiveInput, toRoutingRuleObject, UpdateRoutingRuleInput } from './dto/routing.dto.js';
import { toUnitObject } from '../units/dto/unit.object.js';

@Resolver()
export class RoutingResolver {
  constructor(private readonly routing: RoutingService) {}

  @Query(() => [RoutingRuleObject])
  @Allow('ADMIN', 'COORDINATOR')
  async routingRules() {
    return (await this.routing.list()).map(toRoutingRuleObject);
  }

  @Query(() => RoutingProposalObject, { description: 'Units proposed for an item by the routing rules, with the rule that matched' })
  @Allow('COORDINATOR')
  async suggestRouting(@Args('suggestionId', { type: () => Int }) suggestionId: number): Promise<RoutingProposalObject> {
    const { rule, leadUnit, coUnits } = await this.routing.propose(suggestionId);
    return { rule: rule && toRoutingRuleObject(rule), leadUnit: leadUnit && toUnitObject(leadUnit), coUnits: coUnits.map(toUnitObject) };
  }

  @Mutation(() => RoutingRulePayload)
  @Allow(...ADMIN_ROLES)
  async createRoutingRule(@CurrentActor() actor: Actor, @Args('input') input: CreateRoutingRuleInput): Promise<RoutingRulePayload> {
    return { routingRule: toRoutingRuleObject(await this.routing.create(actor, input)) };
  }

  @Mutation(() => RoutingRulePayload, { description: 'Rewrites a routing rule whole (same checks as createRoutingRule)' })
  @Allow(...ADMIN_ROLES)
  async updateRoutingRule(@CurrentActor() actor: Actor, @Args('input') input: UpdateRoutingRuleInput): Promise<RoutingRulePayload> {
    return { routingRule: toRoutingRuleObject(await this.routing.update(actor, input)) };
  }

  @Mutation(() => RoutingRulePayload, { description: 'Turns a routing rule off (it proposes nothing, and stays listed) or on again' })
  @Allow(...ADMIN_ROLES)
  async setRoutingRuleActive(@CurrentActor() actor: Actor, @Args('input') input: SetRoutingRuleActiveInput): Promise<RoutingRulePayload> {
    return { routingRule: toRoutingRuleObject(await this.routing.setActive(actor, input.id, input.active)) };
  }
}
