import { parseStorageUrl } from './storage-url.js';
import { loadConfig } from './app-config.js';

describe('STORAGE_URL', () => {
  it('defaults to the filesystem under ./data/', () => {
    expect(loadConfig({}).storage).toEqual({ driver: 'fs', dir: './data/photos' });
    expect(parseStorageUrl('file:///var/lib/civicloop/photos')).toEqual({ driver: 'fs', dir: '/var/lib/civicloop/photos' });
  });

  it('reads an S3-compatible bucket with its credentials, region and addressing style', () => {
    expect(parseStorageUrl('s3://AK%2Fx:s3cr%40t@minio.internal:9000/civic-photos?region=cn-east-1&forcePathStyle=true')).toEqual({
      driver: 's3',
      endpoint: 'https://minio.internal:9000',
      bucket: 'civic-photos',
      region: 'cn-east-1',
      accessKeyId: 'AK/x',
      secretAccessKey: 's3cr@t',
      forcePathStyle: true,
    });
    expect(parseStorageUrl('s3://k:s@127.0.0.1:4569/b?tls=false')).toMatchObject({ endpoint: 'http://127.0.0.1:4569', region: 'us-east-1', forcePathStyle: false });
  });

  it('refuses what it cannot use, naming the variable', () => {
    for (const bad of ['s3://host/bucket', 's3://k:s@host/', 's3://k:s@host/a/b', 'ftp://x/y']) {
      expect(parseStorageUrl(bad)).toBeNull();
      expect(() => loadConfig({ STORAGE_URL: bad })).toThrow(/STORAGE_URL/);
    }
  });
});
