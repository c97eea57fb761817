import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { byKeyLoader } from '../graphql/loaders.js';
import { DisclosureCaseEntity } from './disclosure-case.entity.js';
import { DisclosureEventEntity } from './disclosure-event.entity.js';

export interface DisclosureLoaders {
  events: DataLoader<number, DisclosureEventEntity[]>;
  cases: DataLoader<number, DisclosureCaseEntity[]>;
}

// One set per GraphQL request (keyed by its context object), so a page of ledger entries
// loads its histories and cases in one query each, however long the page.
const perRequest = new WeakMap<object, DisclosureLoaders>();

export function disclosureLoaders(context: object, dataSource: DataSource): DisclosureLoaders {
  let loaders = perRequest.get(context);
  if (!loaders) {
    loaders = {
      events: byKeyLoader(dataSource, DisclosureEventEntity, 'requestId'),
      cases: byKeyLoader(dataSource, DisclosureCaseEntity, 'requestId'),
    };
    perRequest.set(context, loaders);
  }
  return loaders;
}
