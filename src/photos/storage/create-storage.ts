import type { StorageConfig } from '../../config/storage-url.js';
import { FsPhotoStorage } from './fs-storage.js';
import type { PhotoStorage } from './photo-storage.js';
import { S3PhotoStorage } from './s3-storage.js';

/** The driver STORAGE_URL names. */
export function createPhotoStorage(config: StorageConfig): PhotoStorage {
  return config.driver === 's3' ? new S3PhotoStorage(config) : new FsPhotoStorage(config.dir);
}
