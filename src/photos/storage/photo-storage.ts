import type { StorageConfig } from '../../config/storage-url.js';

/**
 * Where photo bytes live, by driver (STORAGE_URL): the filesystem in embedded mode, an
 * S3-compatible bucket in production. Keys are the platform's own (`photos/<id>/full.jpg`), never
 * a client's file name. Both drivers pass the same contract tests (test/integration/photo-storage).
 */
export interface PhotoStorage {
  readonly driver: StorageConfig['driver'];
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The object's bytes, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
  /** Idempotent: deleting what is not there succeeds. */
  delete(key: string): Promise<void>;
}

export const PHOTO_STORAGE = Symbol('PHOTO_STORAGE');

/** Keys are made here only; anything else is refused, so no key can climb out of its root. */
export function assertStorageKey(key: string): void {
  if (!/^photos\/[A-Za-z0-9_-]{8,64}\/(full|thumb)\.jpg$/.test(key)) throw new Error(`Not a photo storage key: ${key}`);
}
