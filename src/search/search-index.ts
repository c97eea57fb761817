import type { DataSource, EntityManager } from 'typeorm';
import { publicText } from '../privacy/text-visibility.js';
import { documentTokens, parseQuery } from './search-tokens.js';

/**
 * The search table is not an entity: the migration creates it per driver (a FULLTEXT-indexed
 * table on MySQL/MariaDB, an FTS5 virtual table on SQLite, keyed by rowid = suggestion id),
 * and TypeORM's schema builder leaves tables without entities alone.
 */
export const SEARCH_TABLE = 'suggestion_search';

export type SearchDialect = 'sqlite' | 'mysql';

export function searchDialect(ds: DataSource): SearchDialect {
  return ds.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
}

/** The text of a suggestion the search sees: what its public page shows (masked), never the raw text. */
export function publicSearchText(s: { title: string; body: string; authorName: string | null }): { title: string; body: string } {
  return { title: publicText(s.title, s), body: publicText(s.body, s) };
}

/** One row of the search table: tokens to match, and the text to confirm phrases against. */
export function searchTableRow(text: { title: string; body: string }): { tokens: string; publicText: string } {
  return { tokens: documentTokens(text.title, text.body).join(' '), publicText: `${text.title}\n${text.body}` };
}

/**
 * Writes (or rewrites) the search row of one suggestion inside the caller's transaction, from its
 * masked text (a search for a hidden digit, name or ID number must find nothing). Call it wherever
 * a suggestion's title, body or author name is written.
 */
export async function indexSuggestionText(em: EntityManager, suggestionId: number, title: string, body: string, authorName: string | null): Promise<void> {
  const row = searchTableRow(publicSearchText({ title, body, authorName }));
  if (searchDialect(em.connection) === 'sqlite') {
    await em.query(`DELETE FROM ${SEARCH_TABLE} WHERE rowid = ?`, [suggestionId]);
    await em.query(`INSERT INTO ${SEARCH_TABLE} (rowid, tokens, publicText) VALUES (?, ?, ?)`, [suggestionId, row.tokens, row.publicText]);
  } else {
    await em.query(
      `INSERT INTO ${SEARCH_TABLE} (suggestionId, tokens, publicText) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE tokens = VALUES(tokens), publicText = VALUES(publicText)`,
      [suggestionId, row.tokens, row.publicText],
    );
  }
}

export async function removeSuggestionText(em: EntityManager, suggestionId: number): Promise<void> {
  const key = searchDialect(em.connection) === 'sqlite' ? 'rowid' : 'suggestionId';
  await em.query(`DELETE FROM ${SEARCH_TABLE} WHERE ${key} = ?`, [suggestionId]);
}

/** The engine's query text for "all of these tokens" (tokens are [a-z0-9] only, so nothing needs escaping). */
export function allTokensQuery(dialect: SearchDialect, tokens: readonly string[]): string {
  return dialect === 'sqlite' ? tokens.map((t) => `"${t}"`).join(' ') : tokens.map((t) => `+${t}`).join(' ');
}

/** The engine's query text for "any of these tokens", ranked. */
export function anyTokensQuery(dialect: SearchDialect, tokens: readonly string[]): string {
  return dialect === 'sqlite' ? tokens.map((t) => `"${t}"`).join(' OR ') : tokens.join(' ');
}

export interface MatchCondition {
  /** A WHERE fragment over `idColumn`, with named parameters for a query builder. */
  sql: string;
  params: Record<string, unknown>;
}

/**
 * A condition restricting suggestions (`columns.id`) to those matching a user query, for use
 * inside one query-builder query. Tokens and phrases are matched against the search table only,
 * which holds public (masked) text. Null when the query is blank; a query with nothing
 * searchable in it matches nothing.
 */
export function matchCondition(
  dialect: SearchDialect,
  query: string | null | undefined,
  columns: { id: string },
  paramPrefix = 'search',
): MatchCondition | null {
  if (!query || !query.trim()) return null;
  const parsed = parseQuery(query);
  if (!parsed.tokens.length) return { sql: '1 = 0', params: {} };
  const params: Record<string, unknown> = { [`${paramPrefix}Q`]: allTokensQuery(dialect, parsed.tokens) };
  const conditions = [dialect === 'sqlite' ? `ss.tokens MATCH :${paramPrefix}Q` : `MATCH(ss.tokens) AGAINST (:${paramPrefix}Q IN BOOLEAN MODE)`];
  parsed.phrases.forEach((phrase, i) => {
    // Han-only text: no LIKE wildcards to escape.
    const name = `${paramPrefix}P${i}`;
    params[name] = `%${phrase}%`;
    conditions.push(`ss.publicText LIKE :${name}`);
  });
  const key = dialect === 'sqlite' ? 'ss.rowid' : 'ss.suggestionId';
  return { sql: `${columns.id} IN (SELECT ${key} FROM ${SEARCH_TABLE} ss WHERE ${conditions.join(' AND ')})`, params };
}
