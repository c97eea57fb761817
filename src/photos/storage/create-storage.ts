import type { StorageConfig } from '../../config/storage-url.js';
import { FsPhotoStorage } from './fs-storage.js';
import type { PhotoStorage } from './photo-storage.js';

/** The driver STORAGE_URL names. The S3 client (several hundred modules) loads only when it is the one. */
export async function createPhotoStorage(config: StorageConfig): Promise<PhotoStorage> {
  if (config.driver !== 's3') return new FsPhotoStorage(config.dir);
  const { S3PhotoStorage } = await import('./s3-storage.js');
  return new S3PhotoStorage(config);
}
