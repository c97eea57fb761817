import 'reflect-metadata';

const UNTRIMMED = Symbol('untrimmed-fields');

/**
 * Keeps a string input exactly as sent (passwords: a space is part of the secret). Every
 * other string input is trimmed before validation (trimInputStrings).
 */
export function Untrimmed(): PropertyDecorator {
  return (target, key) => {
    const own: Set<string | symbol> = Reflect.getOwnMetadata(UNTRIMMED, target) ?? new Set(Reflect.getMetadata(UNTRIMMED, target) ?? []);
    own.add(key);
    Reflect.defineMetadata(UNTRIMMED, own, target);
  };
}

function isUntrimmed(type: unknown, key: string): boolean {
  const proto = typeof type === 'function' ? (type as { prototype?: object }).prototype : undefined;
  return !!proto && !!(Reflect.getMetadata(UNTRIMMED, proto) as Set<string | symbol> | undefined)?.has(key);
}

function nestedType(type: unknown, key: string): unknown {
  const proto = typeof type === 'function' ? (type as { prototype?: object }).prototype : undefined;
  return proto ? Reflect.getMetadata('design:type', proto, key) : undefined;
}

/**
 * Every string of a GraphQL input, trimmed (String.prototype.trim: all Unicode spaces,
 * the ideographic space U+3000 too), so every length rule after it sees the text that will
 * be stored. A string that is blank after trimming becomes absent: an optional field is then
 * as if omitted, a required one fails its validator and is refused as BAD_USER_INPUT naming
 * the field. Pure; returns a new value.
 */
export function trimInputStrings(value: unknown, type?: unknown): unknown {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  if (Array.isArray(value)) return value.map((v) => trimInputStrings(v, undefined));
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = isUntrimmed(type, key) ? v : trimInputStrings(v, nestedType(type, key));
  }
  return out;
}
