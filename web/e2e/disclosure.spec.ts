import { expect, test } from '@playwright/test';
import { gql, staffToken } from './api';
import { accessible, chooseByKeyboard, shot, signInAt } from './staff';

// The office's disclosure ledger (依申请公开) at 1440×900: the coordinator registers a request (stopped
// at an empty required field first), extends it, records the legal review by keyboard, decides it, sees
// its history; then the annual report for this year with its consistency check and downloads. The
// auditor reads the ledger and is offered nothing. Axe and a screenshot on every page.
test.use({ viewport: { width: 1440, height: 900 } });

const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
/** yyyy-mm-dd in Shanghai, `days` from today. */
const shanghaiDate = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86400_000));
const ENTRY = 'query($n: String) { disclosureRequest(ledgerNumber: $n) { id status outcome extensionWorkingDays legalReviewer history { action } } }';

test('disclosure: the coordinator registers, extends, reviews and decides a request, then checks the annual report', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'desktop', 'the disclosure journey runs once, at 1440×900');
  // Letters in the tag: the api masks digit runs that read as a phone number (a tag like 054957 before
  // "2026" reads as 0549-572026), and the row is found by its subject.
  const tag = Date.now().toString(36).slice(-6);
  const subject = `公开测试${tag} 2026年城区道路改造项目的招标文件`;

  await signInAt(page, '/office/disclosure', 'coordinator');
  await expect(page.getByRole('heading', { name: /依申请公开登记簿/ })).toBeVisible();
  await expect(page.getByRole('navigation', { name: '工作台菜单' }).getByRole('link', { name: '依申请公开' })).toHaveAttribute('aria-current', 'page');
  await accessible(page);

  // Register: stopped at the empty required field, then through with the api's due date.
  await page.getByRole('button', { name: '登记申请' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('申请人姓名或名称').fill('王小明');
  await dialog.getByLabel('联系电话').fill('1234567'); // long enough to send, not a number the api takes
  await chooseByKeyboard(page, dialog.getByRole('combobox', { name: '申请方式' }), '网上申请');
  await dialog.getByLabel('申请内容').fill('申请公开2026年城区道路改造项目的招标文件及中标结果。');
  // Received by letter yesterday morning (the browser runs in Asia/Shanghai, as the ledger counts).
  await dialog.getByLabel('收到时间（不填为现在）').fill(`${shanghaiDate(-1)}T09:00`);
  await dialog.getByRole('button', { name: '登记', exact: true }).click();
  await expect(dialog.getByText('请填写所需信息（简述）。')).toBeVisible();
  await dialog.getByLabel('所需信息（简述）').fill(subject);
  await expect(dialog.getByText('请填写所需信息（简述）。')).toHaveCount(0);
  // The api's refusal of the number comes back to its field.
  await dialog.getByRole('button', { name: '登记', exact: true }).click();
  await expect(dialog.getByText('“联系电话”填写不符合要求，请检查。')).toBeVisible();
  await dialog.getByLabel('联系电话').fill('13812345678');
  await expect(dialog.getByText('“联系电话”填写不符合要求，请检查。')).toHaveCount(0);
  await accessible(page);
  await shot(page, 'office-disclosure-register');
  await dialog.getByRole('button', { name: '登记', exact: true }).click();
  const registered = page.getByRole('status').filter({ hasText: '已登记' });
  await expect(registered).toContainText(new RegExp(`已登记 YSQ${year}-\\d{4}，答复期限 \\d{4}/\\d{2}/\\d{2}`));
  const ledgerNumber = (await registered.textContent())!.match(/YSQ\d{4}-\d{4}/)![0];
  const row = page.getByRole('row').filter({ hasText: subject });
  await expect(row).toContainText(ledgerNumber);
  await expect(row).toContainText('办理中');
  await expect(row).toContainText('王*'); // the api masks a natural person's name

  // Filters live in the URL: 办理中 keeps the row, 已答复 drops it.
  await chooseByKeyboard(page, page.getByRole('combobox', { name: '状态' }), '办理中');
  await expect(page).toHaveURL(/status=IN_PROGRESS/);
  await expect(row).toBeVisible();
  await page.goto('/office/disclosure?status=DECIDED');
  await expect(page.getByRole('heading', { name: /依申请公开登记簿/ })).toBeVisible();
  await expect(page.locator('.el-loading-mask')).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: subject })).toHaveCount(0);
  await page.goto('/office/disclosure?status=IN_PROGRESS');
  await accessible(page);
  await shot(page, 'office-disclosure');

  // The entry: no decision before the legal review; the one extension is offered.
  await page.getByRole('link', { name: ledgerNumber }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`^${ledgerNumber} · `) })).toBeVisible();
  await expect(page.getByText('作出答复前须先记录合法性审核。')).toBeVisible();
  await expect(page.getByRole('heading', { name: '作出答复' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '要求补正' })).toBeVisible();
  await accessible(page);
  await shot(page, 'office-disclosure-entry');

  // Extend (once): the reason is required and said at the field; afterwards the form is gone.
  const extendCard = page.locator('.el-card').filter({ has: page.getByRole('heading', { name: '延长答复期限' }) });
  await extendCard.getByRole('button', { name: '延期' }).click();
  await expect(extendCard.getByText('请填写延期理由（告知申请人）。')).toBeVisible();
  await extendCard.getByLabel('延期理由（告知申请人）').fill('所需信息涉及第三方，需征求其意见');
  await extendCard.getByRole('button', { name: '延期' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已延期。' })).toBeFocused();
  await expect(page.getByRole('heading', { name: '延长答复期限' })).toHaveCount(0);
  await expect(page.getByText('已延期 10 个工作日 · 所需信息涉及第三方，需征求其意见')).toBeVisible();

  // The legal review by keyboard: Tab to the reviewer, type, Enter submits.
  const reviewer = page.getByLabel('审核机构及审核人');
  for (let i = 0; i < 20 && !(await reviewer.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(reviewer).toBeFocused();
  // theme.css draws the ring on Element Plus's visible box around the input, not on the input.
  await expect(page.locator('.el-input__wrapper').filter({ has: reviewer })).toHaveCSS('outline-style', 'solid');
  await page.keyboard.type('市司法局 李审核');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '已记录合法性审核。' })).toBeVisible();
  await expect(page.getByText('市司法局 李审核 ·')).toBeVisible();

  // Decide: only now offered; the outcome is required.
  const decideCard = page.locator('.el-card').filter({ has: page.getByRole('heading', { name: '作出答复' }) });
  await decideCard.getByRole('button', { name: '记录答复' }).click();
  await expect(decideCard.getByText('请填写办理结果。')).toBeVisible();
  await chooseByKeyboard(page, decideCard.getByRole('combobox', { name: '办理结果' }), '予以公开');
  await decideCard.getByLabel('答复摘要（可选）').fill('已通过电子邮件提供招标文件及中标公告。');
  await decideCard.getByRole('button', { name: '记录答复' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已记录答复' })).toBeVisible();
  await expect(page.locator('.el-descriptions')).toContainText('已答复');
  await expect(page.locator('.el-descriptions')).toContainText('予以公开');
  // Nothing of the open request is offered any more; the follow-up call is.
  for (const gone of ['记录合法性审核', '要求补正', '作出答复']) await expect(page.getByRole('heading', { name: gone })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '完成回访' })).toBeVisible();

  // The contact, for the call: revealed on request, and the reveal is in the history.
  await page.getByRole('button', { name: '查看联系方式' }).click();
  await expect(page.getByText('王小明，13812345678')).toBeVisible();
  // An administrative review against the reply: recorded pending, then concluded (upheld), once.
  await page.getByRole('button', { name: '登记行政复议或行政诉讼…' }).click();
  const caseCard = page.locator('.el-card').filter({ has: page.getByRole('heading', { name: '登记行政复议或行政诉讼' }) });
  await chooseByKeyboard(page, caseCard.getByRole('combobox', { name: '类型' }), '行政复议');
  await caseCard.getByLabel('立案（申请）时间').fill(`${shanghaiDate(0)}T00:00`);
  await caseCard.getByLabel('案号（可选）').fill(`宜府复〔${year}〕${tag}号`);
  await caseCard.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已登记。' })).toBeVisible();
  const caseRow = page.getByRole('row').filter({ hasText: `宜府复〔${year}〕${tag}号` });
  await expect(caseRow).toContainText('尚未审结');
  await chooseByKeyboard(page, caseRow.getByRole('combobox', { name: '审结结果' }), '结果维持');
  await caseRow.getByRole('button', { name: '记录审结' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已记录审结。' })).toBeVisible();
  await expect(caseRow).toContainText('结果维持');
  await expect(caseRow.getByRole('button', { name: '记录审结' })).toHaveCount(0);

  const history = page.locator('.el-timeline');
  for (const step of ['登记', '延期', '合法性审核', '答复', '查看联系方式', '登记复议或诉讼', '复议或诉讼审结']) await expect(history).toContainText(step);
  await expect(history).toContainText('行政复议 · 结果维持');
  await accessible(page);
  await shot(page, 'office-disclosure-decided');

  const coordinator = await staffToken(request, 'coordinator');
  const stored = (await gql(request, ENTRY, { n: ledgerNumber }, coordinator)).disclosureRequest;
  expect(stored).toEqual(expect.objectContaining({ status: 'DECIDED', outcome: 'DISCLOSED', extensionWorkingDays: 10, legalReviewer: '市司法局 李审核' }));
  expect(stored.history.map((h: { action: string }) => h.action)).toEqual(
    expect.arrayContaining(['REGISTERED', 'EXTENDED', 'LEGAL_REVIEW_RECORDED', 'DECIDED', 'CONTACT_REVEALED']),
  );

  // The annual report for this year: the tables, the check, and downloads that work with the session.
  await page.getByRole('navigation', { name: '工作台菜单' }).getByRole('link', { name: '年度报告' }).click();
  await expect(page).toHaveURL(/\/office\/disclosure\/report$/);
  await expect(page.getByRole('heading', { name: '三、收到和处理政府信息公开申请情况' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '四、政府信息公开行政复议、行政诉讼情况' })).toBeVisible();
  const report = (await gql(request, 'query($y: Int!) { disclosureAnnualReport(year: $y) { consistent sectionThree { rows { key total } } sectionFour { administrativeReview { upheld total } } } }', { y: year })).disclosureAnnualReport;
  expect(report.sectionFour.administrativeReview.upheld).toBeGreaterThan(0);
  const review = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '行政复议', exact: true }) });
  await expect(review.getByRole('cell').first()).toHaveText(String(report.sectionFour.administrativeReview.upheld));
  await expect(review.getByRole('cell').last()).toHaveText(String(report.sectionFour.administrativeReview.total));
  const total = (key: string) => String(report.sectionThree.rows.find((r: { key: string }) => r.key === key).total);
  expect(Number(total('RECEIVED'))).toBeGreaterThan(0);
  expect(report.consistent).toBe(true);
  await expect(page.locator('tr[data-row="RECEIVED"] td').last()).toHaveText(total('RECEIVED'));
  await expect(page.locator('tr[data-row="DISCLOSED"] td').last()).toHaveText(total('DISCLOSED'));
  await expect(page.locator('tr[data-row="DECIDED_TOTAL"]')).toContainText('（七）总计');
  await expect(page.locator('.dl-check')).toContainText('✓ 每一列均满足');
  const xlsx = page.getByRole('link', { name: 'Excel' });
  await expect(xlsx).toHaveAttribute('href', `/exports/disclosure-report/${year}.xlsx`);
  const download = await page.request.get(`/exports/disclosure-report/${year}.md`);
  expect(download.status()).toBe(200);
  expect(await download.text()).toContain('三、收到和处理政府信息公开申请情况');
  await accessible(page);
  await shot(page, 'office-disclosure-report');

  // Another year by keyboard: the year field, ArrowDown, and the URL keeps it.
  await page.getByRole('spinbutton', { name: '年度' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page).toHaveURL(new RegExp(`year=${year - 1}`));
});

test('disclosure: the auditor reads the ledger and its report and is offered nothing to do', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'desktop', 'the disclosure journey runs once, at 1440×900');
  const coordinator = await staffToken(request, 'coordinator');
  const subject = `审计查阅${String(Date.now()).slice(-6)} 政府采购合同`;
  const { id, ledgerNumber } = (await gql(request, 'mutation($i: RegisterDisclosureRequestInput!) { registerDisclosureRequest(input: $i) { request { id ledgerNumber } } }', {
    i: { applicantType: 'COMMERCIAL_ENTERPRISE', applicantName: '宜春某某建设有限公司', contactPhone: '0795-3273397', channel: 'LETTER', subject, content: '申请公开政府采购合同文本。' },
  }, coordinator)).registerDisclosureRequest.request;

  // The ledger is the auditor's one workbench: /office sends them there.
  await signInAt(page, '/office', 'auditor', '/office/disclosure');
  await expect(page.getByText('你可以查阅登记簿；登记和办理由交办中心进行。')).toBeVisible();
  await expect(page.getByRole('button', { name: '登记申请' })).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: subject })).toContainText('宜春某某建设有限公司');
  await page.getByRole('link', { name: ledgerNumber }).click();
  await expect(page).toHaveURL(new RegExp(`/office/disclosure/${id}$`));
  await expect(page.getByRole('heading', { name: new RegExp(`^${ledgerNumber} · `) })).toBeVisible();
  await expect(page.getByRole('heading', { name: '可办理事项' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '查看联系方式' })).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);
  await expect(page.locator('.el-timeline')).toContainText('登记');
  await accessible(page);
  await page.getByRole('navigation', { name: '工作台菜单' }).getByRole('link', { name: '年度报告' }).click();
  await expect(page.getByRole('heading', { name: '三、收到和处理政府信息公开申请情况' })).toBeVisible();
  await accessible(page);
});
