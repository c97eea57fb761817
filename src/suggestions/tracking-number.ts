import { randomInt } from 'node:crypto';
import { shanghaiDate } from '../calendar/shanghai-time.js';

// Tracking numbers (台账编号). Before 2026-12 they were JY + year + row id (JY20260001234):
// sequential, so anyone could walk them. New items get JY + year + ten random characters
// (JY2026K7M3Q9X2HF), stored in `suggestions.trackingNumber` under a unique index; items
// without one keep their old number, which still resolves.

/** Crockford base32: no I, L, O, U, so a number read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LETTERS = 'ABCDEFGHJKMNPQRSTVWXYZ';
/** 32^9 × 22 ≈ 7.7 × 10^14 numbers per year: guessing one of a year's items is hopeless. */
const RANDOM_LENGTH = 10;
const LEGACY = /^JY(\d{4})(\d{7,})$/;
const RANDOM = new RegExp(`^JY(\\d{4})([${LETTERS}][${ALPHABET}]{${RANDOM_LENGTH - 1}})$`);

/** A fresh unguessable number for an item submitted at `submittedAt`. */
export function newTrackingNumber(submittedAt: Date): string {
  // The first character is a letter, so a new number never reads as a legacy one.
  let code = LETTERS[randomInt(LETTERS.length)]!;
  for (let i = 1; i < RANDOM_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)]!;
  return `JY${shanghaiDate(submittedAt).slice(0, 4)}${code}`;
}

/** The number an item is known by: its stored random number, or the legacy one derived from its id. */
export function trackingNumberOf(s: { id: number; submittedAt: Date; trackingNumber: string | null }): string {
  return s.trackingNumber ?? formatLegacyTrackingNumber(s.id, s.submittedAt);
}

export function formatLegacyTrackingNumber(id: number, submittedAt: Date): string {
  return `JY${shanghaiDate(submittedAt).slice(0, 4)}${String(id).padStart(7, '0')}`;
}

export type ParsedTrackingNumber = { kind: 'legacy'; year: number; id: number } | { kind: 'random'; year: number; value: string };

/** Reads what a person typed: case, spaces and dashes do not matter; O, I and L read as 0, 1, 1 in the random part. */
export function parseTrackingNumber(input: string): ParsedTrackingNumber | null {
  const value = input.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  const legacy = LEGACY.exec(value);
  if (legacy) {
    const id = Number(legacy[2]);
    return Number.isSafeInteger(id) && id > 0 ? { kind: 'legacy', year: Number(legacy[1]), id } : null;
  }
  const head = /^JY(\d{4})(.+)$/.exec(value);
  if (!head) return null;
  const code = head[2]!.slice(0, 1) + head[2]!.slice(1).replace(/O/g, '0').replace(/[IL]/g, '1');
  const normalised = `JY${head[1]}${code}`;
  return RANDOM.test(normalised) ? { kind: 'random', year: Number(head[1]), value: normalised } : null;
}
