import type { DataSource, EntityManager } from 'typeorm';
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

/**
 * Writes (or rewrites) the tokens of one suggestion inside the caller's transaction.
 * Call it wherever a suggestion's title or body is written.
 */
export async function indexSuggestionText(em: EntityManager, suggestionId: number, title: string, body: string): Promise<void> {
  const tokens = documentTokens(title, body).join(' ');
  if (searchDialect(em.connection) === 'sqlite') {
    await em.query(`DELETE FROM ${SEARCH_TABLE} WHERE rowid = ?`, [suggestionId]);
    await em.query(`INSERT INTO ${SEARCH_TABLE} (rowid, tokens) VALUES (?, ?)`, [suggestionId, tokens]);
  } else {
    await em.query(`INSERT INTO ${SEARCH_TABLE} (suggestionId, tokens) VALUES (?, ?) ON DUPLICATE KEY UPDATE tokens = VALUES(tokens)`, [
      suggestionId,
      tokens,
    ]);
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
 * A condition restricting suggestions (`idColumn`, with `titleColumn`/`bodyColumn` for phrase
 * checks) to those matching a user query, for use inside one query-builder query.
 * Null when the query is blank; a query with nothing searchable in it matches nothing.
 */
export function matchCondition(
  dialect: SearchDialect,
  query: string | null | undefined,
  columns: { id: string; title: string; body: string },
  paramPrefix = 'search',
): MatchCondition | null {
  if (!query || !query.trim()) return null;
  const parsed = parseQuery(query);
  if (!parsed.tokens.length) return { sql: '1 = 0', params: {} };
  const params: Record<string, unknown> = { [`${paramPrefix}Q`]: allTokensQuery(dialect, parsed.tokens) };
  const inIndex =
    dialect === 'sqlite'
      ? `${columns.id} IN (SELECT ss.rowid FROM ${SEARCH_TABLE} ss WHERE ss.tokens MATCH :${paramPrefix}Q)`
      : `${columns.id} IN (SELECT ss.suggestionId FROM ${SEARCH_TABLE} ss WHERE MATCH(ss.tokens) AGAINST (:${paramPrefix}Q IN BOOLEAN MODE))`;
  const parts = [inIndex];
  parsed.phrases.forEach((phrase, i) => {
    // Han-only text: no LIKE wildcards to escape.
    const name = `${paramPrefix}P${i}`;
    params[name] = `%${phrase}%`;
    parts.push(`(${columns.title} LIKE :${name} OR ${columns.body} LIKE :${name})`);
  });
  return { sql: parts.join(' AND '), params };
}
