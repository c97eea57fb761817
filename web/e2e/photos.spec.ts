import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { codeFor, expectAccessible, freshPhone, gql, replyThroughUnit, screenshot, staffToken } from './api';

// Issue 19 §1: a resident attaches a photo (the first upload fails and is retried), sees it
// before submitting and on their item; once the item is replied and public, anyone sees its
// thumbnail and opens the full image.
test('resident attaches a photo, retries a failed upload, and the published item shows its thumbnail', async ({ page, request }, info) => {
  const phone = freshPhone();
  const title = `路口积水请加装排水口 ${info.project.name} ${phone.slice(-4)}`;
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#4a7a3a' } })
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 0/1' } })
    .jpeg()
    .toBuffer();

  await page.goto('/me');
  await page.getByLabel('手机号').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByLabel('验证码').fill(await codeFor(phone));
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: /您好/ })).toBeVisible();

  await page.getByLabel('类别').selectOption('城市建设');
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('建言内容').fill('下雨时路口积水没过脚踝，行人只能绕行，建议加装排水口。');

  // The picker is reachable by keyboard: both inputs take focus.
  const pick = page.getByLabel('从相册选择');
  await pick.focus();
  await expect(pick).toBeFocused();
  await expect(page.getByLabel('拍照')).toHaveAttribute('capture', 'environment');

  // The first upload's connection drops (the phone went offline): the tile says so and offers a retry.
  await page.context().setOffline(true);
  await pick.setInputFiles({ name: 'street.jpg', mimeType: 'image/jpeg', buffer: photo });
  const previews = page.getByTestId('photo-previews');
  await expect(previews.getByRole('alert')).toContainText('网络连接中断');
  await page.context().setOffline(false);
  await previews.getByRole('button', { name: '重试' }).click();
  await expect(previews.getByRole('button', { name: '重试' })).toHaveCount(0);
  await expect(previews.getByRole('alert')).toHaveCount(0);
  await expect(previews.getByRole('img', { name: '第 1 张图片' })).toHaveAttribute('src', /\/photos\/[0-9a-f]{32}\/thumb\.jpg\?exp=/);
  await screenshot(page, info.project.name, 'me-submit-photo');
  await expectAccessible(page);

  await page.getByRole('button', { name: '提交', exact: true }).click();
  await expect(page.getByRole('heading', { name: '请核对后提交' })).toBeVisible();
  await expect(page.getByRole('img', { name: '第 1 张图片' })).toBeVisible();
  await page.getByRole('button', { name: '提交建言' }).click();
  await expect(page.getByRole('status').filter({ hasText: '提交成功' })).toBeVisible();

  // The resident's own item shows the thumbnail (a signed link; the item is not public yet).
  const item = page.getByTestId('my-suggestions').getByRole('listitem').filter({ hasText: title });
  const thumb = item.getByTestId('photo-thumbs').getByRole('img', { name: '第 1 张图片' });
  await expect(thumb).toBeVisible();
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const trackingNumber = (await item.textContent())!.match(/JY[0-9A-Z]+/)![0];
  await expectAccessible(page);

  // Replied and public: the item page shows the thumbnail, linking to the full image anyone may fetch.
  const coordinator = await staffToken(request, 'coordinator');
  const queue = await gql(request, '{ screeningQueue(first: 100) { edges { node { id title } } } }', {}, coordinator);
  const id = queue.screeningQueue.edges.find((e: { node: { title: string } }) => e.node.title === title).node.id;
  await replyThroughUnit(request, id);
  await page.goto(`/suggestions/${trackingNumber}`);
  const link = page.getByRole('link', { name: '查看第 1 张图片大图' });
  await expect(link).toBeVisible();
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^\/photos\/[0-9a-f]{32}\/full\.jpg$/);
  const full = await request.get(href!);
  expect(full.status()).toBe(200);
  expect(full.headers()['content-type']).toBe('image/jpeg');
  const meta = await sharp(await full.body()).metadata();
  expect(meta.exif).toBeUndefined();
  expect([meta.width, meta.height]).toEqual([640, 480]);
  await screenshot(page, info.project.name, 'suggestion-photo');
  await expectAccessible(page);
});
