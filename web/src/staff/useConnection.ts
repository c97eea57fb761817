import { ref, shallowRef } from 'vue';
import { errorMessage } from '../api/errors';

export interface Page<T> { nodes: T[]; total: number; next: string | null }
type Conn<T> = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor?: string | null }; edges: { node: T }[] };

/** A connection's page as rows, a total and the cursor of the next page. */
export function pageOf<T>(c: Conn<T>): Page<T> {
  return { nodes: c.edges.map((e) => e.node), total: c.totalCount, next: c.pageInfo.hasNextPage ? c.pageInfo.endCursor ?? null : null };
}

// One cursor-paged table: the first page, then "load more" appends the next; errors in words.
// Only the latest load writes: a slow answer to an earlier load (the page's first, or one for a
// filter since changed) must not replace the rows a later one brought, say after a registration.
export function useConnection<T>(fetch: (after: string | null) => Promise<Page<T>>) {
  const rows = shallowRef<T[]>([]);
  const total = ref(0);
  const next = ref<string | null>(null);
  const loading = ref(false);
  const loadError = ref('');
  let latest = 0;
  async function load(after: string | null = null): Promise<void> {
    const mine = ++latest;
    loading.value = true;
    loadError.value = '';
    try {
      const page = await fetch(after);
      if (mine !== latest) return;
      rows.value = after ? [...rows.value, ...page.nodes] : page.nodes;
      total.value = page.total;
      next.value = page.next;
    } catch (err) {
      if (mine === latest) loadError.value = errorMessage(err);
    } finally {
      if (mine === latest) loading.value = false;
    }
  }
  return { rows, total, next, loading, loadError, load };
}
