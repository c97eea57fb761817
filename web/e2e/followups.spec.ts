import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { givenRepliedSuggestion, gql, staffToken } from './api';
import { accessible, shot, signInAt, signOut } from './staff';

// Issue 15 at 1440×900, the unit's follow-up calls and the admin's failed jobs:
// - the transport bureau answers an item; the office records the follow-up call (回访) through the
//   api; the bureau's handler reads its outcome and masked notes on the item page and on
//   /unit/callbacks; the housing bureau's handler sees none of it;
// - the admin retries a dead-lettered job on /admin/jobs; it leaves the list, runs, and the retry
//   is recorded.
test.use({ viewport: { width: 1440, height: 900 } });

const TASKS = 'query($s: Int) { callbackTasks(first: 20, suggestionId: $s) { totalCount edges { node { id status } } } }';

test('unit: reads the follow-up calls on the items it answered; another unit sees none', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'desktop', 'the workbench journeys run once, at 1440×900');
  const tag = String(Date.now()).slice(-6);
  const { id, trackingNumber } = await givenRepliedSuggestion(request, `回访测试${tag} 建议在站前路增设公交站`);

  // The callback.create job opens the call once the reply is out; the office records it.
  const office = await staffToken(request, 'coordinator');
  let taskId = 0;
  await expect.poll(async () => ((taskId = (await gql(request, TASKS, { s: id }, office)).callbackTasks.edges[0]?.node.id ?? 0), taskId)).toBeGreaterThan(0);
  await gql(request, 'mutation($i: CompleteCallbackTaskInput!) { completeCallbackTask(input: $i) { task { id } } }', {
    i: { id: taskId, outcome: 'REACHED_UNSATISFIED', note: `回访${tag}：居民希望尽快施工，留了新号码13912345678` },
  }, office);

  await signInAt(page, `/unit/items/${id}`, 'transport.handler');
  const calls = page.getByRole('region', { name: '回访' });
  const row = calls.getByRole('row').filter({ hasText: `回访${tag}` });
  await expect(row).toContainText('已回访·不满意');
  await expect(row).toContainText('已完成');
  await expect(row).toContainText('139****5678');
  await expect(row).toContainText(/1\d{2}\*{4}\d{4}/); // the author's phone, masked
  await expect(calls).not.toContainText('13912345678');
  await accessible(page);
  await shot(page, 'unit-item-callbacks');

  // The unit's list, from the menu; the tab lives in the URL.
  await page.getByRole('link', { name: '回访', exact: true }).click();
  await expect(page).toHaveURL(/\/unit\/callbacks$/);
  await expect(page.getByRole('row').filter({ hasText: trackingNumber })).toContainText('已回访·不满意');
  await page.getByRole('tab', { name: '已完成' }).click();
  await expect(page).toHaveURL(/\/unit\/callbacks\?status=DONE$/);
  await expect(page.getByRole('row').filter({ hasText: trackingNumber })).toBeVisible();
  await page.getByRole('tab', { name: '待回访' }).click();
  await expect(page).toHaveURL(/status=OPEN$/);
  await expect(page.getByRole('row').filter({ hasText: trackingNumber })).toHaveCount(0);
  await page.getByRole('tab', { name: '全部' }).click();
  await expect(page.getByRole('row').filter({ hasText: trackingNumber })).toBeVisible();
  await accessible(page);
  await shot(page, 'unit-callbacks');

  // The housing bureau handled nothing of it: neither the page nor the api shows its call.
  await signOut(page);
  await signInAt(page, '/unit/callbacks', 'housing.handler');
  await expect(page.getByRole('heading', { name: /回访情况/, level: 1 })).toBeVisible();
  await expect(page.locator('.el-loading-mask')).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: trackingNumber })).toHaveCount(0);
  expect((await gql(request, TASKS, { s: id }, await staffToken(request, 'housing.handler'))).callbackTasks.totalCount).toBe(0);
});

test('admin: retries a failed job from /admin/jobs; it runs again and the retry is recorded', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'desktop', 'the workbench journeys run once, at 1440×900');
  // No public call makes a job dead-letter in seconds (real failures retry for minutes), so the
  // journey writes one into the embedded start's outbox, as the runner leaves a job that gave up.
  const key = `pw-retry:${Date.now()}`;
  const db = new Database(join(process.env.WEB_TEST_DIR!, 'civicloop.sqlite'));
  db.pragma('busy_timeout = 5000');
  const at = new Date().toISOString().replace('T', ' ').replace('Z', '');
  try {
    db.prepare(`INSERT INTO outbox_messages (topic, payload, dedupeKey, availableAt, dispatchedAt, completedAt, attempts, lastError, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run('campaign.open', JSON.stringify({ campaignId: 1 }), key, at, at, at, 5, 'simulated failure for the retry journey', at);

    await signInAt(page, '/admin/jobs', 'admin');
    const row = page.getByRole('row').filter({ hasText: key });
    await expect(row).toContainText('simulated failure');
    await accessible(page);
    await row.getByRole('button', { name: `重试 campaign.open ${key}` }).click();
    await expect(page.getByRole('status')).toHaveText('campaign.open：已重新排队。');
    await expect(page.getByRole('row').filter({ hasText: key })).toHaveCount(0);
    await shot(page, 'admin-jobs-retry');

    // It ran (the row is done, its error cleared), so a second retry is refused with CONFLICT.
    await expect.poll(() => db.prepare('SELECT completedAt IS NOT NULL AND lastError IS NULL AS ok FROM outbox_messages WHERE dedupeKey = ?').get(key)).toEqual({ ok: 1 });
    const admin = await staffToken(request, 'admin');
    const again = await (await request.post('/graphql', {
      data: { query: 'mutation($i: RetryFailedJobInput!) { retryFailedJob(input: $i) { job { id } } }', variables: { i: { id: key } } },
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    })).json();
    expect(again.errors[0].extensions.code).toBe('CONFLICT');
    const adminId = (await gql(request, '{ me { id } }', {}, admin)).me.id;
    expect(db.prepare('SELECT jobName, driver, actorStaffId FROM job_retry_events WHERE jobId = ?').all(key)).toEqual([{ jobName: 'campaign.open', driver: 'sql', actorStaffId: adminId }]);
  } finally {
    db.close();
  }
});
