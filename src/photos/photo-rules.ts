import { createHmac, timingSafeEqual } from 'node:crypto';

// The photo rules, pure: limits, accepted types, storage keys and signed URLs (docs/photos.md).

/** At most this many photos on one suggestion, and on one reply. */
export const MAX_PHOTOS_PER_ITEM = 4;
/** Largest upload accepted, in bytes (phone photos are 2–8 MB). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Largest decoded image, in pixels: a small file that decodes to gigapixels is refused (decompression bomb). */
export const MAX_PHOTO_PIXELS = 50_000_000;
/** Longest side of the stored full-size image, and of the list thumbnail. */
export const FULL_MAX_SIDE = 2048;
export const THUMB_MAX_SIDE = 320;
/** An upload never attached to an item is deleted after this long. */
export const UNATTACHED_PHOTO_TTL_MS = 24 * 60 * 60 * 1000;
/** How long a signed URL stays valid (rounded up to whole windows so a page's URLs are cacheable). */
export const SIGNED_URL_TTL_SECONDS = 10 * 60;
const SIGNED_URL_WINDOW_SECONDS = 5 * 60;

/** Types sniffed from the bytes that we decode and re-encode. HEIC/HEIF: iPhone photos. */
export const ACCEPTED_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'image/avif'] as const;
export type AcceptedPhotoType = (typeof ACCEPTED_PHOTO_TYPES)[number];

export function isAcceptedPhotoType(mime: string | undefined): mime is AcceptedPhotoType {
  return mime !== undefined && (ACCEPTED_PHOTO_TYPES as readonly string[]).includes(mime);
}

export const PHOTO_VARIANTS = ['full', 'thumb'] as const;
export type PhotoVariant = (typeof PHOTO_VARIANTS)[number];

export function isPhotoVariant(v: string): v is PhotoVariant {
  return (PHOTO_VARIANTS as readonly string[]).includes(v);
}

/** Photo ids are random (UUID v4 without dashes): an id says nothing about others. */
export function isPhotoId(id: string): boolean {
  return /^[0-9a-f]{32}$/.test(id);
}

export function storageKey(photoId: string, variant: PhotoVariant): string {
  return `photos/${photoId}/${variant}.jpg`;
}

/** The key that signs photo URLs, derived from the app secret so it is never the token key itself. */
export function photoUrlKey(appSecret: string): Buffer {
  return createHmac('sha256', appSecret).update('civicloop:photo-url:v1').digest();
}

function signature(key: Buffer, photoId: string, variant: PhotoVariant, exp: number): string {
  return createHmac('sha256', key).update(`${photoId}:${variant}:${exp}`).digest('base64url');
}

/** Path of a photo anyone may read (its item is public): the server re-checks the item on each request. */
export function publicPhotoPath(photoId: string, variant: PhotoVariant): string {
  return `/photos/${photoId}/${variant}.jpg`;
}

/** A short-lived signed path for a reader with standing: HMAC over id, variant and expiry. */
export function signedPhotoPath(key: Buffer, photoId: string, variant: PhotoVariant, nowMs: number): string {
  const exp = Math.ceil((nowMs / 1000 + SIGNED_URL_TTL_SECONDS) / SIGNED_URL_WINDOW_SECONDS) * SIGNED_URL_WINDOW_SECONDS;
  return `${publicPhotoPath(photoId, variant)}?exp=${exp}&sig=${signature(key, photoId, variant, exp)}`;
}

export type SignatureCheck = 'VALID' | 'EXPIRED' | 'INVALID';

export function checkPhotoSignature(key: Buffer, photoId: string, variant: PhotoVariant, exp: string, sig: string, nowMs: number): SignatureCheck {
  if (!/^\d{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return 'INVALID';
  const expected = Buffer.from(signature(key, photoId, variant, Number(exp)));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'INVALID';
  return Number(exp) * 1000 > nowMs ? 'VALID' : 'EXPIRED';
}

/** Photo ids of a submission, in order, without repeats; null when they break the rules. */
export function normalisePhotoIds(ids: readonly string[] | null | undefined): string[] {
  return [...new Set(ids ?? [])];
}
