import { ref, shallowRef, watch, type WatchSource } from 'vue';

/** Loads data for a page; `error` drives the retry panel, `reload` is its button. */
export function useAsync<T>(load: () => Promise<T>, deps: WatchSource[] = []) {
  const data = shallowRef<T>();
  const error = shallowRef<unknown>();
  const loading = ref(true);
  async function reload(): Promise<void> {
    loading.value = true;
    error.value = undefined;
    try {
      data.value = await load();
    } catch (err) {
      error.value = err;
    } finally {
      loading.value = false;
    }
  }
  if (deps.length) watch(deps, reload);
  void reload();
  return { data, error, loading, reload };
}
