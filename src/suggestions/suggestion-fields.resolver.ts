import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { hasRole } from '../auth/actor.js';
import { ValidationError } from '../common/errors.js';
import { SearchService } from '../search/search.service.js';
import { toSuggestionObject } from './dto/suggestion.object.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { Actor } from '../auth/actor.js';
import { AssignmentObject, toAssignmentObject } from '../assignments/dto/assignment.object.js';
import { RatingObject, ReplyObject, toRatingObject, toReplyObject } from '../replies/dto/reply.object.js';
import { CampaignObject, toCampaignObject } from '../campaigns/dto/campaign.object.js';
import { UnitObject, toUnitObject } from '../units/dto/unit.object.js';
import { SuggestionObject, TimelineEventObject, toTimelineEventObject } from './dto/suggestion.object.js';
import { allowedActions } from './suggestion-workflow.js';
import { partiesOf } from './suggestion-access.js';
import { itemView, type ItemView } from './item-view.js';
import { ratingsVisible, recorderVisible, replyVisible, WITHHELD } from '../privacy/text-visibility.js';
import { msg } from '../common/i18n/message.js';
import { SuggestionQueriesService } from './suggestion-queries.service.js';

/**
 * Free text and relations of a suggestion, batched through per-request DataLoaders. The parent
 * object was access-checked by the query that returned it; these fields narrow what each reader
 * sees through the one text policy (src/privacy/text-visibility.ts).
 */
/** A nested page under every item of a screening page: kept small (cost is per parent). */
export const MAX_POSSIBLE_DUPLICATES = 20;

// Field resolvers without parameter decorators take GraphQL's (parent, args, context): @nestjs/graphql
// calls them directly instead of through its per-call context creator and the global input pipe.
@Resolver(() => SuggestionObject)
export class SuggestionFieldsResolver {
  constructor(
    private readonly search: SearchService,
    private readonly queries: SuggestionQueriesService,
  ) {}

  private view(ctx: GraphQLContext, s: SuggestionObject): Promise<ItemView> {
    return itemView(ctx, s);
  }

  @ResolveField(() => String)
  async title(s: SuggestionObject, _args: unknown, ctx: GraphQLContext): Promise<string> {
    return (await this.view(ctx, s)).read('AUTHOR_TEXT', s.raw.title) ?? WITHHELD;
  }

  @ResolveField(() => String)
  async body(s: SuggestionObject, _args: unknown, ctx: GraphQLContext): Promise<string> {
    return (await this.view(ctx, s)).read('AUTHOR_TEXT', s.raw.body) ?? WITHHELD;
  }

  @ResolveField(() => String, { nullable: true })
  async location(s: SuggestionObject, _args: unknown, ctx: GraphQLContext): Promise<string | null> {
    return (await this.view(ctx, s)).read('AUTHOR_TEXT', s.raw.location);
  }

  @ResolveField(() => String, { nullable: true, description: 'Why the office rejected or closed it: for the author and staff' })
  async closeReason(s: SuggestionObject, _args: unknown, ctx: GraphQLContext): Promise<string | null> {
    return (await this.view(ctx, s)).read('TO_AUTHOR', s.raw.closeReason);
  }

  @ResolveField(() => Int, { nullable: true, description: 'The staff member who recorded it for the resident (代录): staff handling the item only, never public' })
  async recordedById(s: SuggestionObject, _args: unknown, ctx: GraphQLContext): Promise<number | null> {
    return recorderVisible((await this.view(ctx, s)).standing) ? s.recordedById : null;
  }

  @ResolveField(() => Boolean, { nullable: true, description: 'Consent to publication given in person to the recording staff member: staff only' })
  async consentInPerson(s: SuggestionObject, _args: unknown, ctx: GraphQLContext): Promise<boolean | null> {
    return recorderVisible((await this.view(ctx, s)).standing) ? s.consentInPerson : null;
  }

  @ResolveField(() => [TimelineEventObject], { description: 'History, oldest first; each note shown only to whom it was written for' })
  async timeline(s: SuggestionObject, _args: unknown, ctx: GraphQLContext): Promise<TimelineEventObject[]> {
    return (await ctx.loaders.timelineBySuggestion.load(s.id)).map(toTimelineEventObject);
  }

  @ResolveField(() => [AssignmentObject])
  async assignments(s: SuggestionObject, _args: unknown, ctx: GraphQLContext): Promise<AssignmentObject[]> {
    return (await ctx.loaders.assignmentsBySuggestion.load(s.id)).map(toAssignmentObject);
  }

  @ResolveField(() => [ReplyObject], { description: 'Staff see every reply; others only published ones' })
  async replies(s: SuggestionObject, _args: unknown, ctx: GraphQLContext): Promise<ReplyObject[]> {
    const { standing } = await this.view(ctx, s);
    const replies = await ctx.loaders.repliesBySuggestion.load(s.id);
    return replies.filter((r) => replyVisible(standing, r.status)).map(toReplyObject);
  }

  @ResolveField(() => [RatingObject], { description: 'The author’s ratings; for the author and staff' })
  async ratings(s: SuggestionObject, _args: unknown, ctx: GraphQLContext): Promise<RatingObject[]> {
    if (!ratingsVisible((await this.view(ctx, s)).standing)) return [];
    return (await ctx.loaders.ratingsBySuggestion.load(s.id)).map(toRatingObject);
  }

  @ResolveField(() => UnitObject, { nullable: true })
  async leadUnit(s: SuggestionObject, _args: unknown, ctx: GraphQLContext): Promise<UnitObject | null> {
    if (!s.leadUnitId) return null;
    const u = await ctx.loaders.unit.load(s.leadUnitId);
    return u ? toUnitObject(u) : null;
  }

  @ResolveField(() => CampaignObject, { nullable: true })
  async campaign(s: SuggestionObject, _args: unknown, ctx: GraphQLContext): Promise<CampaignObject | null> {
    const c = await ctx.loaders.campaign.load(s.campaignId);
    return c ? toCampaignObject(c) : null;
  }

  // One search per item: screening pages are short and only the office asks.
  @ResolveField(() => [SuggestionObject], { description: 'For the office while screening: items whose text looks like this one (full-text, Chinese-aware)' })
  async possibleDuplicates(
    @Parent() s: SuggestionObject,
    @Context() ctx: GraphQLContext,
    @Args('first', { type: () => Int, defaultValue: 5, description: `1 to ${MAX_POSSIBLE_DUPLICATES}` }) first: number,
  ): Promise<SuggestionObject[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_POSSIBLE_DUPLICATES) throw new ValidationError(msg('input.between', { field: 'first', min: 1, max: MAX_POSSIBLE_DUPLICATES }), 'first');
    if (!hasRole(ctx.actor, 'COORDINATOR')) return [];
    const hits = await this.search.similar(s.id, first, { statuses: ['SUBMITTED', 'ASSIGNED', 'RETURNED', 'IN_PROGRESS', 'REPLY_REVIEW', 'REPLIED', 'CLOSED'] });
    const rows = await Promise.all(hits.map((h) => ctx.loaders.suggestion.load(h.suggestionId)));
    return rows.filter((r) => r !== null).map(toSuggestionObject);
  }

  @ResolveField(() => Int, { nullable: true, description: 'Working days past the reply deadline while the lead unit still holds it (督办); null when not overdue' })
  workingDaysOverdue(s: SuggestionObject): Promise<number | null> {
    return this.queries.workingDaysOverdue(s);
  }

  @ResolveField(() => Int, {
    nullable: true,
    description: 'Working days left to sign, on the working-day calendar (holidays, make-up days): 0 = due today, negative = working days overdue (at least -1 once passed); null once signed or when there is no sign deadline',
  })
  async signWorkingDaysLeft(s: SuggestionObject): Promise<number | null> {
    return (await this.queries.deadlinesLeft(s)).sign;
  }

  @ResolveField(() => Int, {
    nullable: true,
    description: 'Working days left to reply, on the working-day calendar (holidays, make-up days): 0 = due today, negative = working days overdue (at least -1 once passed); null while the lead unit does not hold the item',
  })
  async replyWorkingDaysLeft(s: SuggestionObject): Promise<number | null> {
    return (await this.queries.deadlinesLeft(s)).reply;
  }

  @ResolveField(() => [String], { description: 'Workflow actions you may take on this item now' })
  async availableActions(s: SuggestionObject, _args: unknown, ctx: GraphQLContext): Promise<string[]> {
    const actor = ctx.actor as Actor;
    // A co-organiser's actions need its own assignment (signed or not); other guards' facts are not read here.
    const co = actor.kind === 'staff' && actor.unitId !== null
      ? (await ctx.loaders.assignmentsBySuggestion.load(s.id)).find((a) => a.role === 'CO' && a.endedAt === null && a.unitId === actor.unitId)
      : undefined;
    return allowedActions(s.status, partiesOf(actor, s, co !== undefined), co ? { coSigned: co.signedAt !== null } : undefined);
  }
}
