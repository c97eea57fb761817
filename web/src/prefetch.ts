import { request } from './api/client';
import { HomeDocument, MeDocument } from './gql/graphql';

// The first screen's data is requested while the entry chunk is still starting Vue (main.ts imports this
// module first), not after the page has mounted; at /me the page's chunk (Vant) is fetched at the same time.
// The page takes the answer once; a later load (retry, sign-in, a client-side visit) asks the api again.

export const homeYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

type Key = 'home' | 'me';
const started = new Map<Key, Promise<unknown>>();

function start(key: Key, load: () => Promise<unknown>): void {
  const pending = load();
  pending.catch(() => undefined); // the page that takes it handles the error
  started.set(key, pending);
}

/** The request started for this page load, if any (once), else `load()`. */
export function takePrefetched<R>(key: Key, load: () => Promise<R>): Promise<R> {
  const pending = started.get(key) as Promise<R> | undefined;
  started.delete(key);
  return pending ?? load();
}

const path = typeof location === 'undefined' ? '' : location.pathname;
if (path === '/') start('home', () => request(HomeDocument, { year: homeYear }));
if (path === '/me') {
  start('me', () => request(MeDocument));
  import('./pages/me/MePage.vue').catch(() => undefined); // the router asks again, and shows the error if any
}
