import { expect, test } from '@playwright/test';
import { gql, residentToken, staffToken, tabTo } from './api';
import { accessible, chooseByKeyboard, escapeRegExp, shot, signInAt, signOut } from './staff';

// The office's workbench beyond screening, at 1440×900: the lead unit's handler signs an item and
// asks for more time; the coordinator approves it on /office/extensions; the handler replies; the
// campaign asks for review, so the coordinator approves the reply on /office/reviews; then creates,
// opens and closes a campaign on /office/campaigns. Axe and a screenshot on every office page.
test.use({ viewport: { width: 1440, height: 900 } });

test('office: extension approved, reply in review approved, campaign created, opened and closed', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'desktop', 'the office journey runs once, at 1440×900');
  const tag = String(Date.now()).slice(-6);
  const title = `督办测试${tag} 建议延长夜间公交运营时间`;

  // Setup through the api: an open campaign whose replies need the office's review, an item in it,
  // assigned to the transport bureau.
  const coordinator = await staffToken(request, 'coordinator');
  const handler = await staffToken(request, 'transport.handler');
  const transportId: number = (await gql(request, '{ me { unitId } }', {}, handler)).me.unitId;
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  const reviewCampaign = (await gql(request, 'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { campaign { id } } }', {
    i: { year, title: `审核测试${tag}`, topic: '公共交通', description: '答复须经交办中心审核的征集。', categories: ['交通出行'], requireReplyReview: true,
      opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 30 * 86400_000).toISOString() },
  }, coordinator)).createCampaign.campaign;
  // Its opening time has passed, so the scheduled job may open it first: either way it ends up open.
  await gql(request, 'mutation($i: CampaignIdInput!) { openCampaign(input: $i) { campaign { id } } }', { i: { id: reviewCampaign.id } }, coordinator).catch(() => undefined);
  await expect.poll(async () => (await gql(request, 'query($id: Int!) { campaign(id: $id) { status } }', { id: reviewCampaign.id }, coordinator)).campaign.status).toBe('OPEN');
  const resident = await residentToken(request);
  const { id } = (await gql(request, 'mutation($i: SubmitSuggestionInput!) { submitSuggestion(input: $i) { suggestion { id } } }', {
    i: { campaignId: reviewCampaign.id, category: '交通出行', title, body: `${title}：末班车太早，夜班职工下班后无车可乘。`, consentToPublish: true, idempotencyKey: `office-${tag}` },
  }, resident)).submitSuggestion.suggestion;
  await gql(request, 'mutation($i: AssignSuggestionInput!) { assignSuggestion(input: $i) { suggestions { id } } }', { i: { suggestionIds: [id], leadUnitId: transportId } }, coordinator);

  try {
    // The handler signs, then asks for an extension; a reason is required and said at the field.
    await signInAt(page, `/unit/items/${id}`, 'transport.handler');
    await page.getByRole('button', { name: '签收' }).click();
    const extension = page.locator('.el-card').filter({ has: page.getByRole('heading', { name: '申请延期' }) });
    await extension.getByRole('button', { name: '申请延期' }).click();
    await expect(extension.getByText('请填写理由。')).toBeVisible();
    await extension.getByLabel('理由').fill('需会同公交集团测算夜班线路成本');
    await extension.getByRole('button', { name: '申请延期' }).click();
    // One request at a time: the form gives way to the pending notice, the history names it.
    await expect(page.getByRole('status').filter({ hasText: '延期申请已提交，待交办中心审批。' })).toBeVisible();
    await expect(extension).toHaveCount(0);
    await expect(page.locator('.el-timeline')).toContainText('申请延期');
    await accessible(page);
    await shot(page, 'unit-item-extension');
    await signOut(page);

    // The coordinator decides it on /office/extensions: the button names the new deadline.
    await signInAt(page, '/office/extensions', 'coordinator');
    await expect(page.getByRole('heading', { name: /待审批的延期申请/ })).toBeVisible();
    const request_ = page.getByRole('row').filter({ hasText: title });
    await expect(request_).toContainText('需会同公交集团测算夜班线路成本');
    await expect(request_).toContainText('延长 10 个工作日');
    await accessible(page);
    await shot(page, 'office-extensions');
    await request_.getByRole('button', { name: new RegExp(`^批准（新期限 .+）：${escapeRegExp(title)}$`) }).click();
    await expect(page.getByRole('status')).toContainText('已批准延期');
    await expect(page.getByRole('row').filter({ hasText: title })).toHaveCount(0);

    // 督办: the menu leads there, by keyboard too (Tab reaches the entry, Enter follows it); each row
    // carries its unit, deadline and working days overdue (from the api).
    await tabTo(page, page.getByRole('navigation', { name: '工作台菜单' }).getByRole('link', { name: '督办' }));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/office\/overdue$/);
    await expect(page.getByRole('heading', { name: /督办：超期事项/ })).toBeVisible();
    await expect(page.getByRole('table').first()).toBeVisible();
    await accessible(page);
    await shot(page, 'office-overdue');
    await signOut(page);

    // The handler replies; this campaign sends replies to review.
    await signInAt(page, `/unit/items/${id}`, 'transport.handler');
    await page.getByText('采纳', { exact: true }).click();
    await page.getByLabel('答复内容').fill('经与公交集团研究，下月起2路、8路末班车延后至23:00。');
    await page.getByRole('button', { name: '提交答复' }).click();
    await expect(page.getByText('答复审核中').first()).toBeVisible();
    await signOut(page);

    // The coordinator approves the reply on /office/reviews.
    await signInAt(page, '/office/reviews', 'coordinator');
    const card = page.locator('.el-card').filter({ has: page.getByRole('heading', { name: title }) });
    await expect(card).toContainText('末班车延后至23:00');
    await expect(card.getByRole('button', { name: `退回修改：${title}` })).toBeVisible();
    // The AA colours of theme.css hold over Element Plus's own :root, whatever order the stylesheets came in.
    await expect(card.locator('.el-tag--primary .el-tag__content')).toHaveCSS('color', 'rgb(11, 87, 208)');
    await expect(card.locator('.el-tag--success .el-tag__content')).toHaveCSS('color', 'rgb(30, 107, 53)');
    await accessible(page);
    await shot(page, 'office-reviews');
    await card.getByRole('button', { name: `审核通过：${title}` }).click();
    await expect(page.getByRole('status')).toContainText('答复已审核通过并发布');
    await expect(page.getByRole('heading', { name: title })).toHaveCount(0);
    const after = await gql(request, 'query($id: Int!) { suggestion(id: $id) { status } }', { id }, coordinator);
    expect(after.suggestion.status).toBe('REPLIED');

    // Campaigns: create one (the api numbers it), open it, close it; the filter stays in the URL.
    await page.getByRole('navigation', { name: '工作台菜单' }).getByText('征集活动').click();
    await expect(page.getByRole('heading', { name: /征集活动/ })).toBeVisible();
    await accessible(page);
    await shot(page, 'office-campaigns');
    const campaignTitle = `办公测试${tag} 优化营商环境`;
    await page.getByRole('button', { name: '新建征集活动' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '创建' }).click();
    await expect(dialog.getByText('请填写标题。')).toBeVisible();
    await dialog.getByLabel('标题').fill(campaignTitle);
    await dialog.getByLabel('主题').fill('营商环境');
    await dialog.getByLabel('说明').fill('征集优化营商环境的意见建议。');
    const local = (days: number) => new Date(Date.now() + days * 86400_000 + 8 * 3600_000).toISOString().slice(0, 16);
    await dialog.getByLabel('开始时间').fill(local(1));
    await dialog.getByLabel('截止时间').fill(local(31));
    await dialog.getByLabel('类别（以顿号或逗号分隔）').fill('营商环境、其他');
    await accessible(page);
    await shot(page, 'office-campaign-new');
    await dialog.getByRole('button', { name: '创建' }).click();
    await expect(page.getByRole('status')).toContainText(new RegExp(`已创建 ${year}年第\\d+期`));
    const row = page.getByRole('row').filter({ hasText: campaignTitle });
    await expect(row).toContainText('草稿');
    await expect(row.getByRole('button', { name: /^结束征集：/ })).toHaveCount(0);
    await row.getByRole('button', { name: /^开始征集：/ }).click();
    await expect(page.getByRole('status')).toContainText('已开始征集');
    await expect(row).toContainText('征集中');
    await row.getByRole('button', { name: /^结束征集：/ }).click();
    await expect(page.getByRole('status')).toContainText('已结束征集');
    await expect(row).toContainText('已结束');
    await expect(row.getByRole('button')).toHaveCount(0);
    // By keyboard: focus the filter, open it, pick 已结束.
    await chooseByKeyboard(page, page.getByRole('combobox', { name: '状态' }), '已结束');
    await expect(page).toHaveURL(/status=CLOSED/);
    await expect(page.getByRole('row').filter({ hasText: campaignTitle })).toBeVisible();

    // Routing rules and reply templates.
    await page.getByRole('navigation', { name: '工作台菜单' }).getByText('规则与模板').click();
    await expect(page.getByRole('heading', { name: '交办规则', exact: true })).toBeVisible();
    // The api lets only admins create routing rules: the coordinator is not offered it; templates, yes.
    await expect(page.getByRole('button', { name: '新建交办规则' })).toHaveCount(0);
    await expect(page.getByText('交办规则由系统管理员新建和修改。')).toBeVisible();
    await expect(page.getByRole('button', { name: '新建答复模板' })).toBeVisible();
    await accessible(page);
    await shot(page, 'office-rules');
  } finally {
    // Leave the public pages as the other journeys expect them: no extra open campaign.
    await gql(request, 'mutation($i: CampaignIdInput!) { closeCampaign(input: $i) { campaign { id } } }', { i: { id: reviewCampaign.id } }, coordinator).catch(() => undefined);
  }
});

test('office: the working-day calendar takes a local change; two new items bulk-assigned as suggested', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'desktop', 'the office journey runs once, at 1440×900');
  const tag = String(Date.now()).slice(-6);
  const coordinator = await staffToken(request, 'coordinator');
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  // The first Saturday of August this year, made a working day: past or far from today's deadlines, and removed at the end.
  const saturday = new Date(Date.UTC(year, 7, 1));
  saturday.setUTCDate(1 + ((6 - saturday.getUTCDay() + 7) % 7));
  const date = saturday.toISOString().slice(0, 10);
  const DAYS = 'query($y: Int!) { calendarDays(year: $y) { date kind name source } }';

  // Two new items whose text the demo's routing rules send to different units.
  const units: { id: number; code: string; name: string }[] = (await gql(request, '{ units(first: 100) { edges { node { id code name } } } }')).units.edges.map((e: any) => e.node);
  const unit = (code: string) => units.find((u) => u.code === code)!;
  const resident = await residentToken(request);
  const titles = [`批量交办${tag} 建议为老旧小区加装电梯`, `批量交办${tag} 建议修复滨江路口损坏的路灯`];
  const ids: number[] = [];
  for (const [i, title] of titles.entries()) {
    ids.push((await gql(request, 'mutation($i: SubmitSuggestionInput!) { submitSuggestion(input: $i) { suggestion { id } } }', {
      i: { campaignId: 1, category: i === 0 ? '城市建设' : '生态环境', title, body: `${title}，方便居民生活。`, consentToPublish: true, idempotencyKey: `bulk-${tag}-${i}` },
    }, resident)).submitSuggestion.suggestion.id);
  }

  try {
    // The calendar: official holidays and make-up days of this year, listed with their source.
    await signInAt(page, '/office/calendar', 'coordinator');
    await expect(page.getByRole('heading', { name: '工作日历' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: '工作台菜单' }).getByText('工作日历')).toBeVisible();
    const official = (await gql(request, DAYS, { y: year })).calendarDays.filter((d: { source: string }) => d.source !== 'admin');
    if (official.length) await expect(page.getByRole('row').filter({ hasText: official[0].date })).toContainText('国务院安排');
    // Saving without a date is stopped at the field.
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('请填写日期。')).toBeVisible();
    await page.getByLabel('日期', { exact: true }).fill(date);
    await chooseByKeyboard(page, page.getByRole('combobox', { name: '当天' }), '调休上班');
    await page.getByLabel('名称（可选）').fill(`防汛值守${tag}`);
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('status')).toContainText(`已保存 ${date} 的本地调整`);
    const row = page.getByRole('row').filter({ hasText: date });
    await expect(row).toContainText('调休上班');
    await expect(row).toContainText(`防汛值守${tag}`);
    await expect(row).toContainText('本地调整');
    expect((await gql(request, DAYS, { y: year })).calendarDays).toContainEqual({ date, kind: 'WORKDAY', name: `防汛值守${tag}`, source: 'admin' });
    // Only local changes can be removed here: no official row offers it.
    if (official.length) await expect(page.getByRole('row').filter({ hasText: official[0].date }).getByRole('button')).toHaveCount(0);
    await accessible(page);
    await shot(page, 'office-calendar');
    await row.getByRole('button', { name: `移除：${date}` }).click();
    await expect(page.getByRole('status')).toContainText(date);
    await expect.poll(async () => (await gql(request, DAYS, { y: year })).calendarDays.some((d: { date: string; source: string }) => d.date === date && d.source === 'admin')).toBe(false);

    // Bulk assign: tick both, one action, each assigned as its own proposal says.
    await page.getByRole('navigation', { name: '工作台菜单' }).getByText('交办中心').click();
    await expect(page).toHaveURL(/\/office$/);
    await expect(page.getByRole('row').filter({ hasText: titles[0] })).toContainText(`主办单位：${unit('HOUSING').name}`);
    await expect(page.getByRole('row').filter({ hasText: titles[1] })).toContainText(`主办单位：${unit('URBAN-MGMT').name}`);
    for (const title of titles) await page.getByRole('checkbox', { name: `选择：${title}` }).check();
    await accessible(page);
    await page.getByRole('button', { name: '批量按建议交办（2）' }).click();
    const results = page.getByRole('status').filter({ hasText: '批量交办' });
    await expect(results).toContainText('批量交办：2 条成功，0 条失败。');
    for (const title of titles) {
      await expect(results.getByRole('listitem').filter({ hasText: title })).toContainText('已交办');
      await expect(page.getByRole('row').filter({ hasText: title })).toHaveCount(0);
    }
    for (const [i, code] of ['HOUSING', 'URBAN-MGMT'].entries()) {
      const s = (await gql(request, 'query($id: Int!) { suggestion(id: $id) { status leadUnitId } }', { id: ids[i] }, coordinator)).suggestion;
      expect(s).toEqual({ status: 'ASSIGNED', leadUnitId: unit(code).id });
    }
  } finally {
    await gql(request, 'mutation($i: SetCalendarDayInput!) { setCalendarDay(input: $i) { date } }', { i: { date, kind: null } }, coordinator).catch(() => undefined);
  }
});
