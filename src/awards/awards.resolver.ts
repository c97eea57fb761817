import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Public } from '../auth/access.decorator.js';
import { OFFICE_ROLES } from '../auth/roles.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../auth/actor.js';
import type { GraphQLContext } from '../graphql/context.js';
import { AwardQueriesService } from './award-queries.service.js';
import { awardLoaders } from './award-loaders.js';
import { AwardsService } from './awards.service.js';
import { SupportService } from './support.service.js';
import type { AwardGroup } from './award-scoring.js';
import {
  AwardQuarterInput,
  AwardRoundArgs,
  AwardRoundsArgs,
  ConfirmCitizenAwardsInput,
  ExplainUnitScoreArgs,
  LeaderboardArgs,
  SetAwardWeightsInput,
  SuggestionSupportArgs,
  SupportSuggestionInput,
} from './dto/award.inputs.js';
import {
  AwardGroupEnum,
  AwardRoundConnection,
  AwardRoundObject,
  AwardRoundPayload,
  CitizenWinnerObject,
  LeaderboardObject,
  SuggestionScoreObject,
  SuggestionSupportObject,
  SupportSuggestionPayload,
  UnitScoreExplanationObject,
  UnitScoreObject,
  toAwardRoundObject,
  toUnitScoreObject,
} from './dto/award.objects.js';

@Resolver()
export class AwardsResolver {
  constructor(
    private readonly awards: AwardsService,
    private readonly queries: AwardQueriesService,
    private readonly supports: SupportService,
  ) {}

  @Query(() => AwardRoundObject, { nullable: true, description: 'A quarter’s round; unpublished rounds only for the office' })
  @Public()
  async awardRound(@CurrentActor() actor: Actor, @Args() args: AwardRoundArgs): Promise<AwardRoundObject | null> {
    const round = await this.queries.round(actor, args.quarter);
    return round && toAwardRoundObject(round);
  }

  @Query(() => AwardRoundConnection, { description: 'Rounds, latest quarter first; the public sees published ones' })
  @Public()
  async awardRounds(@CurrentActor() actor: Actor, @Args() args: AwardRoundsArgs) {
    const page = await this.queries.rounds(actor, args);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: toAwardRoundObject(e.node) })) };
  }

  @Query(() => LeaderboardObject, { nullable: true, description: 'A published round for everyone; resident names masked' })
  @Public()
  leaderboard(@Args() args: LeaderboardArgs): Promise<LeaderboardObject | null> {
    return this.queries.leaderboard(args.quarter);
  }

  @Query(() => UnitScoreExplanationObject, { nullable: true, description: 'How a unit’s score arose: every component with its counts and weight' })
  @Public()
  explainUnitScore(@CurrentActor() actor: Actor, @Args() args: ExplainUnitScoreArgs): Promise<UnitScoreExplanationObject | null> {
    return this.queries.explainUnitScore(actor, args.quarter, args.unitId);
  }

  @Query(() => SuggestionSupportObject, { nullable: true, description: 'Support count of a published suggestion' })
  @Public()
  suggestionSupport(@CurrentActor() actor: Actor, @Args() args: SuggestionSupportArgs) {
    return this.supports.summaryIfPublic(actor, args.suggestionId);
  }

  @Mutation(() => AwardRoundPayload, { description: 'Compute (or recompute) an ended quarter; idempotent; refused once published' })
  @Allow(...OFFICE_ROLES)
  async computeAwardRound(@CurrentActor() actor: Actor, @Args('input') input: AwardQuarterInput): Promise<AwardRoundPayload> {
    return { round: toAwardRoundObject(await this.awards.compute(actor, input.quarter)) };
  }

  @Mutation(() => AwardRoundPayload, { description: 'Set a round’s weights (must sum to 1); a computed round is recomputed with them' })
  @Allow(...OFFICE_ROLES)
  async setAwardWeights(@CurrentActor() actor: Actor, @Args('input') input: SetAwardWeightsInput): Promise<AwardRoundPayload> {
    return { round: toAwardRoundObject(await this.awards.setWeights(actor, input)) };
  }

  @Mutation(() => AwardRoundPayload, { description: 'Confirm 最佳民众建言奖 winners among the nominees, with citations; winners are notified' })
  @Allow(...OFFICE_ROLES)
  async confirmCitizenAwards(@CurrentActor() actor: Actor, @Args('input') input: ConfirmCitizenAwardsInput): Promise<AwardRoundPayload> {
    return { round: toAwardRoundObject(await this.awards.confirmCitizenAwards(actor, input)) };
  }

  @Mutation(() => AwardRoundPayload, { description: 'Publish a computed round; it is frozen from then on' })
  @Allow(...OFFICE_ROLES)
  async publishAwardRound(@CurrentActor() actor: Actor, @Args('input') input: AwardQuarterInput): Promise<AwardRoundPayload> {
    return { round: toAwardRoundObject(await this.awards.publish(actor, input.quarter)) };
  }

  @Mutation(() => SupportSuggestionPayload, { description: '“Me too” (附议) for a published suggestion, once per resident' })
  @Allow('RESIDENT')
  async supportSuggestion(@CurrentActor() actor: Actor, @Args('input') input: SupportSuggestionInput): Promise<SupportSuggestionPayload> {
    return { support: await this.supports.support(actor, input.suggestionId) };
  }
}

/** Relations of a round, batched per request. The round itself was access-checked by its query. */
@Resolver(() => AwardRoundObject)
export class AwardRoundFieldsResolver {
  constructor(private readonly queries: AwardQueriesService) {}

  @ResolveField(() => [UnitScoreObject], { description: 'Units in group order: ranked, then below the minimum, then nothing due' })
  async unitScores(
    @Parent() round: AwardRoundObject,
    @Context() ctx: GraphQLContext,
    @Args('group', { type: () => AwardGroupEnum, nullable: true }) group?: AwardGroup | null,
  ): Promise<UnitScoreObject[]> {
    const rows = await awardLoaders(ctx, this.queries).unitScores.load(round.id);
    return rows.filter((r) => !group || r.unitGroup === group).map(toUnitScoreObject);
  }

  @ResolveField(() => [SuggestionScoreObject], { description: 'Leading citizen places with every component; for the office only (the public sees the winners)' })
  async citizenShortlist(@Parent() round: AwardRoundObject, @Context() ctx: GraphQLContext): Promise<SuggestionScoreObject[]> {
    if (!this.queries.canSeeUnpublished(ctx.actor)) return [];
    return awardLoaders(ctx, this.queries).citizenShortlist.load(round.id);
  }

  @ResolveField(() => [CitizenWinnerObject], { description: 'Confirmed 最佳民众建言奖 winners' })
  winners(@Parent() round: AwardRoundObject, @Context() ctx: GraphQLContext): Promise<CitizenWinnerObject[]> {
    return awardLoaders(ctx, this.queries).winners.load(round.id);
  }
}
