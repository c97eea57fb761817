import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Public } from '../auth/access.decorator.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../auth/actor.js';
import type { GraphQLContext } from '../graphql/context.js';
import { CampaignsService } from './campaigns.service.js';
import { campaignActions } from './campaign-rules.js';
import { isCoordinator } from '../auth/actor.js';
import { OFFICE_ROLES } from '../auth/roles.js';
import { CampaignConnection, CampaignCounts, CampaignObject, toCampaignObject } from './dto/campaign.object.js';
import { mapNodes } from '../graphql/connection.js';
import { CampaignIdInput, CampaignPayload, CampaignsArgs, CreateCampaignInput } from './dto/campaign.inputs.js';

@Resolver(() => CampaignObject)
export class CampaignsResolver {
  constructor(private readonly campaigns: CampaignsService) {}

  @Query(() => CampaignConnection, { name: 'campaigns', description: 'Campaigns, newest first; drafts only for the office' })
  @Public()
  async campaigns_(@CurrentActor() actor: Actor, @Args() args: CampaignsArgs) {
    return mapNodes(await this.campaigns.list(actor, args), toCampaignObject);
  }

  @Query(() => CampaignObject, { nullable: true })
  @Public()
  async campaign(@CurrentActor() actor: Actor, @Args('id', { type: () => Int }) id: number) {
    const c = await this.campaigns.get(actor, id);
    return c && toCampaignObject(c);
  }

  @ResolveField(() => CampaignCounts)
  counts(@Parent() campaign: CampaignObject, @Context() ctx: GraphQLContext) {
    return ctx.loaders.campaignCounts.load(campaign.id);
  }

  @ResolveField(() => [String], { description: 'Status changes you may make now through openCampaign / closeCampaign: open, close (the office only)' })
  availableActions(@Parent() campaign: CampaignObject, @Context() ctx: GraphQLContext): string[] {
    return isCoordinator(ctx.actor) ? campaignActions(campaign.status, ['open', 'close']) : [];
  }

  @Mutation(() => CampaignPayload)
  @Allow(...OFFICE_ROLES)
  async createCampaign(@CurrentActor() actor: Actor, @Args('input') input: CreateCampaignInput): Promise<CampaignPayload> {
    return { campaign: toCampaignObject(await this.campaigns.create(actor, input)) };
  }

  @Mutation(() => CampaignPayload)
  @Allow(...OFFICE_ROLES)
  async openCampaign(@CurrentActor() actor: Actor, @Args('input') input: CampaignIdInput): Promise<CampaignPayload> {
    return { campaign: toCampaignObject(await this.campaigns.transition(actor, input.id, 'open')) };
  }

  @Mutation(() => CampaignPayload)
  @Allow(...OFFICE_ROLES)
  async closeCampaign(@CurrentActor() actor: Actor, @Args('input') input: CampaignIdInput): Promise<CampaignPayload> {
    return { campaign: toCampaignObject(await this.campaigns.transition(actor, input.id, 'close')) };
  }
}
