import DataLoader from 'dataloader';
import type { GraphQLContext } from '../graphql/context.js';
import type { PhotoEntity } from './photo.entity.js';
import type { PhotosService } from './photos.service.js';

interface PhotoLoaders {
  bySuggestion: DataLoader<number, PhotoEntity[]>;
  byReply: DataLoader<number, PhotoEntity[]>;
}

// Per request, like the other loaders; owned by the feature (docs/architecture.md).
const perRequest = new WeakMap<object, PhotoLoaders>();

export function photoLoaders(ctx: GraphQLContext, photos: PhotosService): PhotoLoaders {
  let loaders = perRequest.get(ctx);
  if (!loaders) {
    loaders = {
      bySuggestion: new DataLoader((ids) => photos.bySuggestion(ids)),
      byReply: new DataLoader((ids) => photos.byReply(ids)),
    };
    perRequest.set(ctx, loaders);
  }
  return loaders;
}
