import { expect, test } from '@playwright/test';
import { expectAccessible, gql, givenRepliedSuggestion, screenshot, staffToken } from './api';

test('the public finds a replied suggestion in the feed, searches it and opens it', async ({ page, request }, info) => {
  const word = `pw${Date.now().toString(36)}`;
  const { trackingNumber } = await givenRepliedSuggestion(request, `建议优化公交线路 ${word}`);

  await page.goto('/');
  await expect(page.getByTestId('year-sentence')).toContainText('共发布');
  await expect(page.getByRole('link', { name: /第1期/ })).toBeVisible();
  await screenshot(page, info.project.name, 'home');
  await expectAccessible(page);

  await page.getByRole('navigation').getByRole('link', { name: '建言公开' }).click();
  await expect(page.getByRole('link', { name: new RegExp(word) })).toBeVisible();
  await page.getByLabel('关键词').fill(word);
  await page.getByRole('button', { name: '搜索' }).click();
  await expect(page.getByRole('status')).toHaveText('找到 1 条建言');
  await screenshot(page, info.project.name, 'suggestions');
  await expectAccessible(page);

  await page.getByRole('link', { name: new RegExp(word) }).click();
  await expect(page).toHaveURL(new RegExp(`/suggestions/${trackingNumber}$`));
  await expect(page.getByRole('heading', { name: '办理回复' })).toBeVisible();
  await expect(page.getByText('按时回复')).toBeVisible();
  await expect(page.getByRole('heading', { name: '办理进度' })).toBeVisible();
  await screenshot(page, info.project.name, 'suggestion');
  await expectAccessible(page);

  // Anonymous tracking: what trackSuggestion returns, nothing more.
  await page.goto('/track');
  await page.getByLabel('建言编号').fill(trackingNumber);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByText('已回复').first()).toBeVisible();
  await screenshot(page, info.project.name, 'track');
  await expectAccessible(page);

  await page.goto('/campaigns/1');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('第1期');
  await screenshot(page, info.project.name, 'campaign');
  await expectAccessible(page);

  await page.getByRole('link', { name: /交通/ }).first().click();
  await expect(page).toHaveURL(/\/units\/\d+$/);
  await expect(page.getByText('按时回复率')).toBeVisible();
  await screenshot(page, info.project.name, 'unit');
  await expectAccessible(page);
});

test('the ranking page shows a published round with its chart', async ({ page, request }, info) => {
  const coordinator = await staffToken(request, 'coordinator');
  const quarter = '2026Q3';
  const round = await gql(request, 'query($q: String!) { awardRound(quarter: $q) { status } }', { q: quarter }, coordinator);
  if (round.awardRound?.status !== 'PUBLISHED') {
    await gql(request, 'mutation($q: String!) { computeAwardRound(input: { quarter: $q }) { round { status } } }', { q: quarter }, coordinator);
    await gql(request, 'mutation($q: String!) { publishAwardRound(input: { quarter: $q }) { round { status } } }', { q: quarter }, coordinator);
  }
  await page.goto('/rankings');
  await expect(page.getByRole('heading', { name: `最佳服务之星 · ${quarter}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: '最佳民众建言奖' })).toBeVisible();
  // The weights are named, and the chart holds the ranked units only (their scores, never '—').
  await expect(page.getByText(/权重：响应率 \d+(\.\d)?%、按时办结率/)).toBeVisible();
  const chart = page.getByRole('img', { name: /^综合得分图：/ }).first();
  await expect(chart).toBeVisible();
  expect(await chart.getAttribute('aria-label')).not.toContain('—');
  await screenshot(page, info.project.name, 'rankings');
  await expectAccessible(page);
});

test('the statistics page downloads a file', async ({ page }, info) => {
  await page.goto('/statistics');
  await expect(page.locator('.headline')).toContainText('共发布');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^civicloop-statistics-\d{4}\.csv$/);
  await screenshot(page, info.project.name, 'statistics');
  await expectAccessible(page);
});

test('an anonymous visitor reads the disclosure annual report and downloads it as CSV', async ({ page }, info) => {
  test.skip(info.project.name !== 'desktop', 'once is enough');
  await page.goto('/statistics');
  await expect(page.getByRole('heading', { name: '政府信息公开年度报告' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '四、政府信息公开行政复议、行政诉讼情况' })).toBeVisible();
  await expect(page.getByRole('region', { name: '四、政府信息公开行政复议、行政诉讼情况' }).getByRole('rowheader', { name: '行政复议' })).toBeVisible();
  // The formatted files need a staff token: an anonymous visitor is not offered them.
  await expect(page.getByRole('link', { name: '下载年报（Excel）' })).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载年报（CSV）' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^civicloop-disclosure-report-\d{4}\.csv$/);
  const { readFileSync } = await import('node:fs');
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain('四、政府信息公开行政复议、行政诉讼情况');
  expect(csv).toContain('"行政复议"');
  await expectAccessible(page);
});

test('a lost connection shows a retry, not a blank page', async ({ page }) => {
  await page.route('**/graphql', (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await expect(page.getByRole('alert')).toContainText('网络连接中断');
  await page.unroute('**/graphql');
  await page.getByRole('button', { name: '重试' }).click();
  await expect(page.getByTestId('year-sentence')).toBeVisible();
});
