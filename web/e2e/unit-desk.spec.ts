import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { SMS_FILE, givenRepliedSuggestion, gql, residentToken, staffToken } from './api';
import { accessible, shot, signInAt, signOut } from './staff';

// The unit workbench beyond the inbox, at 1440×900: a co-organising unit signs for its part and
// writes its contribution, which the lead unit then reads; a handler replies to two items at once
// from the inbox; the unit's evaluator reviews; the unit admin creates a handler and a template.
// Axe on each new page and dialog; screenshots into docs/screenshots/unit-*.png.
test.use({ viewport: { width: 1440, height: 900 } });

/** Presses 加载更多 until `target` shows (the inbox lists soonest deadline first, new items last). */
async function loadUntilVisible(page: Page, target: Locator): Promise<void> {
  const more = page.getByRole('button', { name: '加载更多' });
  for (let i = 0; i < 20; i++) {
    // Wait for the page of rows to arrive: either the target or the button for the next page shows.
    await expect(target.or(more).first()).toBeVisible();
    await expect(page.locator('.el-loading-mask')).toHaveCount(0);
    if (await target.isVisible()) break;
    await more.click();
  }
  await expect(target).toBeVisible();
}

/** A resident's new item in the demo campaign, assigned by the coordinator to `lead` (and co-units). */
async function givenAssigned(request: APIRequestContext, title: string, leadUnitId: number, coUnitIds: number[] = []): Promise<number> {
  const resident = await residentToken(request);
  const { id } = (await gql(request, 'mutation($i: SubmitSuggestionInput!) { submitSuggestion(input: $i) { suggestion { id } } }', {
    i: { campaignId: 1, category: '交通出行', title, body: `${title}：早晚高峰排队很长，建议调整。`, consentToPublish: true, idempotencyKey: `unit-desk-${Date.now()}-${Math.random().toString(36).slice(2, 8)}` },
  }, resident)).submitSuggestion.suggestion;
  const coordinator = await staffToken(request, 'coordinator');
  await gql(request, 'mutation($i: AssignSuggestionInput!) { assignSuggestion(input: $i) { suggestions { id } } }', { i: { suggestionIds: [id], leadUnitId, coUnitIds } }, coordinator);
  return id;
}
const unitOf = async (request: APIRequestContext, username: string): Promise<number> => (await gql(request, '{ me { unitId } }', {}, await staffToken(request, username))).me.unitId;

test('co-organiser: signs for its part, is stopped without text, writes its contribution; the lead unit reads it', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'desktop', 'the unit journeys run once, at 1440×900');
  const tag = String(Date.now()).slice(-6);
  const [transport, housing] = [await unitOf(request, 'transport.handler'), await unitOf(request, 'housing.handler')];
  const id = await givenAssigned(request, `协办测试${tag} 建议公交站台加装雨棚`, transport, [housing]);
  const part = '我局可在站台改造时同步设计雨棚基础，预计三个月内完成。';

  await signInAt(page, `/unit/items/${id}`, 'housing.handler');
  const card = page.locator('.el-card').filter({ has: page.getByRole('heading', { name: '协办意见' }) });
  // The lead unit's actions are not offered to a co-organiser.
  await expect(page.getByRole('button', { name: '签收', exact: true })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '答复' })).toHaveCount(0);
  await card.getByRole('button', { name: '协办签收' }).click();
  await expect(card.getByRole('status')).toHaveText('已协办签收。');
  await card.getByRole('button', { name: '提交协办意见' }).click();
  await expect(card.getByText('请填写协办意见。')).toBeVisible();
  await card.getByLabel('协办意见').fill(part);
  await card.getByRole('button', { name: '提交协办意见' }).click();
  await expect(card.getByRole('status')).toHaveText('协办意见已保存。');
  await expect(card.getByRole('button', { name: '更新协办意见' })).toBeVisible();
  await expect(page.locator('.el-timeline')).toContainText('协办签收');
  await expect(page.locator('.el-timeline')).toContainText('协办意见');
  await accessible(page);
  await shot(page, 'unit-item-co');

  // The api holds the part on the co-organiser's assignment.
  const lead = await staffToken(request, 'transport.handler');
  const { suggestion } = await gql(request, 'query($id: Int!) { suggestion(id: $id) { assignments { unitId role signedAt contribution } } }', { id }, lead);
  expect(suggestion.assignments.find((a: { role: string }) => a.role === 'CO')).toMatchObject({ unitId: housing, contribution: part });
  await signOut(page);

  // The lead unit reads it under 协办意见 on the same page.
  await signInAt(page, `/unit/items/${id}`, 'transport.handler');
  const parts = page.locator('section.staff-section').filter({ has: page.getByRole('heading', { name: '协办意见' }) });
  await expect(parts).toContainText('市住房和城乡建设局的协办意见');
  await expect(parts).toContainText(part);
  await expect(page.locator('.co-part')).toHaveCount(0);
});

test('bulk reply: a handler ticks two items in progress and answers both at once', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'desktop', 'the unit journeys run once, at 1440×900');
  const tag = String(Date.now()).slice(-6);
  const transport = await unitOf(request, 'transport.handler');
  const handler = await staffToken(request, 'transport.handler');
  const titles = [`批量答复${tag}甲 建议增开夜班公交`, `批量答复${tag}乙 建议夜班公交延长至零点`];
  const ids: number[] = [];
  for (const title of titles) {
    const id = await givenAssigned(request, title, transport);
    await gql(request, 'mutation($i: SuggestionIdInput!) { signSuggestion(input: $i) { suggestion { id } } }', { i: { suggestionId: id } }, handler);
    ids.push(id);
  }

  await signInAt(page, '/unit?tab=IN_PROGRESS', 'transport.handler');
  for (const title of titles) {
    const tick = page.getByRole('checkbox', { name: `选择：${title}` });
    await loadUntilVisible(page, tick);
    await tick.check();
  }
  await page.getByRole('button', { name: '批量答复（2）' }).click();
  const dialog = page.getByRole('dialog', { name: '批量答复 2 条事项' });
  await expect(dialog).toContainText(titles[0]!);
  await expect(dialog).toContainText(titles[1]!);
  await dialog.getByRole('button', { name: '发送答复' }).click();
  await expect(dialog.getByText('请填写采纳情况。')).toBeVisible();
  await dialog.getByText('采纳', { exact: true }).click();
  await dialog.getByLabel('答复内容').fill('我局已研究，将于下季度调整夜班公交线路并延长运营时间。');
  await expect(dialog.getByText('请填写采纳情况。')).toHaveCount(0);
  await expect(dialog.getByText('请填写答复内容。')).toHaveCount(0);
  await accessible(page);
  await shot(page, 'unit-inbox-bulk');
  await dialog.getByRole('button', { name: '发送答复' }).click();
  await expect(dialog).toBeHidden();
  const results = page.locator('.inbox-bulk-results');
  await expect(results).toContainText('已答复 2 条事项。');
  for (const title of titles) await expect(results).toContainText(title);
  await accessible(page);

  // The api: both answered (published, as the demo campaign needs no review).
  for (const id of ids) {
    const { suggestion } = await gql(request, 'query($id: Int!) { suggestion(id: $id) { status replies { adoption } } }', { id }, handler);
    expect(suggestion).toMatchObject({ status: 'REPLIED', replies: [{ adoption: 'ADOPTED' }] });
  }
});

test('evaluator reviews: the unit reads the panel’s marks and opinion, then the office’s answer; handlers get no admin page', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'desktop', 'the unit journeys run once, at 1440×900');
  const tag = String(Date.now()).slice(-6);
  const { id } = await givenRepliedSuggestion(request, `评议测试${tag} 建议增设公交站点`);
  const handler = await staffToken(request, 'transport.handler');
  const replyId: number = (await gql(request, 'query($id: Int!) { suggestion(id: $id) { replies { id } } }', { id }, handler)).suggestion.replies[0].id;
  const evaluator = await staffToken(request, 'evaluator');
  const opinion = `答复${tag}未说明站点选址依据，建议补充。`;
  const review = (await gql(request, 'mutation($i: EvaluateReplyInput!) { evaluateReply(input: $i) { review { opinion { id } } } }', {
    i: { replyId, timeliness: 5, substance: 3, attitude: 4, opinion },
  }, evaluator)).evaluateReply.review;

  await signInAt(page, '/unit/reviews', 'transport.handler');
  await expect(page.getByRole('heading', { name: /评议意见/, level: 1 })).toBeVisible();
  // The menu names the page; the unit admin's page is not offered to a handler.
  await expect(page.getByRole('navigation', { name: '工作台菜单' }).getByRole('link', { name: '评议意见' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('link', { name: '单位管理' })).toHaveCount(0);
  await page.getByRole('switch', { name: '只看有意见的' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/opinion=1/);
  const row = page.getByRole('row').filter({ hasText: opinion });
  await expect(row).toContainText('待答复');
  await expect(row).toContainText('及时性 5 · 实质内容 3 · 态度 4');
  await expect(row.getByRole('link', { name: `#${id}` })).toHaveAttribute('href', `/unit/items/${id}`);
  await expect(page.getByRole('note')).toContainText('回访任务由交办中心办理');
  await accessible(page);
  await shot(page, 'unit-reviews');

  // The office answers (through the api); the unit sees the answer after a reload.
  const coordinator = await staffToken(request, 'coordinator');
  await gql(request, 'mutation($i: AnswerEvaluatorOpinionInput!) { answerEvaluatorOpinion(input: $i) { opinion { status } } }', { i: { opinionId: review.opinion.id, answer: `已请交通局${tag}补充选址依据。` } }, coordinator);
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: opinion })).toContainText(`已答复`);
  await expect(page.getByRole('row').filter({ hasText: opinion })).toContainText(`已请交通局${tag}补充选址依据。`);

  // A handler asking for /unit/admin is sent back to the inbox.
  await page.goto('/unit/admin');
  await expect(page).toHaveURL(/\/unit$/);
});

test('unit admin: creates a handler (stopped at the empty username), deactivates and reactivates them, adds a reply template', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'desktop', 'the unit journeys run once, at 1440×900');
  const tag = String(Date.now()).slice(-6);
  const username = `housing.h${tag}`;
  const phone = `137${String(Date.now()).slice(-8)}`;

  await signInAt(page, '/unit/admin', 'housing.admin');
  await expect(page.getByRole('heading', { name: '单位管理', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: '工作台菜单' }).getByRole('link', { name: '单位管理' })).toHaveAttribute('aria-current', 'page');
  // Their own account and the unit's handlers; no buttons on their own row.
  const self = page.getByRole('row').filter({ hasText: 'housing.admin' });
  await expect(self).toContainText('（本人）');
  await expect(self.getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: 'transport.handler' })).toHaveCount(0);

  const form = page.locator('.el-card').filter({ has: page.getByRole('heading', { name: '新增经办人' }) });
  await form.getByLabel('姓名').fill(`住建局 经办人${tag}`);
  await form.getByLabel('手机号（接收设置密码的验证码）').fill(phone);
  await form.getByRole('button', { name: '创建' }).click();
  await expect(form.getByText('请填写用户名。')).toBeVisible();
  await form.getByLabel('用户名').fill(username);
  await accessible(page);
  await form.getByRole('button', { name: '创建' }).click();
  await expect(page.getByRole('status')).toContainText(`${username}：已创建`);
  const row = page.getByRole('row').filter({ hasText: username });
  await expect(row).toContainText('经办人');
  await expect(row).toContainText('启用');
  await accessible(page);
  await shot(page, 'unit-admin-staff');

  // Deactivate: the row leaves the list of active accounts; with deactivated ones (in the URL) it shows, and comes back.
  await row.getByRole('button', { name: `停用：${username}` }).click();
  await expect(page.getByRole('status')).toContainText(`${username}：已更新。`);
  await expect(page.getByRole('row').filter({ hasText: username })).toHaveCount(0);
  await page.getByRole('switch', { name: '包含已停用账号' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/inactive=1/);
  await expect(page.getByRole('row').filter({ hasText: username })).toContainText('已停用');
  await page.getByRole('button', { name: `启用：${username}` }).click();
  await expect(page.getByRole('row').filter({ hasText: username })).toContainText('启用');
  await page.getByRole('button', { name: `重置密码：${username}` }).click();
  await expect(page.getByRole('status')).toContainText(`${username}：已重置`);

  // The handler sets a password with the latest code sent to their phone, and signs in to the unit's inbox.
  const codes = readFileSync(SMS_FILE, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((m) => m.to === phone && m.template === 'STAFF_SET_PASSWORD');
  expect(codes.length).toBe(2);
  const password = `新密码-${tag}-civicloop`;
  await gql(request, 'mutation($i: SetPasswordWithCodeInput!) { setPasswordWithCode(input: $i) { expiresInSeconds } }', { i: { username, code: codes.at(-1).params.code, newPassword: password } });
  const token = (await gql(request, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { username, password } })).login.accessToken;
  const me = (await gql(request, '{ me { roles unitId } }', {}, token)).me;
  expect(me).toEqual({ roles: ['UNIT_HANDLER'], unitId: await unitOf(request, 'housing.admin') });

  // A reply template for the unit: the body is required.
  await page.getByRole('tab', { name: '答复模板' }).click();
  await expect(page).toHaveURL(/tab=templates/);
  const tform = page.locator('.el-card').filter({ has: page.getByRole('heading', { name: '新增答复模板' }) });
  const title = `老旧小区改造${tag}`;
  await tform.getByLabel('模板名称').fill(title);
  await tform.getByRole('button', { name: '创建' }).click();
  await expect(tform.getByText('请填写模板内容。')).toBeVisible();
  await tform.getByLabel('模板内容').fill('您反映的小区已列入本年度老旧小区改造计划，我局将按计划组织实施。');
  await tform.getByRole('button', { name: '创建' }).click();
  await expect(page.getByRole('status')).toContainText(`已新增答复模板：${title}。`);
  const own = page.locator('section').filter({ has: page.getByRole('heading', { name: '本单位答复模板' }) });
  await expect(own.getByRole('row').filter({ hasText: title })).toBeVisible();
  await accessible(page);
  await shot(page, 'unit-admin-templates');
  // The unit's handlers may use it: it is the unit's in the api.
  const templates = (await gql(request, '{ replyTemplates { title unitId } }', {}, await staffToken(request, 'housing.handler'))).replyTemplates;
  expect(templates).toContainEqual({ title, unitId: await unitOf(request, 'housing.admin') });
});
