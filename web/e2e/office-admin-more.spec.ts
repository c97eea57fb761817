import { expect, test } from '@playwright/test';
import { gql, staffToken } from './api';
import { accessible, chooseByKeyboard, shot, signInAt } from './staff';

// Issue 15's remaining office and admin pages at 1440×900: the coordinator's statistics for any
// period (URL-kept, chart, table, exports, the api's period error at the field); the administrator
// edits a unit and a staff account's roles on /admin, reads the notification channels' state and
// the failed jobs page. Axe and a screenshot on each.
test.use({ viewport: { width: 1440, height: 900 } });

const STATS = 'query($f: String!, $t: String!, $g: StatisticsGroupBy!) { statistics(from: $f, to: $t, groupBy: $g) { total { received replied adopted } groups { key label figures { received } } } }';

test('office: statistics for a period, by month and by intake channel, with exports', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'desktop', 'the workbench journeys run once, at 1440×900');
  const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const coordinator = await staffToken(request, 'coordinator');
  const byMonth = (await gql(request, STATS, { f: from, t: to, g: 'MONTH' }, coordinator)).statistics;
  expect(byMonth.total.received).toBeGreaterThan(0); // the demo's closed loop of last quarter

  await signInAt(page, `/office/statistics?from=${from}&to=${to}`, 'coordinator', null);
  await expect(page.getByRole('heading', { name: '统计分析', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: '统计分析' })).toHaveAttribute('aria-current', 'page');
  // The whole period's figures are the api's.
  const total = page.locator('.stats-figures');
  await expect(total.locator('div').filter({ hasText: '收到建言' }).locator('dd')).toHaveText(String(byMonth.total.received));
  await expect(total.locator('div').filter({ hasText: '已答复' }).locator('dd')).toHaveText(String(byMonth.total.replied));
  // One row per month the api returned, and a chart labelled with the same figures.
  for (const g of byMonth.groups) {
    await expect(page.getByRole('row').filter({ has: page.getByRole('cell', { name: g.label, exact: true }) }).locator('td').nth(1)).toHaveText(String(g.figures.received));
  }
  await expect(page.getByRole('img', { name: new RegExp(`${from} 至 ${to} 按月`) })).toBeVisible();
  await expect(page.locator('.chart svg')).toBeVisible();
  await accessible(page);
  await shot(page, 'office-statistics');

  // By intake channel, chosen with the keyboard; the grouping is kept in the URL.
  await chooseByKeyboard(page, page.getByRole('combobox', { name: '分组方式' }), '按来源渠道');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(/groupBy=CHANNEL/);
  const byChannel = (await gql(request, STATS, { f: from, t: to, g: 'CHANNEL' }, coordinator)).statistics;
  const online = byChannel.groups.find((g: { key: string }) => g.key === 'ONLINE');
  expect(online).toBeTruthy();
  await expect(page.getByRole('row').filter({ has: page.getByRole('cell', { name: '网上提交', exact: true }) }).locator('td').nth(1)).toHaveText(String(online.figures.received));
  await expect(page.getByRole('heading', { name: '按来源渠道' })).toBeVisible();

  // The export links carry the same period and grouping, and answer with a file for this session.
  const xlsx = page.getByRole('link', { name: 'Excel' });
  await expect(xlsx).toHaveAttribute('href', `/exports/statistics?from=${from}&to=${to}&groupBy=CHANNEL&format=xlsx`);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
  await accessible(page);
  await shot(page, 'office-statistics-channel');

  // An end before the start: said at the end date, nothing asked; the same period in the URL is refused
  // by the api, said at the same field.
  await page.getByLabel('开始日期').fill(`${year}-06-01`);
  await page.getByLabel('结束日期').fill(`${year}-05-01`);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.locator('.el-form-item').filter({ has: page.getByLabel('结束日期') })).toContainText('结束日期不能早于开始日期。');
  await expect(page).toHaveURL(new RegExp(`to=${to}`));
  await page.goto(`/office/statistics?from=${year}-06-01&to=${year}-05-01`);
  await expect(page.locator('.el-form-item').filter({ has: page.getByLabel('结束日期') })).toContainText('无法统计该期间');
  await expect(page.getByRole('heading', { name: '合计' })).toHaveCount(0);
});

test('admin: edits a unit and a staff account, reads the channels and the failed jobs', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'desktop', 'the workbench journeys run once, at 1440×900');
  const tag = String(Date.now()).slice(-6);
  const admin = await staffToken(request, 'admin');
  // Through the api: a unit and a handler in it.
  const unit = (await gql(request, 'mutation($i: CreateUnitInput!) { createUnit(input: $i) { unit { id } } }', { i: { code: `E${tag}`, name: `编辑局${tag}`, kind: 'DEPARTMENT' } }, admin)).createUnit.unit;
  const username = `edit.${tag}`;
  await gql(request, 'mutation($i: CreateStaffUserInput!) { createStaffUser(input: $i) { staffUser { id } } }', {
    i: { username, displayName: `编辑局${tag} 经办人`, roles: ['UNIT_HANDLER'], unitId: unit.id, phone: `137${String(Date.now()).slice(-8)}` },
  }, admin);

  await signInAt(page, '/admin', 'admin', null);
  await expect(page.getByRole('heading', { name: '系统管理', level: 1 })).toBeVisible();

  // The unit: renamed, made a district, with a parent chosen in the dialog.
  await page.getByRole('button', { name: `编辑：编辑局${tag}` }).click();
  const unitDialog = page.getByRole('dialog', { name: `编辑单位：编辑局${tag}` });
  await unitDialog.getByLabel('名称').fill('');
  await unitDialog.getByRole('button', { name: '保存' }).click();
  await expect(unitDialog.getByText('请填写名称。')).toBeVisible();
  await unitDialog.getByLabel('名称').fill(`改名局${tag}`);
  await chooseByKeyboard(page, unitDialog.getByRole('combobox', { name: '类型' }), '区');
  await accessible(page);
  await shot(page, 'admin-unit-edit');
  await unitDialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toContainText(`改名局${tag}：已保存。`);
  await expect(page.getByRole('row').filter({ hasText: `E${tag}` })).toContainText(`改名局${tag}`);
  await expect(page.getByRole('row').filter({ hasText: `E${tag}` })).toContainText('区');
  const units = (await gql(request, '{ units(first: 100) { edges { node { id name kind } } } }', {}, admin)).units.edges.map((e: { node: unknown }) => e.node);
  expect(units).toContainEqual({ id: unit.id, name: `改名局${tag}`, kind: 'DISTRICT' });

  // The handler becomes the unit's admin too (the staff filter in the URL); an empty name is stopped at the field.
  await page.goto(`/admin?tab=staff&unit=${unit.id}`);
  await page.getByRole('button', { name: `编辑：${username}` }).click();
  const staffDialog = page.getByRole('dialog', { name: `编辑工作人员：${username}` });
  await expect(staffDialog.locator('.el-select').filter({ has: page.getByRole('combobox', { name: '所属单位' }) })).toContainText(`改名局${tag}`);
  await staffDialog.getByLabel('姓名').fill('');
  await staffDialog.locator('label').filter({ hasText: '单位管理员' }).click(); // Element Plus hides the native box under its own
  await expect(staffDialog.getByRole('checkbox', { name: '单位管理员' })).toBeChecked();
  await staffDialog.getByRole('button', { name: '保存' }).click();
  await expect(staffDialog.getByText('请填写姓名。')).toBeVisible();
  await staffDialog.getByLabel('姓名').fill(`改名局${tag} 负责人`);
  await accessible(page);
  await shot(page, 'admin-staff-edit');
  await staffDialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toContainText(`${username}：已保存。`);
  await expect(page.getByRole('row').filter({ hasText: username })).toContainText('单位管理员');
  await expect(page.getByRole('row').filter({ hasText: username })).toContainText(`改名局${tag} 负责人`);
  const staff = (await gql(request, 'query($u: Int) { staffUsers(first: 20, unitId: $u) { edges { node { username displayName roles unitId } } } }', { u: unit.id }, admin)).staffUsers.edges.map((e: { node: { username: string } }) => e.node);
  const edited = staff.find((s: { username: string }) => s.username === username);
  expect(edited).toMatchObject({ displayName: `改名局${tag} 负责人`, unitId: unit.id });
  expect([...edited.roles].sort()).toEqual(['UNIT_ADMIN', 'UNIT_HANDLER']);

  // Settings: the channels as the embedded start routes them (no webhook: SMS to the development file, staff to the log).
  await page.getByRole('tab', { name: '设置' }).click();
  await expect(page).toHaveURL(/tab=settings/);
  await expect(page.getByRole('row').filter({ hasText: '短信（居民）' })).toContainText('开发用短信文件');
  await expect(page.getByRole('row').filter({ hasText: 'Webhook（工作人员）' })).toContainText('未启用');
  await expect(page.getByRole('row').filter({ hasText: '日志（工作人员）' })).toContainText('启用');
  const channels = (await gql(request, '{ notificationChannels { channels { channel sent } } }', {}, admin)).notificationChannels.channels;
  const sms = channels.find((c: { channel: string }) => c.channel === 'SMS');
  await expect(page.getByRole('row').filter({ hasText: '短信（居民）' }).locator('td').nth(3)).toHaveText(String(sms.sent));
  await accessible(page);
  await shot(page, 'admin-settings');

  // Failed jobs: from the menu; the embedded start has no queue dashboard and says so.
  await page.getByRole('link', { name: '失败任务' }).click();
  await expect(page).toHaveURL(/\/admin\/jobs$/);
  await expect(page.getByRole('heading', { name: /失败任务/, level: 1 })).toBeVisible();
  const failed = (await gql(request, '{ failedJobs(first: 100) { id } queueDashboardPath }', {}, admin));
  expect(failed.queueDashboardPath).toBeNull();
  await expect(page.getByText('当前为嵌入式运行（无 Redis）')).toBeVisible();
  if (failed.failedJobs.length) await expect(page.getByRole('row').filter({ hasText: failed.failedJobs[0].id })).toBeVisible();
  else await expect(page.getByText('没有失败的任务')).toBeVisible();
  await accessible(page);
  await shot(page, 'admin-jobs');

  // The coordinator's menu has no failed jobs (the api answers them to admins only).
  await page.getByRole('button', { name: '退出登录' }).click();
  await signInAt(page, '/admin/jobs', 'coordinator', null);
  await expect(page).toHaveURL(/\/office$/);
  await expect(page.getByRole('link', { name: '失败任务' })).toHaveCount(0);
});
