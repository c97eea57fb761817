import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUES, isMessageKey, render, type Message, type MessageKey } from './message.js';
import { LABELS } from './labels.js';
import { localeFrom } from './locale.js';
import { SUGGESTION_ACTIONS, SUGGESTION_STATUSES } from '../../suggestions/suggestion-workflow.js';
import { DISCLOSURE_STATUSES } from '../../disclosure/disclosure-codes.js';
import { STEP_FROM } from '../../disclosure/disclosure-workflow.js';
import { NOTIFICATION_KINDS } from '../../notifications/notification-kinds.js';
import { getMetadataStorage } from 'class-validator';
import '../../app.module.js'; // every input type, so class-validator's metadata lists them all

// Issue 13 §4: every message in zh-CN and English. tsc checks the catalogues' types; under jest
// (no type check) these tests hold the same line, and catch what types cannot.

const HAN = /\p{Script=Han}/u;
const SRC = join(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

// Parameters that render anything: strings, numbers and lists, as a message may ask.
const anyParams = new Proxy({} as Record<string, unknown>, {
  get: (_t, prop) => (prop === 'allowed' || prop === 'values' || prop === 'categories' || prop === 'essential' || prop === 'optional' || prop === 'columns' || prop === 'columnLabels' ? ['sign'] : prop === 'field' ? 'title' : prop === 'entity' ? 'Unit' : 7),
  has: () => true,
});

describe('message catalogues', () => {
  const keys = Object.keys(CATALOGUES['zh-CN']) as MessageKey[];

  it('have the same keys in zh-CN and English', () => {
    expect(Object.keys(CATALOGUES.en).sort()).toEqual([...keys].sort());
  });

  it.each(keys)('%s: Chinese in zh-CN, no Chinese in English', (key) => {
    const message = { key, params: anyParams } as unknown as Message;
    const zh = render(message, 'zh-CN');
    const en = render(message, 'en');
    expect(zh).toMatch(HAN);
    expect(en).not.toMatch(HAN);
    // Codes are named in words too (statuses, actions, kinds): no SHOUTING_CODE inside a Chinese sentence.
    expect(zh).not.toMatch(/\b[A-Z]+_[A-Z_]+\b/);
    // The field is named in words, never by its code (`first: first must …`).
    expect(zh).not.toMatch(/\btitle\b/);
    expect(en).not.toMatch(/\btitle:/);
  });

  it('name every key that the code uses, and the code constructs no domain error from a bare string', () => {
    const unknown: string[] = [];
    const bare: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:msg|messageKey)\(\s*'([^']+)'/g)) if (!isMessageKey(m[1])) unknown.push(`${file}: ${m[1]}`);
      const bareText = [
        /new (?:ValidationError|UnauthenticatedError|ForbiddenError|ConflictError|RateLimitedError)\(\s*[`'"]/g,
        /new DisclosureStepError\(\s*'[A-Z_]+',\s*[`'"]/g,
      ];
      for (const re of bareText) for (const m of text.matchAll(re)) bare.push(`${file}: ${m[0]}`);
    }
    expect(unknown).toEqual([]);
    expect(bare).toEqual([]);
  });

  it('have words for every status and action a message can name', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const labels = LABELS[locale];
      expect(SUGGESTION_STATUSES.filter((s) => !Object.hasOwn(labels.SUGGESTION_STATUS, s))).toEqual([]);
      expect(SUGGESTION_ACTIONS.filter((a) => !Object.hasOwn(labels.SUGGESTION_ACTION, a))).toEqual([]);
      expect(DISCLOSURE_STATUSES.filter((s) => !Object.hasOwn(labels.DISCLOSURE_STATUS, s))).toEqual([]);
      expect(Object.keys(STEP_FROM).filter((s) => !Object.hasOwn(labels.DISCLOSURE_STEP, s))).toEqual([]);
      expect(NOTIFICATION_KINDS.filter((k) => !Object.hasOwn(labels.NOTIFICATION_KIND, k))).toEqual([]);
    }
  });
});

describe('field names', () => {
  it('have words for every validated input field, so a message names it in both languages', () => {
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, { propertyName: string }[]> };
    const properties = new Set([...storage.validationMetadatas.values()].flat().map((m) => m.propertyName));
    expect(properties.size).toBeGreaterThan(30);
    const missing = [...properties].filter((p) => !Object.hasOwn(LABELS['zh-CN'].FIELDS, p) || !Object.hasOwn(LABELS.en.FIELDS, p));
    expect(missing).toEqual([]);
  });
});

describe('Accept-Language', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['*', 'zh-CN'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['en-GB', 'en'],
    ['fr-FR', 'zh-CN'],
    ['fr, en;q=0.5', 'en'],
  ])('%p → %p', (header, expected) => {
    expect(localeFrom(header)).toBe(expected);
  });
});
