import { expect, test } from '@playwright/test';
import { expectAccessible, givenRepliedSuggestion, gql, staffToken } from './api';
import { shot, signIn } from './staff';

// Issue 15 at 1440×900: an evaluator (金秤砣) marks a published reply on /review and follows the
// office's answer to the opinion; the office computes a quarter's round on /office/review with the
// final-rating basis, reads a unit's explanation, publishes, and the public rankings show it.
test.use({ viewport: { width: 1440, height: 900 } });

test('evaluator: marks a reply on the rubric with an opinion, then sees the office’s answer', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'desktop', 'the workbench journeys run once, at 1440×900');
  const tag = String(Date.now()).slice(-6);
  const title = `评议测试${tag} 建议在站前路增设公交站`;
  const { trackingNumber } = await givenRepliedSuggestion(request, title);

  await page.goto('/review');
  await expect(page).toHaveURL(/\/staff\/login\?next=/);
  await signIn(page, 'evaluator');
  await expect(page.getByRole('heading', { name: '金秤砣评议', level: 1 })).toBeVisible();
  const card = page.getByRole('article', { name: title });
  await expect(card).toContainText('我局已研究');
  await expect(card).toContainText(trackingNumber);
  // The resident is masked by the api: no full name, never a phone number.
  await expect(card).not.toContainText(/1[3-9]\d{9}/);

  // All three marks are needed: the message shows at the first one missing, nothing is sent.
  await card.getByRole('radiogroup', { name: `及时性：${trackingNumber}` }).getByText('5', { exact: true }).click();
  await card.getByRole('button', { name: `提交评议：${trackingNumber}` }).click();
  await expect(card.getByText('请为每一项打分（1–5 分）。')).toBeVisible();
  await card.getByRole('radiogroup', { name: `答复质量：${trackingNumber}` }).getByText('4', { exact: true }).click();
  await card.getByRole('radiogroup', { name: `服务态度：${trackingNumber}` }).getByText('5', { exact: true }).click();
  const opinion = `评议意见${tag}：答复具体，建议公布站点建设时间表。`;
  await card.getByLabel('评议意见（可选）').fill(opinion);
  await expectAccessible(page);
  await shot(page, 'review-evaluator');
  await card.getByRole('button', { name: `提交评议：${trackingNumber}` }).click();
  await expect(page.getByRole('status')).toContainText('评议已提交');
  await expect(page.getByRole('article', { name: title })).toHaveCount(0);
  const mine = page.getByRole('listitem').filter({ hasText: opinion });
  await expect(mine).toContainText('待答复');
  await expect(mine).toContainText('尚未答复');

  // The office answers the opinion; the evaluator follows it.
  const coordinator = await staffToken(request, 'coordinator');
  const reviews = (await gql(request, '{ evaluatorReviews(first: 50, withOpinionOnly: true) { edges { node { opinion { id body } } } } }', {}, coordinator)).evaluatorReviews.edges;
  const opinionId = reviews.map((e: any) => e.node.opinion).find((o: any) => o?.body === opinion).id;
  await gql(request, 'mutation($i: AnswerEvaluatorOpinionInput!) { answerEvaluatorOpinion(input: $i) { opinion { status } } }', { i: { opinionId, answer: '已转交交通局，站点建设时间表将于下月公布。' } }, coordinator);
  await page.reload();
  await expect(page.getByRole('listitem').filter({ hasText: opinion })).toContainText('已转交交通局');
  await expect(page.getByRole('listitem').filter({ hasText: opinion })).toContainText('已答复');
  // Every reply, reviewed ones included, through the filter kept in the URL.
  await page.getByRole('switch', { name: '只看未评议' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/all=1/);
  await expect(page.getByRole('article', { name: title })).toContainText('已评议');
  await expectAccessible(page);
  await shot(page, 'review-evaluator-answered');
});

test('office: computes a quarter with the final-rating basis, explains a score, publishes; /rankings shows it', async ({ page }, info) => {
  test.skip(info.project.name !== 'desktop', 'the workbench journeys run once, at 1440×900');
  // 2026Q2: an ended quarter the demo leaves without a round (the demo publishes the last one).
  const quarter = '2026Q2';
  await page.goto(`/office/review?quarter=${quarter}`);
  await expect(page).toHaveURL(/\/staff\/login\?next=/);
  await signIn(page, 'coordinator');
  await expect(page.getByRole('heading', { name: '季度评选', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: '工作台菜单' }).getByRole('link', { name: '季度评选' })).toHaveAttribute('aria-current', 'page');

  // Weights must sum to 1: said beside the weights, nothing is sent.
  const response = page.getByLabel('响应率权重');
  await response.fill('0.3');
  await response.blur();
  await expect(page.getByText(/权重合计 1\.09（须为 1）/).first()).toBeVisible();
  await page.getByRole('button', { name: '按此设置计算' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '权重合计' })).toBeVisible();
  await response.fill('0.21');
  await response.blur();
  await page.getByText('仅计最终评价').click();
  await expect(page.getByText('重办件只计本季度最终一次评价')).toBeVisible();
  await page.getByRole('button', { name: '按此设置计算' }).click();
  await expect(page.getByRole('status')).toContainText('已计算');
  await expect(page.getByText('已计算', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: '单位得分' })).toBeVisible();
  await expect(page.getByText('满意率计算口径（重办件）：重办件只计本季度最终一次评价')).toBeVisible();

  // A unit's explanation, from its row.
  const unit = '市交通运输局'; // the demo's TRANSPORT unit
  await page.getByRole('button', { name: `说明：${unit}` }).click();
  const explanation = page.getByRole('group', { name: `${unit}的得分说明` });
  await expect(page.getByRole('heading', { name: `${unit}的得分说明` })).toBeFocused();
  await expect(explanation).toContainText('重办件只计本季度最终一次评价');
  await expect(explanation.getByRole('rowheader', { name: /满意率/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Excel（全部）' })).toHaveAttribute('href', `/exports/awards?quarter=${quarter}&format=xlsx`);
  await expectAccessible(page);
  await shot(page, 'office-review');

  // Publishing asks once more, then the round is frozen: no settings, no compute, no publish.
  await page.getByRole('button', { name: '发布评选结果…' }).click();
  await expect(page.getByText(`发布后结果将公开并冻结，不能再修改。确认发布 ${quarter}？`)).toBeVisible();
  await page.getByRole('button', { name: '确认发布' }).click();
  await expect(page.getByRole('status')).toContainText('已发布');
  await expect(page.getByText('已发布的评选结果不能再修改。', { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: '按此设置计算' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '发布评选结果…' })).toHaveCount(0);
  await shot(page, 'office-review-published');

  // The public ranking page offers the quarter and shows it.
  await page.goto('/rankings');
  await page.getByLabel('季度').selectOption(quarter);
  await expect(page.getByRole('heading', { name: `最佳服务之星 · ${quarter}` })).toBeVisible();
});

test('office: a round published meanwhile by another coordinator shows “changed, reload”, then frozen', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'desktop', 'the workbench journeys run once, at 1440×900');
  const quarter = '2026Q1';
  await page.goto(`/office/review?quarter=${quarter}`);
  await signIn(page, 'coordinator');
  await expect(page.getByRole('button', { name: '按此设置计算' })).toBeVisible();
  // Meanwhile, through the api: computed and published.
  const coordinator = await staffToken(request, 'coordinator');
  await gql(request, 'mutation($q: String!) { computeAwardRound(input: { quarter: $q }) { round { status } } }', { q: quarter }, coordinator);
  await gql(request, 'mutation($q: String!) { publishAwardRound(input: { quarter: $q }) { round { status } } }', { q: quarter }, coordinator);
  await page.getByRole('button', { name: '按此设置计算' }).click();
  const alert = page.getByRole('alert').filter({ hasText: '数据已被他人改动，请刷新后再操作。' });
  await expect(alert).toBeVisible();
  await alert.getByRole('button', { name: '刷新' }).click();
  await expect(page.getByText('已发布的评选结果不能再修改。')).toBeVisible();
  await expect(page.getByRole('button', { name: '按此设置计算' })).toHaveCount(0);
});
