import { reactive, watch } from 'vue';

// The submission draft lives in localStorage with its idempotency key, so a reload, an expired
// session or a dropped connection never loses the text, and a retry reuses the key: the api
// answers a repeated key with the item it already made (replayed), never a second item.

export interface Draft {
  campaignId: number | null;
  category: string;
  title: string;
  body: string;
  location: string;
  consentToPublish: boolean;
  anonymous: boolean;
  idempotencyKey: string;
  /** Uploaded photos (their ids go with the submission): kept with the key, so a retry names the same ones. */
  photos: { id: string; thumbnailUrl: string }[];
}

const KEY = 'civicloop.draft';

function newKey(): string {
  return `web-${crypto.randomUUID()}`;
}

function empty(): Draft {
  return { campaignId: null, category: '', title: '', body: '', location: '', consentToPublish: true, anonymous: false, idempotencyKey: newKey(), photos: [] };
}

function load(): Draft {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Draft> | null;
    return saved && typeof saved.idempotencyKey === 'string' ? { ...empty(), ...saved } : empty();
  } catch {
    return empty();
  }
}

export function useDraft() {
  const draft = reactive<Draft>(load());
  watch(draft, () => localStorage.setItem(KEY, JSON.stringify(draft)), { deep: true, immediate: true });
  return {
    draft,
    /** After the api answered with the item (or refused the input, which writes nothing). */
    clear(): void {
      Object.assign(draft, empty());
    },
    /** A refused request wrote nothing: the next attempt, perhaps with edited text, gets a fresh key. */
    renewKey(): void {
      draft.idempotencyKey = newKey();
    },
  };
}
