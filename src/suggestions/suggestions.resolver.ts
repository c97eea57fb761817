import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { INTAKE_ROLES } from '../auth/roles.js';
import { Allow, Public } from '../auth/access.decorator.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../auth/actor.js';
import type { GraphQLContext } from '../graphql/context.js';
import { SuggestionsService } from './suggestions.service.js';
import { SuggestionConnection, SuggestionTrackingObject, toSuggestionObject, toSuggestionTrackingObject } from './dto/suggestion.object.js';
import { mapNodes } from '../graphql/connection.js';
import type { SuggestionEntity } from './suggestion.entity.js';
import { MySuggestionsArgs, RecordSuggestionInput, SubmitSuggestionInput, SubmitSuggestionPayload, TrackSuggestionArgs } from './dto/suggestion.inputs.js';

@Resolver()
export class SuggestionsResolver {
  constructor(private readonly suggestions: SuggestionsService) {}

  @Mutation(() => SubmitSuggestionPayload)
  @Allow('RESIDENT')
  async submitSuggestion(@CurrentActor() actor: Actor, @Args('input') input: SubmitSuggestionInput, @Context() ctx: GraphQLContext) {
    return asPayload(await this.suggestions.submit(actor, input, ctx.request.ip));
  }

  @Mutation(() => SubmitSuggestionPayload, { description: 'Office or counter staff record a suggestion for a resident who called, wrote or came in (代录)' })
  @Allow(...INTAKE_ROLES)
  async recordSuggestion(@CurrentActor() actor: Actor, @Args('input') input: RecordSuggestionInput) {
    return asPayload(await this.suggestions.record(actor, input));
  }

  @Query(() => SuggestionConnection, { description: 'The signed-in resident’s own suggestions, newest first' })
  @Allow('RESIDENT')
  async mySuggestions(@CurrentActor() actor: Actor, @Args() args: MySuggestionsArgs) {
    return mapNodes(await this.suggestions.mine(actor, args), toSuggestionObject);
  }

  @Query(() => SuggestionTrackingObject, { nullable: true, description: 'Track a suggestion by its ledger number' })
  @Public()
  async trackSuggestion(@CurrentActor() actor: Actor, @Args() args: TrackSuggestionArgs) {
    const tracked = await this.suggestions.track(actor, args.trackingNumber);
    return tracked && toSuggestionTrackingObject(tracked.suggestion, tracked.standing, tracked.events);
  }
}

const asPayload = ({ suggestion, replayed }: { suggestion: SuggestionEntity; replayed: boolean }) => ({ suggestion: toSuggestionObject(suggestion), replayed });
