import { expect, test } from '@playwright/test';
import { codeFor, expectAccessible, freshPhone, gql, replyThroughUnit, screenshot, staffToken } from './api';

// A resident on a phone: signs in with the SMS code, submits, loses the connection and reloads in
// the middle of the submit, submits again and still has exactly one item; after the unit replied,
// rates it.
test('resident: sign in, submit through a dropped connection, see it, rate the reply', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'phone', 'the resident journey runs at 390×844');
  const phone = freshPhone();
  const title = `建议增设公共自行车站点 ${phone.slice(-4)}`;

  await page.goto('/me');
  await page.getByLabel('手机号').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByRole('button', { name: /秒后重发/ })).toBeVisible();
  await page.getByLabel('验证码').fill(await codeFor(phone));
  await screenshot(page, info.project.name, 'me-sign-in');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: /您好/ })).toBeVisible();
  // The session is an HttpOnly cookie: page scripts cannot read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain('civicloop_session');

  await page.getByLabel('类别').selectOption('交通出行');
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('建言内容').fill('人民广场周边最近的公共自行车站点在一公里外，早晚高峰借车困难，建议增设。');
  await screenshot(page, info.project.name, 'me-submit');
  await expectAccessible(page);
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await expect(page.getByRole('heading', { name: '请核对后提交' })).toBeVisible();

  // The api receives and stores the first submit, but its answer never arrives.
  let dropped = false;
  await page.route('**/graphql', async (route) => {
    if (!dropped && route.request().postData()?.includes('SubmitSuggestion')) {
      dropped = true;
      await route.fetch();
      return route.abort('connectionreset');
    }
    return route.fallback();
  });
  await page.getByRole('button', { name: '提交建言' }).click();
  await expect(page.getByRole('alert')).toContainText('网络连接中断');
  await page.unroute('**/graphql');

  // Reload: the draft and its idempotency key are still there; submitting again replays the first.
  await page.reload();
  await expect(page.getByLabel('标题')).toHaveValue(title);
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await page.getByRole('button', { name: '提交建言' }).click();
  await expect(page.getByRole('status').filter({ hasText: '提交成功' })).toBeVisible();
  const mine = page.getByTestId('my-suggestions');
  await expect(mine.getByRole('listitem').filter({ hasText: title })).toHaveCount(1);
  await expect(mine.getByText('已提交').first()).toBeVisible();
  await screenshot(page, info.project.name, 'me-my-suggestions');

  // Exactly one item, as the office sees it too.
  const coordinator = await staffToken(request, 'coordinator');
  const queue = await gql(request, '{ screeningQueue(first: 100) { edges { node { id title } } } }', {}, coordinator);
  const items = queue.screeningQueue.edges.filter((e: any) => e.node.title === title);
  expect(items).toHaveLength(1);

  await replyThroughUnit(request, items[0].node.id);
  await page.reload();
  await page.getByRole('tab', { name: '我的建言' }).click();
  const item = mine.getByRole('listitem').filter({ hasText: title });
  await expect(item.getByText('我局已研究')).toBeVisible();
  await item.getByRole('radiogroup').getByText('满意', { exact: true }).click();
  await expect(item.getByRole('radio', { checked: true })).toContainText('满意');
  await item.getByLabel('意见（可选）').fill('回复及时，谢谢。');
  await screenshot(page, info.project.name, 'me-rate');
  await item.getByRole('button', { name: '提交评价' }).click();
  await expect(item.locator('.tag').first()).toHaveText('已办结');
  await expect(item.getByText('已评价：满意')).toBeVisible();
  await expectAccessible(page);
});
