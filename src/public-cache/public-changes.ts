import type { EntityManager } from 'typeorm';
import { noteChange } from '../database/transactions.js';
import type { PublicChange } from './public-reads.js';

/** Records, in the transaction of `em`, a change that public reads show; the cache hears of it after commit. */
export function publicChange(em: EntityManager, change: PublicChange): void {
  noteChange(em, change);
}
