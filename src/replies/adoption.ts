import { sqlCodeList } from '../database/sql-codes.js';
import type { Adoption } from './reply.entity.js';

// "Adopted" (采纳), in one place for TypeScript and SQL: a reply that adopts the suggestion in
// whole or in part. It is what the adoption rates count (the quarterly award's 采纳率 and the
// statistics), what the public feed's "adopted" filter and a campaign's adopted count select,
// and what makes a suggestion a candidate for the resident award.

export const ADOPTED_LEVELS = ['ADOPTED', 'PARTIALLY_ADOPTED'] as const satisfies readonly Adoption[];

export function isAdopted(adoption: Adoption | null | undefined): boolean {
  return adoption != null && (ADOPTED_LEVELS as readonly Adoption[]).includes(adoption);
}

/** `isAdopted` as a SQL condition over an adoption column (both dialects), parenthesised; NULL is not adopted. */
export function adoptedSql(adoptionColumn: string): string {
  return `(${adoptionColumn} IN ${sqlCodeList(ADOPTED_LEVELS)})`;
}

/** Its negation, true for NULL (no decision yet) as well. */
export function notAdoptedSql(adoptionColumn: string): string {
  return `(${adoptionColumn} IS NULL OR ${adoptionColumn} NOT IN ${sqlCodeList(ADOPTED_LEVELS)})`;
}
