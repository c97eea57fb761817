import { shallowRef } from 'vue';
import { request, ApiError } from '../api/client';
import { MeDocument, SignOutDocument, type MeQuery } from '../gql/graphql';
import { takePrefetched } from '../prefetch';

// Who is signed in, learnt from `me`: the token itself lives in an HttpOnly cookie.
const me = shallowRef<MeQuery['me'] | null>();

export function useSession() {
  async function refresh(): Promise<MeQuery['me'] | null> {
    try {
      me.value = (await takePrefetched('me', () => request(MeDocument))).me;
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'UNAUTHENTICATED' || err.code === 'FORBIDDEN')) me.value = null;
      else throw err;
    }
    return me.value ?? null;
  }
  async function signOut(): Promise<void> {
    await request(SignOutDocument);
    me.value = null;
  }
  return { me, refresh, signOut };
}
