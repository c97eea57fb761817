// STORAGE_URL, parsed once by the config: a directory for the embedded mode, or an S3-compatible
// bucket (MinIO, Ceph, Aliyun OSS, Tencent COS speak the same API). Pure.

export type StorageConfig =
  | { driver: 'fs'; dir: string }
  | {
      driver: 's3';
      /** http(s)://host:port of the S3 endpoint. */
      endpoint: string;
      bucket: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle: boolean;
    };

export function parseStorageUrl(value: string): StorageConfig | null {
  const v = value.trim();
  if (!v) return null;
  if (v.startsWith('s3://')) {
    let u: URL;
    try {
      u = new URL(v);
    } catch {
      return null;
    }
    const bucket = decodeURIComponent(u.pathname.replace(/^\/+|\/+$/g, ''));
    if (!u.hostname || !bucket || bucket.includes('/') || !u.username || !u.password) return null;
    const tls = u.searchParams.get('tls') !== 'false';
    return {
      driver: 's3',
      endpoint: `${tls ? 'https' : 'http'}://${u.host}`,
      bucket,
      region: u.searchParams.get('region') || 'us-east-1',
      accessKeyId: decodeURIComponent(u.username),
      secretAccessKey: decodeURIComponent(u.password),
      forcePathStyle: u.searchParams.get('forcePathStyle') === 'true',
    };
  }
  if (v.startsWith('file://')) {
    try {
      const path = decodeURIComponent(new URL(v).pathname);
      return path ? { driver: 'fs', dir: path } : null;
    } catch {
      return null;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return null;
  return { driver: 'fs', dir: v };
}

/** For logs: the URL without its secret. */
export function describeStorage(s: StorageConfig): string {
  return s.driver === 'fs' ? `filesystem ${s.dir}` : `s3 ${s.endpoint}/${s.bucket}`;
}
