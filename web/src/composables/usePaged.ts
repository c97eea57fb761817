import { ref, shallowRef, watch, type WatchSource } from 'vue';

export interface Page<N> { nodes: N[]; hasNextPage: boolean; endCursor: string | null | undefined; totalCount?: number }

/** A cursor list: the first page on load (and when deps change), then "load more" with the api's endCursor. */
export function usePaged<N>(load: (after: string | undefined) => Promise<Page<N>>, deps: WatchSource[] = []) {
  const nodes = shallowRef<N[]>([]);
  const totalCount = ref<number>();
  const hasMore = ref(false);
  const loading = ref(true);
  const error = shallowRef<unknown>();
  let cursor: string | undefined;
  async function fetchPage(reset: boolean): Promise<void> {
    loading.value = true;
    error.value = undefined;
    try {
      const page = await load(reset ? undefined : cursor);
      nodes.value = reset ? page.nodes : [...nodes.value, ...page.nodes];
      cursor = page.endCursor ?? undefined;
      hasMore.value = page.hasNextPage;
      totalCount.value = page.totalCount;
    } catch (err) {
      error.value = err;
    } finally {
      loading.value = false;
    }
  }
  const reload = () => fetchPage(true);
  const more = () => fetchPage(false);
  if (deps.length) watch(deps, reload);
  void reload();
  return { nodes, totalCount, hasMore, loading, error, reload, more };
}
