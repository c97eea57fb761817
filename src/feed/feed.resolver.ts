import { Args, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Public } from '../auth/access.decorator.js';
import type { GraphQLContext } from '../graphql/context.js';
import { CampaignObject, toCampaignObject } from '../campaigns/dto/campaign.object.js';
import { UnitObject, toUnitObject } from '../units/dto/unit.object.js';
import { FeedService } from './feed.service.js';
import { PublicSuggestionsArgs, UnitProfileArgs } from './dto/feed.args.js';
import {
  PublicReplyObject,
  PublicSuggestionConnection,
  PublicSuggestionObject,
  UnitProfileObject,
  toPublicReplyObject,
  toPublicSuggestionObject,
} from './dto/public-suggestion.object.js';
import { mapNodes } from '../graphql/connection.js';

// Field resolvers take GraphQL's own (parent, args, context) and no parameter decorators: @nestjs/graphql
// then calls them directly (its fast field-resolver path), not through the per-call context creator and
// the global input pipe, which ran for every field of every item of a page (issue 16).
@Resolver(() => PublicSuggestionObject)
export class FeedResolver {
  constructor(private readonly feed: FeedService) {}

  @Query(() => PublicSuggestionConnection, {
    description: 'Published suggestions (author consented, reply published), newest first; personal data masked',
  })
  @Public()
  async publicSuggestions(@Args() args: PublicSuggestionsArgs) {
    return mapNodes(await this.feed.list(args), toPublicSuggestionObject);
  }

  @Query(() => UnitProfileObject, { nullable: true, description: 'A unit’s public page: items, on-time rate, satisfaction' })
  @Public()
  async unitProfile(@Args() args: UnitProfileArgs): Promise<UnitProfileObject | null> {
    const profile = await this.feed.unitProfile(args);
    return profile && { ...profile, unit: toUnitObject(profile.unit), items: mapNodes(profile.items, toPublicSuggestionObject) };
  }

  @ResolveField(() => CampaignObject, { nullable: true })
  async campaign(s: PublicSuggestionObject, _args: unknown, ctx: GraphQLContext): Promise<CampaignObject | null> {
    const c = await ctx.loaders.campaign.load(s.campaignId);
    return c ? toCampaignObject(c) : null;
  }

  @ResolveField(() => UnitObject, { nullable: true, description: 'The lead unit (主办单位)' })
  async leadUnit(s: PublicSuggestionObject, _args: unknown, ctx: GraphQLContext): Promise<UnitObject | null> {
    if (s.leadUnitId === null) return null;
    const u = await ctx.loaders.unit.load(s.leadUnitId);
    return u ? toUnitObject(u) : null;
  }

  @ResolveField(() => PublicReplyObject, { nullable: true, description: 'The latest published reply' })
  async reply(s: PublicSuggestionObject, _args: unknown, ctx: GraphQLContext): Promise<PublicReplyObject | null> {
    const r = await ctx.loaders.publishedReply.load(s.id);
    return r ? toPublicReplyObject(r, s) : null;
  }
}

@Resolver(() => PublicReplyObject)
export class PublicReplyResolver {
  @ResolveField(() => UnitObject, { nullable: true, description: 'The unit that replied' })
  async unit(r: PublicReplyObject, _args: unknown, ctx: GraphQLContext): Promise<UnitObject | null> {
    const u = await ctx.loaders.unit.load(r.unitId);
    return u ? toUnitObject(u) : null;
  }
}
