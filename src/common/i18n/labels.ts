import * as zh from './labels.zh-CN.js';
import * as en from './labels.en.js';
import type { Locale } from './locale.js';

export type { EntityName, FieldName } from './labels.zh-CN.js';
export type LabelTables = typeof en;
export const LABELS: Record<Locale, LabelTables> = { 'zh-CN': zh, en };

/** A table's word for a code; the code itself when the table lacks it (i18n.spec.ts keeps them complete). */
export function labelOf(table: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(table, code) ? table[code]! : code;
}

/** The words for an input field, by its last path segment: `winners.0.suggestionId` → the label of `suggestionId`. */
export function fieldLabel(tables: LabelTables, path: string): string {
  const last = path.split('.').filter((s) => !/^\d+$/.test(s)).at(-1) ?? path;
  return labelOf(tables.FIELDS, last);
}
