import fc from 'fast-check';
import { SIGNED_URL_TTL_SECONDS, checkPhotoSignature, isPhotoId, photoUrlKey, publicPhotoPath, signedPhotoPath, storageKey } from './photo-rules.js';
import { assertStorageKey } from './storage/photo-storage.js';

const key = photoUrlKey('a-secret-of-at-least-thirty-two-characters!!');
const id = '0123456789abcdef0123456789abcdef';
const parse = (path: string) => {
  const u = new URL(path, 'http://x');
  return { exp: u.searchParams.get('exp')!, sig: u.searchParams.get('sig')! };
};

describe('signed photo URLs', () => {
  it('verify for their photo and variant until they expire, and not after', () => {
    const now = Date.UTC(2026, 11, 7, 4, 0, 0);
    const path = signedPhotoPath(key, id, 'thumb', now);
    expect(path.startsWith(`/photos/${id}/thumb.jpg?exp=`)).toBe(true);
    const { exp, sig } = parse(path);
    expect(checkPhotoSignature(key, id, 'thumb', exp, sig, now)).toBe('VALID');
    // Valid at least the TTL, at most the TTL plus one rounding window.
    expect(Number(exp) * 1000 - now).toBeGreaterThanOrEqual(SIGNED_URL_TTL_SECONDS * 1000);
    expect(Number(exp) * 1000 - now).toBeLessThanOrEqual((SIGNED_URL_TTL_SECONDS + 300) * 1000);
    expect(checkPhotoSignature(key, id, 'thumb', exp, sig, Number(exp) * 1000)).toBe('EXPIRED');
    // Another variant, another photo, another key, a moved expiry: invalid.
    expect(checkPhotoSignature(key, id, 'full', exp, sig, now)).toBe('INVALID');
    expect(checkPhotoSignature(key, 'f'.repeat(32), 'thumb', exp, sig, now)).toBe('INVALID');
    expect(checkPhotoSignature(photoUrlKey('another-secret-of-thirty-two-characters!!'), id, 'thumb', exp, sig, now)).toBe('INVALID');
    expect(checkPhotoSignature(key, id, 'thumb', String(Number(exp) + 3600), sig, now)).toBe('INVALID');
  });

  it('never accepts a made-up signature', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (exp, sig) => {
        expect(checkPhotoSignature(key, id, 'full', exp, sig, 0)).not.toBe('VALID');
      }),
    );
  });

  it('public paths carry no signature; keys and ids have one shape', () => {
    expect(publicPhotoPath(id, 'full')).toBe(`/photos/${id}/full.jpg`);
    expect(() => assertStorageKey(storageKey(id, 'full'))).not.toThrow();
    expect(() => assertStorageKey(`photos/${id}/../x.jpg`)).toThrow();
    expect(isPhotoId(id)).toBe(true);
    expect(isPhotoId(`${id}0`)).toBe(false);
    expect(isPhotoId('../../etc/passwd')).toBe(false);
  });
});
