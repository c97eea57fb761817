import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, Public } from '../auth/access.decorator.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../auth/actor.js';
import { UnitsService } from './units.service.js';
import { UnitConnection } from './dto/unit.object.js';
import { CreateUnitInput, UnitPayload, UnitsArgs, UpdateUnitInput } from './dto/unit.inputs.js';

@Resolver()
export class UnitsResolver {
  constructor(private readonly units: UnitsService) {}

  @Query(() => UnitConnection, { name: 'units', description: 'Responsible units, for everyone' })
  @Public()
  units_(@CurrentActor() actor: Actor, @Args() args: UnitsArgs) {
    return this.units.list(actor, args);
  }

  @Mutation(() => UnitPayload)
  @Allow('ADMIN')
  async createUnit(@CurrentActor() actor: Actor, @Args('input') input: CreateUnitInput): Promise<UnitPayload> {
    return { unit: await this.units.create(actor, input) };
  }

  @Mutation(() => UnitPayload)
  @Allow('ADMIN')
  async updateUnit(@CurrentActor() actor: Actor, @Args('input') input: UpdateUnitInput): Promise<UnitPayload> {
    return { unit: await this.units.update(actor, input) };
  }
}
