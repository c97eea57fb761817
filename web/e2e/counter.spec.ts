import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible, freshPhone, gql, staffToken, tabTo } from './api';
import { setPasswordCode, shot } from './staff';

// The counter workbench at 1440×900: an administrator creates a COUNTER_CLERK through the api (as
// admin.spec.ts does on the page), who signs in, lands on /counter, is stopped at an empty
// required field, records a suggestion by keyboard for a resident at the desk (channel 窗口) and
// gets its tracking number; the api holds it with that channel, once; the recorded lookup by the
// resident's phone lists it.
test.use({ viewport: { width: 1440, height: 900 } });

/** Tab until `target` has the focus; Element Plus draws the ring on the visible box around it (`box`), not the input. */
async function tabToBox(page: Page, target: Locator, box: string): Promise<void> {
  for (let i = 0; i < 10 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
  expect(await target.evaluate((el, sel) => getComputedStyle(el.closest(sel)!).outlineStyle, box)).toBe('solid');
}

test('counter: a clerk records a suggestion for a resident at the desk and finds it by phone', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'desktop', 'the workbench journeys run once, at 1440×900');
  const tag = String(Date.now()).slice(-6);
  const username = `counter.${tag}`;
  const password = `窗口密码-${tag}-civicloop`;
  const clerkPhone = `137${String(Date.now()).slice(-8)}`;
  const residentPhone = freshPhone();
  const title = `窗口代录：社区菜市场早市时间调整${tag}`;

  // A counter clerk, made by the administrator through the api; the code sets the password.
  const admin = await staffToken(request, 'admin');
  await gql(request, 'mutation($i: CreateStaffUserInput!) { createStaffUser(input: $i) { staffUser { id } } }', {
    i: { username, displayName: `市民服务中心 窗口${tag}`, phone: clerkPhone, roles: ['COUNTER_CLERK'] },
  }, admin);
  const code = await setPasswordCode(clerkPhone);
  await gql(request, 'mutation($i: SetPasswordWithCodeInput!) { setPasswordWithCode(input: $i) { accessToken } }', { i: { username, code, newPassword: password } });

  // Signs in and lands on the counter workbench (their only one).
  await page.goto('/staff/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/counter$/);
  await expect(page.getByRole('heading', { name: '窗口代录与查询', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: '工作台菜单' }).getByRole('link', { name: '窗口代录' })).toBeVisible();
  await expect(page.locator('.el-select').filter({ has: page.locator('#counter-campaignId') })).toContainText('城市品质提升建言征集');
  await expect(page.getByRole('radio', { name: '窗口' })).toBeChecked();

  // An empty required field stops the form here, said at the field, and the focus goes there.
  const submit = page.getByRole('button', { name: '录入建言' });
  await submit.click();
  await expect(page.getByText('请填写居民手机号。')).toBeVisible();
  await expect(page.locator('#counter-phone')).toBeFocused();

  // The rest by keyboard: phone, (name skipped), category by arrow keys, title, body, then submit.
  await page.keyboard.type(residentPhone);
  await expect(page.getByText('请填写居民手机号。')).toHaveCount(0); // gone once the field changed
  await tabToBox(page, page.getByRole('radio', { name: '城市建设' }), '.el-radio');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: '交通出行' })).toBeChecked();
  await tabToBox(page, page.locator('#counter-title'), '.el-input__wrapper');
  await page.keyboard.type(title);
  await page.keyboard.press('Tab');
  await expect(page.locator('#counter-body')).toBeFocused();
  await page.keyboard.type('居民到窗口反映：菜市场早市六点才开门，上班族来不及买菜，建议提前到五点半。');
  await expectAccessible(page);
  await shot(page, 'counter-intake');
  await tabTo(page, submit);
  await page.keyboard.press('Enter');
  const recorded = page.getByTestId('counter-recorded');
  await expect(recorded).toContainText('已录入，编号');
  const trackingNumber = (await recorded.textContent())!.replace(/^.*编号\s*/, '').trim();
  expect(trackingNumber).toMatch(/\S{9,}/);

  // The api has it once, with the channel the clerk chose (read through the coordinator's lookup).
  const coordinator = await staffToken(request, 'coordinator');
  const held = (await gql(request, 'query($p: String!) { residentItemsByPhone(phone: $p, reason: "e2e: check the counter intake") { totalCount edges { node { trackingNumber channel title status } } } }', { p: residentPhone }, coordinator)).residentItemsByPhone;
  expect(held.totalCount).toBe(1);
  expect(held.edges[0].node).toMatchObject({ trackingNumber, channel: 'COUNTER', title, status: 'SUBMITTED' });

  // The lookup by that phone lists it, and says the lookup is recorded.
  await page.getByRole('tab', { name: '按手机号查询' }).click();
  await expect(page).toHaveURL(/tab=lookup/);
  await expect(page.getByText('每次查询都会记录查询人、查询原因和时间')).toBeVisible();
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByText('请填写居民手机号。')).toBeVisible(); // nothing asked (or recorded) without a phone
  await expect(page.getByLabel('查询原因（会被记录）')).toHaveValue('居民到窗口查询建言办理情况');
  await page.getByLabel('居民手机号').fill(residentPhone);
  await page.getByRole('button', { name: '查询' }).click();
  const row = page.getByRole('row').filter({ hasText: trackingNumber });
  await expect(row).toContainText(title);
  await expect(row).toContainText('窗口');
  await expect(row).toContainText('待甄别');
  await expect(row).toContainText('尚无已发布的答复');
  await expectAccessible(page);
  await shot(page, 'counter-lookup');
});
