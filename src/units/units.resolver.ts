import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Public } from '../auth/access.decorator.js';
import { ADMIN_ROLES } from '../auth/roles.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../auth/actor.js';
import { UnitsService } from './units.service.js';
import { UnitConnection, toUnitObject } from './dto/unit.object.js';
import { mapNodes } from '../graphql/connection.js';
import { CreateUnitInput, UnitPayload, UnitsArgs, UpdateUnitInput } from './dto/unit.inputs.js';

@Resolver()
export class UnitsResolver {
  constructor(private readonly units: UnitsService) {}

  @Query(() => UnitConnection, { name: 'units', description: 'Responsible units, for everyone' })
  @Public()
  async units_(@CurrentActor() actor: Actor, @Args() args: UnitsArgs) {
    return mapNodes(await this.units.list(actor, args), toUnitObject);
  }

  @Mutation(() => UnitPayload)
  @Allow(...ADMIN_ROLES)
  async createUnit(@CurrentActor() actor: Actor, @Args('input') input: CreateUnitInput): Promise<UnitPayload> {
    return { unit: toUnitObject(await this.units.create(actor, input)) };
  }

  @Mutation(() => UnitPayload)
  @Allow(...ADMIN_ROLES)
  async updateUnit(@CurrentActor() actor: Actor, @Args('input') input: UpdateUnitInput): Promise<UnitPayload> {
    return { unit: toUnitObject(await this.units.update(actor, input)) };
  }
}
