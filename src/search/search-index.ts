import type { EntityManager } from 'typeorm';
import { sqlDialect, type SqlDialect } from '../database/dialect.js';
import { publicText } from '../privacy/text-visibility.js';
import { documentTokens, parseQuery, type ParsedQuery } from './search-tokens.js';

/**
 * The search table is not an entity: the migration creates it per driver (a FULLTEXT-indexed
 * table on MySQL/MariaDB, an FTS5 virtual table on SQLite, keyed by rowid = suggestion id),
 * and TypeORM's schema builder leaves tables without entities alone.
 */
export const SEARCH_TABLE = 'suggestion_search';

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
  if (sqlDialect(em) === 'sqlite') {
    // FTS5 honours OR REPLACE on its rowid: a write or a rewrite in one statement.
    await em.query(`INSERT OR REPLACE INTO ${SEARCH_TABLE} (rowid, tokens, publicText) VALUES (?, ?, ?)`, [suggestionId, row.tokens, row.publicText]);
  } else {
    await em.query(
      `INSERT INTO ${SEARCH_TABLE} (suggestionId, tokens, publicText) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE tokens = VALUES(tokens), publicText = VALUES(publicText)`,
      [suggestionId, row.tokens, row.publicText],
    );
  }
}

export async function removeSuggestionText(em: EntityManager, suggestionId: number): Promise<void> {
  const key = sqlDialect(em) === 'sqlite' ? 'rowid' : 'suggestionId';
  await em.query(`DELETE FROM ${SEARCH_TABLE} WHERE ${key} = ?`, [suggestionId]);
}

/** The engine's query text for "all of these tokens" (tokens are [a-z0-9] only, so nothing needs escaping). */
export function allTokensQuery(dialect: SqlDialect, tokens: readonly string[]): string {
  return dialect === 'sqlite' ? tokens.map((t) => `"${t}"`).join(' ') : tokens.map((t) => `+${t}`).join(' ');
}

/** The engine's query text for "any of these tokens", ranked. */
export function anyTokensQuery(dialect: SqlDialect, tokens: readonly string[]): string {
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
  dialect: SqlDialect,
  query: string | null | undefined,
  columns: { id: string },
  paramPrefix = 'search',
): MatchCondition | null {
  if (!query || !query.trim()) return null;
  const parsed = parseQuery(query);
  if (!parsed.tokens.length) return { sql: '1 = 0', params: {} };
  // The same row checks as the public plans (byte comparison of the masked text).
  const phrases = toNamed(rowChecks(dialect, { tokens: [], phrases: parsed.phrases }), `${paramPrefix}P`);
  const params: Record<string, unknown> = { [`${paramPrefix}Q`]: allTokensQuery(dialect, parsed.tokens), ...phrases.params };
  const conditions = [dialect === 'sqlite' ? `ss.tokens MATCH :${paramPrefix}Q` : `MATCH(ss.tokens) AGAINST (:${paramPrefix}Q IN BOOLEAN MODE)`, phrases.sql];
  const key = dialect === 'sqlite' ? 'ss.rowid' : 'ss.suggestionId';
  return { sql: `${columns.id} IN (SELECT ${key} FROM ${SEARCH_TABLE} ss WHERE ${conditions.join(' AND ')})`, params };
}

/** A positional (`?`) SQL fragment over the search table (alias `ss`). */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/** The Han text a unigram or bigram token stands for; null for a latin/digit word token. */
export function tokenText(token: string): string | null {
  if (token.startsWith('u')) return String.fromCodePoint(parseInt(token.slice(1, 6), 16));
  if (token.startsWith('b')) return String.fromCodePoint(parseInt(token.slice(1, 6), 16), parseInt(token.slice(6, 11), 16));
  return null;
}

/**
 * "This row holds this token", checked on the row itself rather than through the word index, so
 * that a scan and the index answer alike: a Han token as a substring of the masked public text
 * (adjacent Han characters are exactly what a bigram token records), a word token as a whole
 * token of the stored token list. Byte comparison: exact, and several times faster than a collation.
 */
export function tokenCheck(dialect: SqlDialect, token: string): SqlFragment {
  const text = tokenText(token);
  if (text !== null) return textCheck(dialect, text);
  return dialect === 'sqlite'
    ? { sql: `instr(' ' || ss.tokens || ' ', ?) > 0`, params: [` ${token} `] }
    : { sql: `LOCATE(?, CONCAT(' ', ss.tokens, ' ') COLLATE utf8mb4_bin) > 0`, params: [` ${token} `] };
}

/** "The masked public text contains this Han text" (Han only: nothing to escape). */
export function textCheck(dialect: SqlDialect, text: string): SqlFragment {
  return dialect === 'sqlite'
    ? { sql: 'instr(ss.publicText, ?) > 0', params: [text] }
    : { sql: 'ss.publicText COLLATE utf8mb4_bin LIKE ?', params: [`%${text}%`] };
}

/** Every token (but those in `skip`, answered elsewhere) and every phrase of a query, checked on the row; '1 = 1' when none is left. */
export function rowChecks(dialect: SqlDialect, parsed: ParsedQuery, skip: readonly number[] = []): SqlFragment {
  const parts = [
    // Han checks first: cheap on the short public text, and most rows fail there.
    ...parsed.tokens.filter((t, i) => !skip.includes(i) && tokenText(t) !== null).map((t) => tokenCheck(dialect, t)),
    ...parsed.phrases.map((p) => textCheck(dialect, p)),
    ...parsed.tokens.filter((t, i) => !skip.includes(i) && tokenText(t) === null).map((t) => tokenCheck(dialect, t)),
  ];
  if (!parts.length) return { sql: '1 = 1', params: [] };
  return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
}

/** The word index asked for rows holding all of `tokens`. */
export function indexMatch(dialect: SqlDialect, tokens: readonly string[]): SqlFragment {
  return dialect === 'sqlite'
    ? { sql: 'ss.tokens MATCH ?', params: [allTokensQuery(dialect, tokens)] }
    : { sql: 'MATCH(ss.tokens) AGAINST (? IN BOOLEAN MODE)', params: [allTokensQuery(dialect, tokens)] };
}

/** The search table's key column (the suggestion id). */
export function searchKey(dialect: SqlDialect): string {
  return dialect === 'sqlite' ? 'rowid' : 'suggestionId';
}

/** Positional placeholders renamed for a query builder (`:prefix0`, `:prefix1`, …). */
export function toNamed(fragment: SqlFragment, prefix: string): { sql: string; params: Record<string, unknown> } {
  let i = 0;
  const params: Record<string, unknown> = {};
  const sql = fragment.sql.replace(/\?/g, () => {
    const name = `${prefix}${i}`;
    params[name] = fragment.params[i++];
    return `:${name}`;
  });
  return { sql, params };
}
