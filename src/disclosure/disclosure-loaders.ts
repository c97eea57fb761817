import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { byIdLoader, byKeyLoader } from '../graphql/loaders.js';
import { StaffUserEntity } from '../staff/staff-user.entity.js';
import { DisclosureCaseEntity } from './disclosure-case.entity.js';
import { DisclosureEventEntity } from './disclosure-event.entity.js';
import { DisclosureRequestEntity } from './disclosure-request.entity.js';

export interface DisclosureLoaders {
  events: DataLoader<number, DisclosureEventEntity[]>;
  cases: DataLoader<number, DisclosureCaseEntity[]>;
  /** The request a case is about (for its ledger number in the office-wide case list). */
  requests: DataLoader<number, DisclosureRequestEntity | null>;
  /** Who acted in a history step, by staff id (their display name). */
  staff: DataLoader<number, StaffUserEntity | null>;
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
      requests: byIdLoader(dataSource, DisclosureRequestEntity),
      staff: byIdLoader(dataSource, StaffUserEntity),
    };
    perRequest.set(context, loaders);
  }
  return loaders;
}
