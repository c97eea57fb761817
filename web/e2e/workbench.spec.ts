import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { expectAccessible, gql, residentToken, staffToken } from './api';
import { shot, signIn } from './staff';

// Staff workbenches at 1440×900: the coordinator assigns a resident's new item from the screening
// queue as the routing rule proposes; the lead unit's handler signs and replies with a photo, which
// the public item page then shows; another unit's handler cannot see it. Axe on each workbench page; screenshots into docs/screenshots/.
test.use({ viewport: { width: 1440, height: 900 } });

test('workbenches: screening → assign as proposed → sign → reply with a photo; other units see nothing', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'desktop', 'the workbench journey runs once, at 1440×900');
  const tag = String(Date.now()).slice(-6);
  const title = `工作台测试${tag} 建议在秀江路口增设公交站`;

  // Setup through the api: a routing rule for this item's keyword (lead: transport, co: ecology) and the item.
  const admin = await staffToken(request, 'admin');
  const units: { id: number; code: string; name: string }[] = (await gql(request, '{ units(first: 100) { edges { node { id code name } } } }')).units.edges.map((e: any) => e.node);
  const unit = (code: string) => units.find((u) => u.code === code)!;
  await gql(request, 'mutation($i: CreateRoutingRuleInput!) { createRoutingRule(input: $i) { routingRule { id } } }', {
    i: { name: `公交站点 ${tag}`, keywords: [`工作台测试${tag}`], leadUnitId: unit('TRANSPORT').id, coUnitIds: [unit('ECOLOGY').id], priority: 1 },
  }, admin);
  const resident = await residentToken(request);
  const { id, trackingNumber } = (await gql(request, 'mutation($i: SubmitSuggestionInput!) { submitSuggestion(input: $i) { suggestion { id trackingNumber } } }', {
    i: { campaignId: 1, category: '交通出行', title, body: `${title}：附近居民出行需步行一公里以上。`, consentToPublish: true, idempotencyKey: `wb-${tag}` },
  }, resident)).submitSuggestion.suggestion;

  // The coordinator: a signed-out visit goes to the sign-in, then back to the queue.
  await page.goto('/office');
  await expect(page).toHaveURL(/\/staff\/login\?next=/);
  await expectAccessible(page);
  await shot(page, 'office-sign-in');
  await signIn(page, 'coordinator');
  await expect(page.getByRole('heading', { name: '交办中心' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: title });
  await expect(row).toContainText(`主办单位：${unit('TRANSPORT').name}；协办单位：${unit('ECOLOGY').name}`);
  await expect(page.getByRole('navigation', { name: '工作台菜单' }).getByText('单位办理')).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, 'office-screening');
  await row.getByRole('button', { name: `按建议交办：${title}` }).click();
  await expect(page.getByRole('status')).toContainText('已交办');
  await expect(page.getByRole('row').filter({ hasText: title })).toHaveCount(0);
  await page.getByRole('button', { name: '退出登录' }).click();

  // The lead unit's handler: the item waits in 待签收 with its deadlines.
  await expect(page).toHaveURL(/\/staff\/login/);
  await page.goto('/unit');
  await signIn(page, 'transport.handler');
  await expect(page.getByRole('heading', { name: '单位办理' })).toBeVisible();
  await expect(page.getByRole('tab', { name: /待签收/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('row').filter({ hasText: title })).toContainText(/剩 \d+ 个工作日|今日到期/);
  await expectAccessible(page);
  await shot(page, 'unit-inbox');
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page.getByRole('cell', { name: unit('ECOLOGY').name, exact: true })).toBeVisible();
  // Before signing the api offers sign and return, not reply.
  await expect(page.getByRole('heading', { name: '答复' })).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, 'unit-item-to-sign');
  await page.getByRole('button', { name: '签收' }).click();
  await expect(page.getByRole('heading', { name: '答复', exact: true })).toBeVisible();

  // Not adopted needs a reason: the message shows at the field, nothing is sent.
  await page.getByText('不予采纳', { exact: true }).click();
  await page.getByLabel('答复内容').fill('经研究，该路口已有站点规划，将于明年实施。');
  await page.getByRole('button', { name: '提交答复' }).click();
  await expect(page.getByText('请填写不采纳理由。')).toBeVisible();
  await page.getByText('采纳', { exact: true }).click();

  // A photo of the site for the reply (made here, with GPS EXIF the api must drop): its connection
  // drops on the first try, the tile says so and offers a retry; then the preview is the api's thumbnail.
  const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#3a6a8a' } })
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 0/1' } })
    .jpeg()
    .toBuffer();
  const previews = page.getByTestId('reply-photo-previews');
  await page.context().setOffline(true);
  await page.getByLabel('选择图片').setInputFiles({ name: 'site.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(previews.getByRole('alert')).toContainText('网络连接中断');
  // Not sent while a photo has not uploaded.
  await page.getByRole('button', { name: '提交答复' }).click();
  await expect(page.getByText('请等图片上传完成，或删除上传失败的图片')).toBeVisible();
  await page.context().setOffline(false);
  await previews.getByRole('button', { name: '重试' }).click();
  await expect(previews.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText('请等图片上传完成，或删除上传失败的图片')).toHaveCount(0);
  await expect(previews.getByRole('img', { name: '第 1 张图片' })).toHaveAttribute('src', /\/photos\/[0-9a-f]{32}\/thumb\.jpg\?exp=/);
  await expect(previews.getByRole('button', { name: '删除第 1 张图片' })).toBeVisible();
  await expectAccessible(page);
  await shot(page, 'unit-item-reply');
  await page.getByRole('button', { name: '提交答复' }).click();
  await expect(page.getByText(/已答复|答复审核中/).first()).toBeVisible();
  await expect(page.getByRole('button', { name: '提交答复' })).toHaveCount(0);
  // The reply on the staff page shows its photo as a thumbnail linking to the full image.
  const staffThumb = page.getByTestId('photo-thumbs').getByRole('link', { name: '查看第 1 张图片大图' });
  await expect(staffThumb).toHaveAttribute('href', /\/photos\/[0-9a-f]{32}\/full\.jpg/);
  await expectAccessible(page);
  await shot(page, 'unit-item-replied');
  await page.getByRole('button', { name: '退出登录' }).click();

  // Another unit's handler: not in the inbox, and the item page says it is not there.
  await page.goto('/unit');
  await signIn(page, 'housing.handler');
  await expect(page.getByRole('heading', { name: '单位办理' })).toBeVisible();
  for (const tab of ['待签收', '办理中', '审核中']) {
    await page.getByRole('tab', { name: new RegExp(tab) }).click();
    await expect(page.getByRole('link', { name: title })).toHaveCount(0);
  }
  await page.goto(`/unit/items/${id}`);
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('heading', { name: title })).toHaveCount(0);
  // And the office workbench is not theirs: the guard sends them back to their own.
  await page.goto('/office');
  await expect(page).toHaveURL(/\/unit$/);
  const housing = await staffToken(request, 'housing.handler');
  expect((await gql(request, 'query($id: Int!) { suggestion(id: $id) { id } }', { id }, housing)).suggestion).toBeNull();

  // The public item page shows the reply's photo: a thumbnail linking to the full image anyone may
  // fetch, re-encoded without its EXIF.
  await page.goto(`/suggestions/${trackingNumber}`);
  const link = page.getByRole('link', { name: '查看第 1 张图片大图' });
  await expect(link).toBeVisible();
  await expect(link.getByRole('img')).toHaveAttribute('src', /^\/photos\/[0-9a-f]{32}\/thumb\.jpg$/);
  const full = await request.get((await link.getAttribute('href'))!);
  expect(full.status()).toBe(200);
  const meta = await sharp(await full.body()).metadata();
  expect(meta.exif).toBeUndefined();
  expect([meta.width, meta.height]).toEqual([800, 600]);
  await expectAccessible(page);
});
