import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import sharp from 'sharp';
import { parseStorageUrl } from '../../src/config/storage-url.js';
import { FsPhotoStorage } from '../../src/photos/storage/fs-storage.js';
import { S3PhotoStorage } from '../../src/photos/storage/s3-storage.js';
import { createPhotoStorage } from '../../src/photos/storage/create-storage.js';
import type { PhotoStorage } from '../../src/photos/storage/photo-storage.js';
import { given, idempotencyKey } from '../factories/given.js';
import { startTestApp } from '../helpers/test-app.js';
import { graphql } from '../gql/index.js';

// The storage contract, run against both drivers: the filesystem, and the S3 driver speaking
// the S3 protocol to s3rver, a local S3-compatible server started here (no real S3 can run on
// these machines). s3rver checks the access key id but does not verify SigV4 signatures, so
// this proves the requests (path-style PUT/GET/DELETE, NoSuchKey errors), not the signing.

interface Stand {
  server: S3rver;
  port: number;
}

async function startS3(): Promise<Stand> {
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: mkdtempSync(join(tmpdir(), 'civicloop-s3-')),
    configureBuckets: [{ name: 'civicloop-photos', configs: [] }],
  });
  const { port } = await server.run();
  return { server, port };
}

const s3Url = (port: number, secret = 'S3RVER', key = 'S3RVER') => `s3://${key}:${secret}@127.0.0.1:${port}/civicloop-photos?region=us-east-1&forcePathStyle=true&tls=false`;

describe('photo storage drivers', () => {
  let s3: Stand;
  beforeAll(async () => {
    s3 = await startS3();
  });
  afterAll(async () => {
    await s3?.server.close();
  });

  const drivers: [string, () => PhotoStorage | Promise<PhotoStorage>][] = [
    ['filesystem', () => new FsPhotoStorage(mkdtempSync(join(tmpdir(), 'civicloop-fs-')))],
    ['s3 (s3rver)', () => createPhotoStorage(parseStorageUrl(s3Url(s3.port))!)],
  ];

  describe.each(drivers)('%s', (_name, make) => {
    let storage: PhotoStorage;
    beforeAll(async () => {
      storage = await make();
    });

    it('stores, reads back, overwrites and deletes; deleting twice is fine; a missing key reads null', async () => {
      const key = 'photos/0123456789abcdef0123456789abcdef/full.jpg';
      const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00, 1, 2, 3, 250]);
      expect(await storage.get(key)).toBeNull();
      await storage.put(key, bytes, 'image/jpeg');
      expect(await storage.get(key)).toEqual(bytes);
      const other = Buffer.from('second version');
      await storage.put(key, other, 'image/jpeg');
      expect(await storage.get(key)).toEqual(other);
      await storage.delete(key);
      expect(await storage.get(key)).toBeNull();
      await expect(storage.delete(key)).resolves.toBeUndefined();
    });

    it('keeps a photo’s two files apart and refuses keys it did not make', async () => {
      const full = 'photos/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/full.jpg';
      const thumb = 'photos/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/thumb.jpg';
      await storage.put(full, Buffer.from('F'), 'image/jpeg');
      await storage.put(thumb, Buffer.from('T'), 'image/jpeg');
      await storage.delete(full);
      expect(await storage.get(thumb)).toEqual(Buffer.from('T'));
      await storage.delete(thumb);
      for (const bad of ['../etc/passwd', 'photos/../../x/full.jpg', 'photos/abc/full.png', '/photos/aaaaaaaaaaaaaaaa/full.jpg']) {
        await expect(storage.put(bad, Buffer.from('x'), 'image/jpeg')).rejects.toThrow(/Not a photo storage key/);
        await expect(storage.get(bad)).rejects.toThrow(/Not a photo storage key/);
      }
    });
  });

  it('the S3 driver reports the server refusing an unknown access key', async () => {
    const storage = new S3PhotoStorage(parseStorageUrl(s3Url(s3.port, 'whatever', 'NOT-A-KEY')) as never);
    await expect(storage.put('photos/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/full.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
    storage.close();
  });

  it('the whole app on S3 storage: an upload lands in the bucket and is served back without metadata', async () => {
    const t = await startTestApp('photos-s3', { STORAGE_URL: s3Url(s3.port) });
    if (!t) return;
    try {
      expect(t.config.storage.driver).toBe('s3');
      const g = given(t);
      const r = await g.resident();
      const campaign = await g.campaign();
      const photo = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#888888' } })
        .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1' } })
        .jpeg()
        .toBuffer();
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'p.jpg');
      const res = await fetch(`${t.baseUrl}/photos`, { method: 'POST', body: form, headers: { authorization: `Bearer ${r.token}`, 'x-civicloop-upload': '1' } });
      expect(res.status).toBe(201);
      const links = (await res.json()) as { id: string; url: string };
      const direct = await createPhotoStorage(t.config.storage);
      const stored = await direct.get(`photos/${links.id}/full.jpg`);
      expect(stored).not.toBeNull();
      expect((await sharp(stored!).metadata()).exif).toBeUndefined();
      const served = await fetch(`${t.baseUrl}${links.url}`);
      expect(served.status).toBe(200);
      expect(Buffer.from(await served.arrayBuffer())).toEqual(stored);
      const submit = await t.gql(
        graphql(`mutation PhotoStorageSubmitSuggestion($i: SubmitSuggestionInput!) { submitSuggestion(input: $i) { suggestion { photos { id } } } }`),
        { i: { campaignId: campaign.id, title: '树木遮挡路牌', body: '路口的树枝挡住了路牌，建议修剪一下。', category: campaign.categories[0], consentToPublish: true, idempotencyKey: idempotencyKey(), photoIds: [links.id] } },
        r.token,
      );
      expect(submit.data.submitSuggestion.suggestion.photos).toEqual([{ id: links.id }]);
      // Account deletion reaches the bucket too.
      await t.gql(graphql(`mutation PhotoStorageDeleteMyAccount { deleteMyAccount(input: { confirm: true }) { deleted } }`), {}, r.token);
      expect(await direct.get(`photos/${links.id}/full.jpg`)).toBeNull();
      expect(await direct.get(`photos/${links.id}/thumb.jpg`)).toBeNull();
    } finally {
      await t.close();
    }
  });
});
