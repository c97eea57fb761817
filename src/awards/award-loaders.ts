import DataLoader from 'dataloader';
import type { AwardQueriesService } from './award-queries.service.js';
import type { UnitScoreEntity } from './unit-score.entity.js';
import type { CitizenWinnerObject, SuggestionScoreObject } from './dto/award.objects.js';

export interface AwardLoaders {
  unitScores: DataLoader<number, UnitScoreEntity[]>;
  citizenShortlist: DataLoader<number, SuggestionScoreObject[]>;
  winners: DataLoader<number, CitizenWinnerObject[]>;
}

// Per-request loaders, kept beside the request's GraphQL context so a page of rounds costs one
// query per relation, not one per round.
const perRequest = new WeakMap<object, AwardLoaders>();

export function awardLoaders(context: object, queries: AwardQueriesService): AwardLoaders {
  let loaders = perRequest.get(context);
  if (!loaders) {
    loaders = {
      unitScores: new DataLoader((ids) => queries.unitScoresByRound(ids)),
      citizenShortlist: new DataLoader((ids) => queries.citizenShortlistByRound(ids)),
      winners: new DataLoader((ids) => queries.winnersByRound(ids)),
    };
    perRequest.set(context, loaders);
  }
  return loaders;
}
