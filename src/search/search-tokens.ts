// Search tokens for Chinese and latin text, computed by the platform so that one plain
// word index serves MariaDB (no ngram parser; FULLTEXT drops tokens under 3 characters)
// and SQLite FTS5 (its trigram tokenizer cannot match 2-character words) alike.
//
// Han text becomes character unigrams and bigrams, other letters and digits become
// lower-cased words; every token is encoded as ASCII hex behind a one-letter kind prefix, so
// each is at least 5 characters, made only of word characters, and never a stopword:
//   u + 5 hex digits            one Han character            交   → u04ea4
//   b + 5 + 5 hex digits        two adjacent Han characters  交通 → b04ea40901a
//   w + hex of the UTF-8 bytes  a latin/digit word           bus  → w627573
// Hex keeps prefixes, so `w6275` is a prefix of `w627573` if prefix search is ever wanted.

const HAN = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** InnoDB ignores tokens longer than 84 characters: w + 2 × 40 bytes stays under it. */
const MAX_WORD_BYTES = 40;
/** A query needs no more than this many tokens to be selective; the rest are dropped. */
export const MAX_QUERY_TOKENS = 32;

interface Segments {
  hanRuns: string[][];
  words: string[];
}

/** Splits text into runs of Han characters and words of other letters/digits (NFKC, lower case). */
export function segment(text: string): Segments {
  const hanRuns: string[][] = [];
  const words: string[] = [];
  let han: string[] = [];
  let word = '';
  const flushHan = () => {
    if (han.length) hanRuns.push(han);
    han = [];
  };
  const flushWord = () => {
    if (word) words.push(word);
    word = '';
  };
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    if (HAN.test(ch)) {
      flushWord();
      han.push(ch);
    } else if (WORD_CHAR.test(ch)) {
      flushHan();
      word += ch;
    } else {
      flushHan();
      flushWord();
    }
  }
  flushHan();
  flushWord();
  return { hanRuns, words };
}

const hex5 = (ch: string) => ch.codePointAt(0)!.toString(16).padStart(5, '0');
export const unigramToken = (ch: string) => `u${hex5(ch)}`;
export const bigramToken = (a: string, b: string) => `b${hex5(a)}${hex5(b)}`;
export function wordToken(word: string): string {
  let bytes = Buffer.from(word, 'utf8');
  if (bytes.length > MAX_WORD_BYTES) bytes = Buffer.from(truncateUtf8(word, MAX_WORD_BYTES), 'utf8');
  return `w${bytes.toString('hex')}`;
}

function truncateUtf8(word: string, maxBytes: number): string {
  let out = '';
  for (const ch of word) {
    if (Buffer.byteLength(out + ch, 'utf8') > maxBytes) break;
    out += ch;
  }
  return out;
}

/** The distinct tokens of a document (title and body), as stored in the search table. */
export function documentTokens(...texts: string[]): string[] {
  const tokens = new Set<string>();
  for (const text of texts) {
    const { hanRuns, words } = segment(text);
    for (const run of hanRuns) {
      for (let i = 0; i < run.length; i++) {
        tokens.add(unigramToken(run[i]!));
        if (i + 1 < run.length) tokens.add(bigramToken(run[i]!, run[i + 1]!));
      }
    }
    for (const w of words) tokens.add(wordToken(w));
  }
  return [...tokens];
}

export interface ParsedQuery {
  /** Every one must be present in a matching document. */
  tokens: string[];
  /**
   * Han runs of 3+ characters. Their bigrams may all occur apart from each other
   * (交通 … 通灯 does not contain 交通灯), so matches are confirmed by substring.
   */
  phrases: string[];
}

/**
 * A user query: a 1-character Han run matches by unigram, longer runs by all their bigrams,
 * words by whole word. Returns no tokens for a query without letters, digits or Han.
 */
export function parseQuery(query: string): ParsedQuery {
  const { hanRuns, words } = segment(query);
  const tokens = new Set<string>();
  const phrases: string[] = [];
  for (const run of hanRuns) {
    if (run.length === 1) tokens.add(unigramToken(run[0]!));
    for (let i = 0; i + 1 < run.length; i++) tokens.add(bigramToken(run[i]!, run[i + 1]!));
    if (run.length >= 3) phrases.push(run.join(''));
  }
  for (const w of words) tokens.add(wordToken(w));
  return { tokens: [...tokens].slice(0, MAX_QUERY_TOKENS), phrases };
}

/** Tokens worth comparing for near-duplicates: bigrams and words (single characters are noise). */
export function similarityTokens(storedTokens: string, max = 200): string[] {
  const all = storedTokens.split(' ').filter(Boolean);
  const strong = all.filter((t) => !t.startsWith('u'));
  return (strong.length ? strong : all).slice(0, max);
}
