import { createI18n } from 'vue-i18n';
import zhCN from './locales/zh-CN';

export type Locale = 'zh-CN' | 'en';
const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('civicloop.locale') : null;

// zh-CN is in the first chunk; the English catalogue loads when a visitor chooses it (or chose it before).
export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN' as Locale,
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN } as { 'zh-CN': typeof zhCN; en?: typeof zhCN },
});

let english: Promise<void> | undefined;
function loadEnglish(): Promise<void> {
  // merge, not set: the staff workbenches may have merged their own English messages already.
  english ??= import('./locales/en').then((m) => i18n.global.mergeLocaleMessage('en', m.default));
  return english;
}

export async function setLocale(locale: Locale): Promise<void> {
  if (locale === 'en') await loadEnglish();
  i18n.global.locale.value = locale;
  localStorage.setItem('civicloop.locale', locale);
  document.documentElement.lang = locale;
}

/** Before the first render: the saved language, English loaded if that is it. */
export function restoreLocale(): Promise<void> {
  return saved === 'en' ? setLocale('en') : Promise.resolve();
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(i18n.global.locale.value, { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}
