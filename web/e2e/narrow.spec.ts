import { expect, test, type Page } from '@playwright/test';
import { codeFor, expectAccessible, freshPhone, givenRepliedSuggestion } from './api';

// The smallest common phone width: 360×740. Nothing may scroll sideways and axe finds no serious or
// critical violation, on every public page and on /me signed out and signed in.
test.use({ viewport: { width: 360, height: 740 } });

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => {
    const wide = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.table-scroll, [aria-hidden="true"]'))
      .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth, wide };
  });
  expect(widths.scroll, `wider than the screen: ${widths.wide.join(', ')}`).toBeLessThanOrEqual(widths.inner);
}

test.describe('360 px wide', () => {
  test.beforeEach(({}, info) => test.skip(info.project.name !== 'phone', 'runs once, in the phone project'));

  test('public pages fit and pass axe', async ({ page, request }) => {
    const { trackingNumber } = await givenRepliedSuggestion(request, `建议在老旧小区加装电梯并公开进度安排 ${Date.now().toString(36)}`);
    const pages: [string, string | RegExp][] = [
      ['/', '共发布'], ['/suggestions', '找到'], [`/suggestions/${trackingNumber}`, '办理回复'], ['/track', '进度查询'],
      ['/campaigns/1', '第1期'], ['UNIT', '按时回复率'], ['/rankings', /最佳|暂无|尚未/], ['/statistics', /统计|数据/], ['/me', '获取验证码'],
    ];
    let unit = '';
    for (const [at, text] of pages) {
      const path = at === 'UNIT' ? unit : at;
      await test.step(path, async () => {
        await page.goto(path);
        await expect(page.locator('main')).toContainText(text);
        await expectNoSidewaysScroll(page);
        await expectAccessible(page);
        const units = page.locator('main a[href^="/units/"]');
        if (!unit && await units.count()) unit = (await units.first().getAttribute('href')) ?? '';
      });
    }
  });

  test('/me signed in fits and passes axe on every tab', async ({ page }) => {
    const phone = freshPhone();
    await page.goto('/me');
    await page.getByLabel('手机号').fill(phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByLabel('验证码').fill(await codeFor(phone));
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('heading', { name: /您好/ })).toBeVisible();
    for (const tab of ['我要建言', '我的建言', '温馨提醒', '设置']) {
      await test.step(tab, async () => {
        await page.getByRole('tab', { name: tab }).click();
        await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
        await expectNoSidewaysScroll(page);
        await expectAccessible(page);
      });
    }
  });
});
