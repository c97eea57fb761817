import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { photoAccess } from '../privacy/text-visibility.js';
import { ReplyObject } from '../replies/dto/reply.object.js';
import { PublicReplyObject, PublicSuggestionObject } from '../feed/dto/public-suggestion.object.js';
import { SuggestionObject } from '../suggestions/dto/suggestion.object.js';
import { itemView, itemViewById } from '../suggestions/item-view.js';
import { PhotoObject } from './dto/photo.object.js';
import { photoLoaders } from './photo-loaders.js';
import { MAX_PHOTOS_PER_ITEM } from './photo-rules.js';
import { PhotosService } from './photos.service.js';

// Photos of items and replies, through the one policy (privacy/text-visibility.ts photoAccess).

@Resolver(() => SuggestionObject)
export class SuggestionPhotosResolver {
  constructor(private readonly service: PhotosService) {}

  @ResolveField(() => [PhotoObject], {
    description: `Up to ${MAX_PHOTOS_PER_ITEM} photos the resident attached; everyone once the item is published with consent, before that the author and staff with standing (signed URLs)`,
  })
  async photos(@Parent() s: SuggestionObject, @Context() ctx: GraphQLContext): Promise<PhotoObject[]> {
    const access = photoAccess((await itemView(ctx, s)).standing, s);
    if (access === 'NONE') return [];
    return (await photoLoaders(ctx, this.service).bySuggestion.load(s.id)).map((p) => this.service.links(p, access));
  }
}

@Resolver(() => ReplyObject)
export class ReplyPhotosResolver {
  constructor(private readonly service: PhotosService) {}

  @ResolveField(() => [PhotoObject], {
    description: `Up to ${MAX_PHOTOS_PER_ITEM} photos the unit attached; public with the published reply of a published item, otherwise staff with standing and (once published) the author`,
  })
  async photos(@Parent() r: ReplyObject, @Context() ctx: GraphQLContext): Promise<PhotoObject[]> {
    const [view, s] = await Promise.all([itemViewById(ctx, r.suggestionId), ctx.loaders.suggestion.load(r.suggestionId)]);
    if (!view || !s) return [];
    const access = photoAccess(view.standing, s, { published: r.status === 'PUBLISHED' });
    if (access === 'NONE') return [];
    return (await photoLoaders(ctx, this.service).byReply.load(r.id)).map((p) => this.service.links(p, access));
  }
}

/** The public pages' types: what anyone without standing sees (the same policy, standing PUBLIC). */
@Resolver(() => PublicSuggestionObject)
export class PublicSuggestionPhotosResolver {
  constructor(private readonly service: PhotosService) {}

  @ResolveField(() => [PhotoObject], { description: `Up to ${MAX_PHOTOS_PER_ITEM} photos the resident attached` })
  async photos(@Parent() s: PublicSuggestionObject, @Context() ctx: GraphQLContext): Promise<PhotoObject[]> {
    const access = photoAccess('PUBLIC', s);
    if (access === 'NONE') return [];
    return (await photoLoaders(ctx, this.service).bySuggestion.load(s.id)).map((p) => this.service.links(p, access));
  }
}

@Resolver(() => PublicReplyObject)
export class PublicReplyPhotosResolver {
  constructor(private readonly service: PhotosService) {}

  @ResolveField(() => [PhotoObject], { description: `Up to ${MAX_PHOTOS_PER_ITEM} photos the unit attached` })
  async photos(@Parent() r: PublicReplyObject, @Context() ctx: GraphQLContext): Promise<PhotoObject[]> {
    const s = await ctx.loaders.suggestion.load(r.suggestionId);
    if (!s) return [];
    const access = photoAccess('PUBLIC', s, { published: r.published });
    if (access === 'NONE') return [];
    return (await photoLoaders(ctx, this.service).byReply.load(r.id)).map((p) => this.service.links(p, access));
  }
}
