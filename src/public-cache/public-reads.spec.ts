import { parse } from 'graphql';
import { clockWindow, INVALIDATES, itemChangeOf, PUBLIC_READS, readsOfDocument, staleReads, type PublicChange } from './public-reads.js';

const reads = (query: string, operationName?: string) => readsOfDocument(parse(query), operationName);

describe('public reads: which documents may be cached', () => {
  it('takes single queries of public root fields, following root fragments', () => {
    expect(reads('{ publicSuggestions(first: 5) { edges { node { id } } } yearSummary(year: 2026) { year } }')).toEqual(['publicSuggestions', 'yearSummary']);
    expect(reads('query Q { __typename ...F } fragment F on Query { leaderboard { quarter } ... on Query { units(first: 1) { totalCount } } }')).toEqual(['leaderboard', 'units']);
    expect(reads('query A { units(first: 1) { totalCount } } query B { me { roles } }', 'A')).toEqual(['units']);
  });

  it('refuses mutations, private or introspection fields, directives, unknown fragments and ambiguous documents', () => {
    expect(reads('mutation { signOut }')).toBeNull();
    expect(reads('{ units(first: 1) { totalCount } me { roles } }')).toBeNull();
    expect(reads('{ __schema { queryType { name } } }')).toBeNull();
    expect(reads('{ __typename }')).toBeNull();
    expect(reads('query($x: Boolean!) { units(first: 1) @include(if: $x) { totalCount } }')).toBeNull();
    expect(reads('{ ...Missing }')).toBeNull();
    expect(reads('query A { units(first: 1) { totalCount } } query B { campaigns(first: 1) { totalCount } }')).toBeNull();
    expect(reads('query A { units(first: 1) { totalCount } }', 'B')).toBeNull();
  });
});

describe('public reads: which changes make them stale', () => {
  it('every cached read is made stale by some change', () => {
    const covered = new Set(Object.values(INVALIDATES).flat());
    expect(PUBLIC_READS.filter((r) => !covered.has(r))).toEqual([]);
  });

  it('a reply published, a rating or a support reaches the feed, the item page and the counts', () => {
    // Publication and rating are workflow transitions, recorded by the timeline.
    expect(itemChangeOf('reply', 'REPLIED')).toBe('item.transition');
    expect(itemChangeOf('rate', 'CLOSED')).toBe('item.transition');
    expect(staleReads(['item.transition'])).toEqual(expect.arrayContaining(['publicSuggestions', 'unitProfile', 'trackSuggestion', 'campaigns', 'yearSummary']));
    expect(staleReads(['support.added'])).toEqual(['suggestionSupport']);
    expect(staleReads(['award-round.changed'])).toEqual(expect.arrayContaining(['leaderboard', 'awardRounds']));
  });

  it('a submission changes counts and tracking, not the published feed; notes change tracking only', () => {
    expect(itemChangeOf('submit', 'SUBMITTED')).toBe('item.submitted');
    expect(itemChangeOf('record', 'SUBMITTED')).toBe('item.submitted');
    expect(staleReads(['item.submitted'])).not.toContain('publicSuggestions');
    expect(itemChangeOf('progress-note', null)).toBe('item.progress');
    expect(staleReads(['item.progress'])).not.toContain('publicSuggestions');
  });

  it('ignores changes it does not know (other listeners’) and merges the rest', () => {
    const all = Object.keys(INVALIDATES) as PublicChange[];
    expect(staleReads(['something.else'])).toEqual([]);
    expect(new Set(staleReads(all))).toEqual(new Set(PUBLIC_READS));
  });
});

describe('public reads that follow the clock', () => {
  it('puts a unit page in a one-minute window and leaves event-only reads out of time', () => {
    expect(clockWindow(['publicSuggestions', 'yearSummary'], 1_000_000)).toBe('');
    expect(clockWindow(['unitProfile'], 59_999)).toBe(clockWindow(['unitProfile'], 0));
    expect(clockWindow(['unitProfile', 'units'], 60_000)).not.toBe(clockWindow(['unitProfile'], 59_999));
  });
});
