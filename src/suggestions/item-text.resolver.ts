import { ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { AssignmentObject, ExtensionRequestObject } from '../assignments/dto/assignment.object.js';
import { RatingObject, ReplyObject } from '../replies/dto/reply.object.js';
import { isStaffStanding, noteAudience, WITHHELD, type Audience } from '../privacy/text-visibility.js';
import { SuggestionObject, TimelineEventObject, toSuggestionObject } from './dto/suggestion.object.js';
import { itemView, itemViewById } from './item-view.js';
import { CallbackTaskObject } from '../callbacks/dto/callback-task.dto.js';

// The free text of an item's relations, resolved per reader wherever the object is returned
// (a nested field, a tracking page, a mutation's payload), through the one text policy. No parameter
// decorators: GraphQL's (parent, args, context), called directly by @nestjs/graphql's fast field path.

async function read(ctx: GraphQLContext, suggestionId: number, audience: Audience, text: string | null, published?: boolean): Promise<string | null> {
  if (text === null) return null;
  const view = await itemViewById(ctx, suggestionId);
  return view ? view.read(audience, text, { published }) : null;
}

@Resolver(() => TimelineEventObject)
export class TimelineTextResolver {
  @ResolveField(() => String, { nullable: true, description: 'Shown only to whom it was written for: the author (reasons, their rating comment), staff (working notes)' })
  note(e: TimelineEventObject, _args: unknown, ctx: GraphQLContext): Promise<string | null> {
    return read(ctx, e.suggestionId, noteAudience(e.action), e.rawNote);
  }
}

@Resolver(() => AssignmentObject)
export class AssignmentTextResolver {
  @ResolveField(() => String, { nullable: true, description: 'A co-organiser’s part of the answer; internal (staff only)' })
  contribution(a: AssignmentObject, _args: unknown, ctx: GraphQLContext): Promise<string | null> {
    return read(ctx, a.suggestionId, 'INTERNAL', a.raw.contribution);
  }

  @ResolveField(() => String, { nullable: true, description: 'Why it ended; internal (staff only)' })
  endNote(a: AssignmentObject, _args: unknown, ctx: GraphQLContext): Promise<string | null> {
    return read(ctx, a.suggestionId, 'INTERNAL', a.raw.endNote);
  }
}

@Resolver(() => ExtensionRequestObject)
export class ExtensionTextResolver {
  @ResolveField(() => String)
  async reason(e: ExtensionRequestObject, _args: unknown, ctx: GraphQLContext): Promise<string> {
    return (await read(ctx, e.suggestionId, 'INTERNAL', e.raw.reason)) ?? WITHHELD;
  }

  @ResolveField(() => SuggestionObject, { nullable: true, description: 'The item it is for, when you may read it' })
  async suggestion(e: ExtensionRequestObject, _args: unknown, ctx: GraphQLContext): Promise<SuggestionObject | null> {
    const s = await ctx.loaders.suggestion.load(e.suggestionId);
    if (!s) return null;
    const view = await itemView(ctx, s);
    return isStaffStanding(view.standing) ? toSuggestionObject(s) : null;
  }

  @ResolveField(() => String, { nullable: true })
  decisionNote(e: ExtensionRequestObject, _args: unknown, ctx: GraphQLContext): Promise<string | null> {
    return read(ctx, e.suggestionId, 'INTERNAL', e.raw.decisionNote);
  }
}

@Resolver(() => ReplyObject)
export class ReplyTextResolver {
  @ResolveField(() => String)
  async body(r: ReplyObject, _args: unknown, ctx: GraphQLContext): Promise<string> {
    return (await read(ctx, r.suggestionId, 'ANSWER', r.raw.body, r.status === 'PUBLISHED')) ?? WITHHELD;
  }

  @ResolveField(() => String, { nullable: true })
  notAdoptedReason(r: ReplyObject, _args: unknown, ctx: GraphQLContext): Promise<string | null> {
    return read(ctx, r.suggestionId, 'ANSWER', r.raw.notAdoptedReason, r.status === 'PUBLISHED');
  }

  @ResolveField(() => String, { nullable: true, description: 'The office’s review note; internal (staff only)' })
  reviewNote(r: ReplyObject, _args: unknown, ctx: GraphQLContext): Promise<string | null> {
    return read(ctx, r.suggestionId, 'INTERNAL', r.raw.reviewNote);
  }
}

@Resolver(() => RatingObject)
export class RatingTextResolver {
  @ResolveField(() => String, { nullable: true, description: 'The author’s comment: for the author and the staff handling the item' })
  comment(r: RatingObject, _args: unknown, ctx: GraphQLContext): Promise<string | null> {
    return read(ctx, r.suggestionId, 'AUTHOR_PRIVATE', r.rawComment);
  }
}

@Resolver(() => CallbackTaskObject)
export class CallbackTaskTextResolver {
  @ResolveField(() => String, { nullable: true, description: 'What the call found; internal (staff only), masked' })
  note(c: CallbackTaskObject, _args: unknown, ctx: GraphQLContext): Promise<string | null> {
    return read(ctx, c.suggestionId, 'INTERNAL', c.rawNote);
  }
}
