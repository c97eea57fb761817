import { DEFAULT_LOCALE, type Locale } from './locale.js';
import { zhCN } from './messages.zh-CN.js';
import { en } from './messages.en.js';

/** Every message key; zh-CN's catalogue defines them and their parameters. */
export type MessageKey = keyof typeof zhCN;
export type MessageParams<K extends MessageKey> = Parameters<(typeof zhCN)[K]>[0];
/** Another locale's catalogue: the same keys, taking the same parameters. */
export type Catalogue = { readonly [K in MessageKey]: (params: MessageParams<K>) => string };

const CATALOGUES: Record<Locale, Catalogue> = { 'zh-CN': zhCN as Catalogue, en };

/** A message not yet rendered: its key and parameters travel with an error to the response, which picks the language. */
export interface Message<K extends MessageKey = MessageKey> {
  readonly key: K;
  readonly params: MessageParams<K> extends undefined ? Record<string, never> : NonNullable<MessageParams<K>>;
}

type Args<K extends MessageKey> = MessageParams<K> extends undefined ? [] : [params: NonNullable<MessageParams<K>>];

/** `msg('campaign.notOpen', { number: 2, status: 'DRAFT' })`; the key and its parameters are checked by tsc. */
export function msg<K extends MessageKey>(key: K, ...params: Args<K>): Message<K> {
  return { key, params: (params[0] ?? {}) as Message<K>['params'] };
}

export function isMessageKey(key: unknown): key is MessageKey {
  return typeof key === 'string' && Object.hasOwn(zhCN, key);
}

export function render(message: Message, locale: Locale = DEFAULT_LOCALE): string {
  const entry = CATALOGUES[locale][message.key] as (p: unknown) => string;
  return entry(message.params);
}

export { CATALOGUES };

/**
 * A catalogue key as a class-validator `message`: the validation pipe renders it with the
 * field in the caller's language (`@Matches(re, { message: messageKey('format.unitCode') })`).
 */
export function messageKey(key: MessageKey): string {
  return key;
}
