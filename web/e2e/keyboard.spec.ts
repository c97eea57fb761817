import { expect, test } from '@playwright/test';
import { codeFor, expectFocusVisible, freshPhone, givenRepliedSuggestion, tabTo } from './api';

// Keyboard only: no click, no fill. Tab / Shift+Tab move, Enter / Space act, arrow keys choose.
// Each step checks where the focus landed and that the focus ring shows.

test.describe('keyboard only', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'desktop', 'keyboard journeys run once, at 1280×900'));

  test('the public searches the feed and opens an item', async ({ page, request }) => {
    const word = `kb${Date.now().toString(36)}`;
    const { trackingNumber } = await givenRepliedSuggestion(request, `建议延长图书馆开放时间 ${word}`);

    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: '跳到主要内容' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();

    // Back up into the navigation and follow it.
    await tabTo(page, page.getByRole('navigation').getByRole('link', { name: '建言公开' }), { back: true });
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/suggestions$/);
    await expect(page.locator('main')).toBeFocused(); // the new page starts at its content

    await page.keyboard.press('Tab');
    const query = page.getByLabel('关键词');
    await expect(query).toBeFocused();
    await expectFocusVisible(page);
    await page.keyboard.type(word);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toHaveText('找到 1 条建言');

    // The filters are native selects: arrow keys choose, and the search button is reachable.
    await tabTo(page, page.getByLabel('采纳情况'));
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel('采纳情况')).not.toHaveValue('');
    await page.keyboard.press('ArrowUp');
    await expect(page.getByLabel('采纳情况')).toHaveValue('');
    await tabTo(page, page.getByRole('button', { name: '搜索' }));

    await tabTo(page, page.getByRole('link', { name: new RegExp(word) }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/suggestions/${trackingNumber}$`));
    await expect(page.getByRole('heading', { name: '办理回复' })).toBeVisible();
    await expect(page.locator('main')).toBeFocused();
  });

  test('a resident signs in with the SMS code, submits and finds it in my suggestions', async ({ page }) => {
    const phone = freshPhone();
    const title = `建议在社区增设夜间照明 ${phone.slice(-4)}`;

    await page.goto('/me');
    await tabTo(page, page.getByLabel('手机号'));
    await page.keyboard.type(phone);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('验证码')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: '获取验证码' })).toBeFocused();
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: /秒后重发/ })).toBeVisible();
    // The disabled button gives the focus to the code field.
    await expect(page.getByLabel('验证码')).toBeFocused();
    await expectFocusVisible(page);
    await page.keyboard.type(await codeFor(phone));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: /您好/ })).toBeVisible();
    // The sign-in form is gone: the focus moves to the content instead of falling to <body>.
    await expect(page.locator('main')).toBeFocused();

    const category = page.getByLabel('类别');
    await tabTo(page, category);
    await page.keyboard.press('ArrowDown');
    await expect(category).not.toHaveValue('');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('标题')).toBeFocused();
    await expectFocusVisible(page);
    await page.keyboard.type(title);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('建言内容')).toBeFocused();
    await page.keyboard.type('小区东门到公交站的路段没有路灯，夜间出行不安全，建议增设照明。');

    // Vant's checkbox: reachable with Tab, toggled with Space.
    const consent = page.getByRole('checkbox', { name: /同意公开/ });
    await tabTo(page, consent);
    const before = await consent.getAttribute('aria-checked');
    await page.keyboard.press('Space');
    await expect(consent).not.toHaveAttribute('aria-checked', before!);
    if ((await consent.getAttribute('aria-checked')) !== 'true') await page.keyboard.press('Space');
    await expect(consent).toHaveAttribute('aria-checked', 'true');

    await tabTo(page, page.getByRole('button', { name: '提交', exact: true }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: '请核对后提交' })).toBeVisible();
    await tabTo(page, page.getByRole('button', { name: '提交建言' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: '提交成功' })).toBeVisible();
    const mine = page.getByTestId('my-suggestions');
    await expect(mine.getByRole('listitem').filter({ hasText: title })).toHaveCount(1);

    // Vant's tabs: the active one is in the Tab order, the arrow keys move between them.
    const mineTab = page.getByRole('tab', { name: '我的建言' });
    await tabTo(page, mineTab, { back: true });
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByRole('tab', { name: '我要建言' })).toBeFocused();
    await expect(page.getByRole('tab', { name: '我要建言' })).toHaveAttribute('aria-selected', 'true');
    await expectFocusVisible(page);
    await page.keyboard.press('ArrowRight');
    await expect(mineTab).toBeFocused();
    await expect(mineTab).toHaveAttribute('aria-selected', 'true');
    await expect(mine.getByRole('listitem').filter({ hasText: title })).toBeVisible();
  });
});
