import Negotiator from 'negotiator';

/** The languages of every message; zh-CN first: residents and clerks read Chinese. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** The language from an Accept-Language header (`en-US` → en, `zh` → zh-CN); zh-CN when it names neither. */
export function localeFrom(acceptLanguage: string | string[] | undefined): Locale {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return DEFAULT_LOCALE;
  const chosen = new Negotiator({ headers: { 'accept-language': header } }).language([...LOCALES]);
  return (LOCALES as readonly string[]).includes(chosen ?? '') ? (chosen as Locale) : DEFAULT_LOCALE;
}
