import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { given, idempotencyKey } from '../factories/given.js';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';
import { PhotoEntity } from '../../src/photos/photo.entity.js';
import { OutboxMessageEntity } from '../../src/jobs/outbox-message.entity.js';
import { JobHandlers } from '../../src/jobs/job-handlers.js';
import { workflowOf, type Workflow } from '../helpers/workflow.js';
import { SIGNED_URL_TTL_SECONDS, UNATTACHED_PHOTO_TTL_MS } from '../../src/photos/photo-rules.js';
import type { Actor } from '../../src/auth/actor.js';
import { graphql } from '../gql/index.js';

// Issue 19 §1: photos on suggestions and replies — metadata stripped, type sniffed, visibility
// following the item, idempotent attachment, orphan cleanup, account deletion. Real database,
// real filesystem storage (a temp directory per app).

const SUBMIT = graphql(`mutation PhotosSubmit($i: SubmitSuggestionInput!) { submitSuggestion(input: $i) { replayed suggestion { id photos { id url thumbnailUrl width height } } } }`);
const MINE = graphql(`query PhotosMine { mySuggestions(first: 10) { edges { node { id photos { id url thumbnailUrl width height } } } } }`);
const PUBLIC_FEED = graphql(`query PhotosPublicFeed { publicSuggestions(first: 50) { edges { node { id photos { id url thumbnailUrl } reply { id photos { id url thumbnailUrl } } } } } }`);
const DELETE = graphql(`mutation PhotosDelete { deleteMyAccount(input: { confirm: true }) { deleted } }`);

interface Links {
  id: string;
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
}

/** A phone photo: GPS and camera make in EXIF, rotated by its Orientation tag, with bytes hidden after the image. */
async function phonePhoto(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#3366aa' } })
    .withExif({
      IFD0: { Make: 'SecretCam', Model: 'HomeModel' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
  return Buffer.concat([jpeg, Buffer.from('HIDDEN-PAYLOAD-after-EOI')]);
}

async function pngPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 4, background: { r: 200, g: 10, b: 10, alpha: 0.5 } } }).png().toBuffer();
}

describe(describeDb('photos'), () => {
  let t: TestApp;
  let workflow: Workflow;
  beforeAll(async () => {
    t = (await startTestApp('photos'))!;
    workflow = workflowOf(t.app);
  });
  afterAll(async () => t?.close());

  const storageDir = () => (t.config.storage as { dir: string }).dir;
  const fileOf = (id: string, variant: 'full' | 'thumb') => join(storageDir(), 'photos', id, `${variant}.jpg`);

  async function upload(token: string | null, bytes: Buffer, name = 'photo.jpg', type = 'image/jpeg', headers: Record<string, string> = { 'x-civicloop-upload': '1' }) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await fetch(`${t.baseUrl}/photos`, { method: 'POST', body: form, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    return { status: res.status, body: (await res.json()) as Links & { error?: { code: string; messageKey: string; reason?: string } } };
  }

  async function fetchImage(path: string) {
    const res = await fetch(`${t.baseUrl}${path}`);
    return { status: res.status, type: res.headers.get('content-type'), cache: res.headers.get('cache-control'), bytes: Buffer.from(await res.arrayBuffer()) };
  }

  function submitInput(campaign: { id: number; categories: string[] }, photoIds: string[], overrides: Record<string, unknown> = {}) {
    return { campaignId: campaign.id, title: '路灯坏了', body: '小区门口的路灯坏了一个月，晚上很黑，请尽快修理。', category: campaign.categories[0], consentToPublish: true, idempotencyKey: idempotencyKey(), photoIds, ...overrides };
  }

  async function publish(suggestionId: number, replyPhotoIds: string[] = []) {
    const g = given(t);
    const unit = await g.unit();
    const coordinator = await g.staff(['COORDINATOR']);
    const handler = await g.staff(['UNIT_HANDLER'], unit.id);
    const coord: Actor = { kind: 'staff', id: coordinator.id, roles: ['COORDINATOR'], unitId: null };
    const h: Actor = { kind: 'staff', id: handler.id, roles: ['UNIT_HANDLER'], unitId: unit.id };
    await workflow.assign(coord, { suggestionIds: [suggestionId], leadUnitId: unit.id });
    await workflow.sign(h, { suggestionId });
    return { handler, h, unit, reply: (rIds: string[]) => workflow.reply(h, { suggestionId, body: '已安排维修，感谢您的建议。', adoption: 'ADOPTED', photoIds: rIds.length ? rIds : replyPhotoIds }) };
  }

  it('re-encodes every size without EXIF, GPS or hidden bytes, oriented upright, and makes a thumbnail', async () => {
    const r = await given(t).resident();
    const original = await phonePhoto();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const up = await upload(r.token, original);
    expect(up.status).toBe(201);
    // Orientation 6 applied: the 400×200 source stands 200×400.
    expect(up.body).toMatchObject({ width: 200, height: 400 });
    for (const path of [up.body.url, up.body.thumbnailUrl]) {
      const img = await fetchImage(path);
      expect(img.status).toBe(200);
      expect(img.type).toBe('image/jpeg');
      const meta = await sharp(img.bytes).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(meta.height! > meta.width!).toBe(true);
      for (const secret of ['SecretCam', 'HomeModel', 'HIDDEN-PAYLOAD', 'GPS']) expect(img.bytes.includes(Buffer.from(secret))).toBe(false);
    }
    // The stored files themselves, not only the response.
    for (const variant of ['full', 'thumb'] as const) expect((await sharp(fileOf(up.body.id, variant)).metadata()).exif).toBeUndefined();
    const thumb = await sharp(fileOf(up.body.id, 'thumb')).metadata();
    expect(Math.max(thumb.width!, thumb.height!)).toBeLessThanOrEqual(320);
    // PNG with transparency is accepted too and comes back as a flat JPEG.
    const png = await upload(r.token, await pngPhoto(), 'shot.png', 'image/png');
    expect(png.status).toBe(201);
    expect((await sharp((await fetchImage(png.body.url)).bytes).metadata()).format).toBe('jpeg');
  });

  it('sniffs the bytes: a PDF or an SVG named .jpg is refused with a stable code, and nothing is stored', async () => {
    const r = await given(t).resident();
    const before = await t.dataSource.getRepository(PhotoEntity).count();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    for (const bytes of [pdf, svg]) {
      const res = await upload(r.token, bytes, 'holiday.jpg', 'image/jpeg');
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'BAD_USER_INPUT', messageKey: 'photo.unsupportedType', reason: 'PHOTO_UNSUPPORTED_TYPE' });
    }
    // A JPEG header on garbage: sniffed as JPEG, but it does not decode.
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    const res = await upload(r.token, broken);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'BAD_USER_INPUT', messageKey: 'photo.undecodable' });
    expect(await t.dataSource.getRepository(PhotoEntity).count()).toBe(before);
  });

  it('refuses uploads without a credential or without the upload header', async () => {
    const r = await given(t).resident();
    const photo = await pngPhoto();
    expect((await upload(null, photo)).status).toBe(401);
    const noHeader = await upload(r.token, photo, 'a.png', 'image/png', {});
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.error).toMatchObject({ messageKey: 'photo.uploadCsrf' });
  });

  it('a private item’s photos: signed links for the author only; strangers, forged and expired links refused', async () => {
    const g = given(t);
    const campaign = await g.campaign();
    const author = await g.resident();
    const stranger = await g.resident();
    const up = await upload(author.token, await pngPhoto(), 'a.png', 'image/png');
    const res = await t.gql(SUBMIT, { i: submitInput(campaign, [up.body.id]) }, author.token);
    expect(res.errors).toBeUndefined();
    const [photo] = res.data.submitSuggestion.suggestion.photos as Links[];
    expect(photo!.id).toBe(up.body.id);
    expect(photo!.url).toMatch(/\?exp=\d+&sig=/);
    // The author reads it through the signed link.
    const mine = await t.gql(MINE, {}, author.token);
    const node = mine.data.mySuggestions.edges.find((e: { node: { id: number } }) => e.node.id === res.data.submitSuggestion.suggestion.id)!.node;
    expect((await fetchImage(node.photos[0].thumbnailUrl)).status).toBe(200);
    const signed = await fetchImage(node.photos[0].url);
    expect(signed.status).toBe(200);
    expect(signed.cache).toMatch(/^private/);
    // A stranger: the open link is refused (not published), a forged signature too, and GraphQL gives them nothing.
    const open = photo!.url.split('?')[0]!;
    expect((await fetchImage(open)).status).toBe(403);
    expect((await fetchImage(`${open}?exp=9999999999&sig=${'A'.repeat(43)}`)).status).toBe(403);
    const otherPhoto = `${open.replace(up.body.id, 'f'.repeat(32))}?${photo!.url.split('?')[1]}`;
    expect((await fetchImage(otherPhoto)).status).toBe(403);
    const theirs = await t.gql(graphql(`query PhotosSuggestion($id: Int!) { suggestion(id: $id) { photos { url } } }`), { id: res.data.submitSuggestion.suggestion.id }, stranger.token);
    expect(theirs.data?.suggestion?.photos ?? []).toEqual([]);
    // The signed link expires.
    t.clock.advance((SIGNED_URL_TTL_SECONDS + 600) * 1000);
    try {
      const expired = await fetch(`${t.baseUrl}${photo!.url}`);
      expect(expired.status).toBe(403);
      expect(((await expired.json()) as { error: { messageKey: string } }).error.messageKey).toBe('photo.linkExpired');
    } finally {
      t.clock.advance(-(SIGNED_URL_TTL_SECONDS + 600) * 1000);
    }
  });

  it('the public gets a published item’s photos and its reply’s photos through open links; without consent, never', async () => {
    const g = given(t);
    const campaign = await g.campaign();
    const author = await g.resident();
    const up = await upload(author.token, await phonePhoto());
    const res = await t.gql(SUBMIT, { i: submitInput(campaign, [up.body.id]) }, author.token);
    const id = res.data.submitSuggestion.suggestion.id as number;
    const { handler } = await publish(id);
    const staffUp = await upload(handler.token, await pngPhoto(), 'fixed.png', 'image/png');
    expect(staffUp.status).toBe(201);
    // The unit replies through GraphQL, naming its upload.
    const replied = await t.gql(
      graphql(`mutation PhotosReplyToSuggestion($i: ReplyToSuggestionInput!) { replyToSuggestion(input: $i) { reply { id status photos { id url } } } }`),
      { i: { suggestionId: id, body: '已安排维修，感谢您的建议。', adoption: 'ADOPTED', photoIds: [staffUp.body.id] } },
      handler.token,
    );
    expect(replied.errors).toBeUndefined();
    expect(replied.data.replyToSuggestion.reply).toMatchObject({ status: 'PUBLISHED', photos: [{ id: staffUp.body.id }] });

    const feed = await t.gql(PUBLIC_FEED, {});
    const item = feed.data.publicSuggestions.edges.find((e: { node: { id: number } }) => e.node.id === id)!.node;
    expect(item.photos).toEqual([expect.objectContaining({ id: up.body.id, url: `/photos/${up.body.id}/full.jpg`, thumbnailUrl: `/photos/${up.body.id}/thumb.jpg` })]);
    expect(item.reply.photos).toEqual([expect.objectContaining({ id: staffUp.body.id, url: `/photos/${staffUp.body.id}/full.jpg` })]);
    for (const p of [item.photos[0], item.reply.photos[0]]) {
      const img = await fetchImage(p.url);
      expect(img.status).toBe(200);
      expect(img.cache).toMatch(/^public/);
      expect((await fetchImage(p.thumbnailUrl)).status).toBe(200);
    }

    // Replied without consent: the same open link is refused.
    const private_ = await upload(author.token, await pngPhoto(), 'b.png', 'image/png');
    const res2 = await t.gql(SUBMIT, { i: submitInput(campaign, [private_.body.id], { consentToPublish: false }) }, author.token);
    const id2 = res2.data.submitSuggestion.suggestion.id as number;
    await (await publish(id2)).reply([]);
    expect((await fetchImage(`/photos/${private_.body.id}/full.jpg`)).status).toBe(403);
  });

  it('attaches once: a retried submit does not attach twice; an upload serves one item and only its uploader', async () => {
    const g = given(t);
    const campaign = await g.campaign();
    const author = await g.resident();
    const other = await g.resident();
    const a = await upload(author.token, await pngPhoto(), 'a.png', 'image/png');
    const b = await upload(author.token, await pngPhoto(), 'b.png', 'image/png');
    const input = submitInput(campaign, [a.body.id, b.body.id]);
    const first = await t.gql(SUBMIT, { i: input }, author.token);
    const again = await t.gql(SUBMIT, { i: input }, author.token);
    expect(first.errors).toBeUndefined();
    expect(again.data.submitSuggestion).toMatchObject({ replayed: true, suggestion: { id: first.data.submitSuggestion.suggestion.id } });
    const id = first.data.submitSuggestion.suggestion.id as number;
    const rows = await t.dataSource.getRepository(PhotoEntity).find({ where: { suggestionId: id }, order: { position: 'ASC' } });
    expect(rows.map((r) => [r.id, r.position])).toEqual([[a.body.id, 0], [b.body.id, 1]]);
    expect(again.data.submitSuggestion.suggestion.photos).toHaveLength(2);

    // Another submission may not take an attached upload; the whole submission is refused.
    const countBefore = await t.gql(graphql(`query PhotosMySuggestions { mySuggestions(first: 50) { totalCount } }`), {}, author.token);
    const reuse = await t.gql(SUBMIT, { i: submitInput(campaign, [a.body.id]) }, author.token);
    expect(reuse.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'photoIds' });
    const countAfter = await t.gql(graphql(`query PhotosMySuggestions2 { mySuggestions(first: 50) { totalCount } }`), {}, author.token);
    expect(countAfter.data.mySuggestions.totalCount).toBe(countBefore.data.mySuggestions.totalCount);
    // Someone else's upload cannot be attached either.
    const c = await upload(author.token, await pngPhoto(), 'c.png', 'image/png');
    const stolen = await t.gql(SUBMIT, { i: submitInput(campaign, [c.body.id]) }, other.token);
    expect(stolen.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'photoIds' });
    expect(await t.dataSource.getRepository(PhotoEntity).findOneByOrFail({ id: c.body.id })).toMatchObject({ suggestionId: null, attachedAt: null });
    // More than four: refused by the input rules, with the stable code.
    const many = await t.gql(SUBMIT, { i: submitInput(campaign, ['a'.repeat(32), 'b'.repeat(32), 'c'.repeat(32), 'd'.repeat(32), 'e'.repeat(32)]) }, author.token);
    expect(many.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('the orphan job deletes an upload left unattached past the bound, and keeps attached ones', async () => {
    const g = given(t);
    const campaign = await g.campaign();
    const r = await g.resident();
    const orphan = await upload(r.token, await pngPhoto(), 'o.png', 'image/png');
    const kept = await upload(r.token, await pngPhoto(), 'k.png', 'image/png');
    await t.gql(SUBMIT, { i: submitInput(campaign, [kept.body.id]) }, r.token);
    // Each upload scheduled its own discard job, due after the bound.
    const jobs = await t.dataSource.getRepository(OutboxMessageEntity).findBy({ dedupeKey: `photo-discard:${orphan.body.id}` });
    expect(jobs).toHaveLength(1);
    const row = await t.dataSource.getRepository(PhotoEntity).findOneByOrFail({ id: orphan.body.id });
    expect(jobs[0]!.availableAt.getTime()).toBe(row.createdAt.getTime() + UNATTACHED_PHOTO_TTL_MS);

    const handlers = t.app.get(JobHandlers);
    const run = (photoId: string) => handlers.execute('photos.discard-unattached', { photoId }, { attempt: 1, maxAttempts: 1, finalAttempt: true });
    // Before the bound: nothing happens.
    await run(orphan.body.id);
    expect(existsSync(fileOf(orphan.body.id, 'full'))).toBe(true);
    t.clock.advance(UNATTACHED_PHOTO_TTL_MS + 60_000);
    try {
      await run(orphan.body.id);
      await run(kept.body.id);
    } finally {
      t.clock.advance(-(UNATTACHED_PHOTO_TTL_MS + 60_000));
    }
    expect(await t.dataSource.getRepository(PhotoEntity).findOneBy({ id: orphan.body.id })).toBeNull();
    expect(existsSync(fileOf(orphan.body.id, 'full'))).toBe(false);
    expect(existsSync(fileOf(orphan.body.id, 'thumb'))).toBe(false);
    expect(await t.dataSource.getRepository(PhotoEntity).findOneBy({ id: kept.body.id })).not.toBeNull();
    expect(existsSync(fileOf(kept.body.id, 'full'))).toBe(true);
    // A late submission naming the discarded upload is refused, not attached to a ghost.
    const late = await t.gql(SUBMIT, { i: submitInput(campaign, [orphan.body.id]) }, r.token);
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'photoIds' });
  });

  it('account deletion removes the resident’s photos from storage, attached or not', async () => {
    const g = given(t);
    const campaign = await g.campaign();
    const r = await g.resident();
    const attached = await upload(r.token, await phonePhoto());
    const loose = await upload(r.token, await pngPhoto(), 'l.png', 'image/png');
    const bystander = await g.resident();
    const theirs = await upload(bystander.token, await pngPhoto(), 'x.png', 'image/png');
    await t.gql(SUBMIT, { i: submitInput(campaign, [attached.body.id]) }, r.token);
    for (const id of [attached.body.id, loose.body.id]) expect(existsSync(fileOf(id, 'full'))).toBe(true);
    // The data export lists the item's photos, with links the resident can download them from.
    const exported = JSON.parse((await t.gql(graphql(`query PhotosExportMyData { exportMyData { json } }`), {}, r.token)).data.exportMyData.json);
    const listed = exported.suggestions.at(-1).photos;
    expect(listed).toEqual([expect.objectContaining({ id: attached.body.id, width: 200, height: 400 })]);
    expect((await fetchImage(listed[0].url)).status).toBe(200);

    const res = await t.gql(DELETE, {}, r.token);
    expect(res.errors).toBeUndefined();
    for (const id of [attached.body.id, loose.body.id]) {
      expect(existsSync(fileOf(id, 'full'))).toBe(false);
      expect(existsSync(fileOf(id, 'thumb'))).toBe(false);
      expect(await t.dataSource.getRepository(PhotoEntity).findOneBy({ id })).toBeNull();
    }
    expect(existsSync(fileOf(theirs.body.id, 'full'))).toBe(true);
  });
});
