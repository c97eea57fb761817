import type { GraphQLContext } from '../graphql/context.js';
import { readText, standingOn, type Audience, type ItemFacts, type Standing } from '../privacy/text-visibility.js';

/** The caller's standing on one item plus what the text rules need to know about it. */
export interface ItemView {
  standing: Standing;
  facts: ItemFacts;
  /** `readText` for this reader and item. */
  read(audience: Audience, text: string | null, options?: { published?: boolean }): string | null;
}

interface ItemRow extends ItemFacts {
  id: number;
  authorId: number | null;
}

// One view per item per request: every text field of an item and of its relations asks the same
// question, answered from the request's DataLoaders (assignments are batched).
const perRequest = new WeakMap<object, Map<number, Promise<ItemView>>>();

export function itemView(ctx: GraphQLContext, item: ItemRow): Promise<ItemView> {
  let views = perRequest.get(ctx);
  if (!views) perRequest.set(ctx, (views = new Map()));
  let view = views.get(item.id);
  if (!view) {
    view = (async () => {
      const units = (await ctx.loaders.assignmentsBySuggestion.load(item.id)).map((a) => a.unitId);
      return makeItemView(standingOn(ctx.actor, item, units), { consentToPublish: item.consentToPublish, authorName: item.authorName });
    })();
    views.set(item.id, view);
  }
  return view;
}

/** The view of an item known by id (relations carry only the id); null for a vanished item. */
export async function itemViewById(ctx: GraphQLContext, suggestionId: number): Promise<ItemView | null> {
  const s = await ctx.loaders.suggestion.load(suggestionId);
  return s ? itemView(ctx, s) : null;
}

export function makeItemView(standing: Standing, facts: ItemFacts): ItemView {
  return {
    standing,
    facts,
    read: (audience, text, options = {}) => readText(standing, audience, text, { ...facts, ...options }),
  };
}
