import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

// Which public reads are cached for anonymous callers, and which changes make them stale: the
// one place that says so. Pure: no Nest, no TypeORM, no Redis.

/** Root query fields whose anonymous answer is the same for every anonymous caller. */
export const PUBLIC_READS = [
  'publicSuggestions', // the feed and an item's public page (trackingNumber)
  'unitProfile',
  'trackSuggestion',
  'suggestionSupport',
  'yearSummary',
  'campaigns',
  'campaign',
  'units',
  'leaderboard',
  'awardRound',
  'awardRounds',
  'explainUnitScore',
] as const;
export type PublicRead = (typeof PUBLIC_READS)[number];

/**
 * What a committed transaction changed, as far as public reads care. Item events come from the
 * timeline (every change to an item writes one, `appendTimeline`), the rest from their services.
 */
export type PublicChange =
  /** A new item (online or recorded at the counter): counts and the tracking page. */
  | 'item.submitted'
  /** A workflow transition: assign, sign, reply published (directly or after review), rating, reopen, close, merge, withdraw… */
  | 'item.transition'
  /** A timeline event without a status change: co-sign, progress note, extension requested or decided. */
  | 'item.progress'
  /** A resident erased their data: their items lose the author's name. */
  | 'item.anonymised'
  /** A resident supported (附议) an item. */
  | 'support.added'
  /** A campaign was created, opened, closed or archived. */
  | 'campaign.changed'
  /** A unit was created, renamed, moved or (de)activated. */
  | 'unit.changed'
  /** An award round was computed, reweighted, given winners or published. */
  | 'award-round.changed';

const ITEM_LISTS: readonly PublicRead[] = ['publicSuggestions', 'unitProfile', 'trackSuggestion'];
const COUNTS: readonly PublicRead[] = ['campaigns', 'campaign', 'yearSummary'];
const ROUNDS: readonly PublicRead[] = ['leaderboard', 'awardRound', 'awardRounds', 'explainUnitScore'];

/** Which cached reads each change makes stale. */
export const INVALIDATES: Readonly<Record<PublicChange, readonly PublicRead[]>> = {
  'item.submitted': ['trackSuggestion', ...COUNTS],
  'item.transition': [...ITEM_LISTS, 'suggestionSupport', ...COUNTS],
  'item.progress': ['trackSuggestion', 'unitProfile'],
  'item.anonymised': ITEM_LISTS,
  'support.added': ['suggestionSupport'],
  'campaign.changed': ['publicSuggestions', 'unitProfile', ...COUNTS],
  'unit.changed': ['units', 'publicSuggestions', 'unitProfile', ...ROUNDS],
  'award-round.changed': ROUNDS,
};

/**
 * Reads that also change with the clock, with no event to say so, and how long (seconds) an
 * answer of theirs may be served: a unit's sign deadlines passing move `signsDue` and the on-time
 * sign rate (statistics-metrics.ts compares with now).
 */
export const CLOCK_BOUND_SECONDS: Readonly<Partial<Record<PublicRead, number>>> = { unitProfile: 60 };

/** The time window an answer holding `reads` belongs to ('' when none of them follows the clock). */
export function clockWindow(reads: readonly PublicRead[], nowMs: number): string {
  const bounds = reads.map((r) => CLOCK_BOUND_SECONDS[r]).filter((b): b is number => b !== undefined);
  return bounds.length ? `@${Math.floor(nowMs / (Math.min(...bounds) * 1000))}` : '';
}

export function isPublicChange(what: string): what is PublicChange {
  return Object.prototype.hasOwnProperty.call(INVALIDATES, what);
}

/** The timeline action of an item event, as a public change. */
export function itemChangeOf(action: string, toStatus: string | null): PublicChange {
  if (action === 'submit' || action === 'record') return 'item.submitted';
  return toStatus === null ? 'item.progress' : 'item.transition';
}

/** The reads made stale by a set of changes (unknown names ignored: they belong to other listeners). */
export function staleReads(changes: Iterable<string>): PublicRead[] {
  const out = new Set<PublicRead>();
  for (const c of changes) if (isPublicChange(c)) for (const r of INVALIDATES[c]) out.add(r);
  return [...out];
}

const READS = new Set<string>(PUBLIC_READS);

/**
 * The cached reads a request's document asks for, or null when it may not be served from the
 * cache: not a single query operation, or a root field outside PUBLIC_READS (introspection
 * included). Root-level fragments are followed; directives make a document uncacheable.
 */
export function readsOfDocument(document: DocumentNode, operationName?: string | null): PublicRead[] | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation || operation.operation !== 'query') return null;
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])));
  const reads = new Set<PublicRead>();
  const visit = (set: SelectionSetNode, depth: number): boolean => {
    if (depth > 5) return false;
    for (const sel of set.selections) {
      if (sel.directives?.length) return false;
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value === '__typename') continue;
        if (!READS.has(sel.name.value)) return false;
        reads.add(sel.name.value as PublicRead);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (!visit(sel.selectionSet, depth + 1)) return false;
      } else {
        const fragment = fragments.get(sel.name.value);
        if (!fragment || !visit(fragment, depth + 1)) return false;
      }
    }
    return true;
  };
  return visit(operation.selectionSet, 0) && reads.size > 0 ? [...reads].sort() : null;
}
