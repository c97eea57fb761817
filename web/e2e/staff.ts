import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';
import { SMS_FILE, expectAccessible } from './api';

// What the staff workbench journeys share: signing in and out, axe after Element Plus settles,
// screenshots into docs/screenshots/, and the set-password code from the development SMS file.

/** A full-page screenshot to docs/screenshots/<name>.png (the workbenches run at one size, so no project suffix). */
export const shot = (page: Page, name: string) =>
  page.screenshot({ path: fileURLToPath(new URL(`../../docs/screenshots/${name}.png`, import.meta.url)), fullPage: true });

/** Axe once Element Plus's loading mask has faded out: half-way through its fade it greys the text under it. */
export async function accessible(page: Page): Promise<void> {
  await expect(page.locator('.el-loading-mask')).toHaveCount(0);
  await expectAccessible(page);
}

/** `s` as a literal inside a RegExp. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Picks `option` in an Element Plus select by keyboard (focus, Enter, the option) and waits until
 * the select shows it. On a loaded machine the click can land while the dropdown is still opening
 * and be lost, so the whole pick is retried until the select holds the choice.
 */
export async function chooseByKeyboard(page: Page, combobox: Locator, option: string): Promise<void> {
  const select = combobox.locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " el-select ")][1]');
  await expect(async () => {
    if (!(await page.getByRole('option', { name: option, exact: true }).isVisible())) {
      await combobox.focus();
      await page.keyboard.press('Enter');
    }
    await page.getByRole('option', { name: option, exact: true }).click({ timeout: 3000 });
    await expect(select).toContainText(option, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
}

/** Fills the staff sign-in form on the current page and submits it. */
export async function signIn(page: Page, username: string, password = 'civicloop-demo'): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/**
 * Opens `path` signed out, is sent to the sign-in page, signs in and, unless `landing` is null,
 * expects to arrive at `landing` (by default the page asked for).
 */
export async function signInAt(page: Page, path: string, username: string, landing: string | null = path): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/staff\/login\?next=/);
  await signIn(page, username);
  if (landing !== null) await expect(page).toHaveURL(new RegExp(`${escapeRegExp(landing)}$`));
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/staff\/login/);
}

/** The latest set-password code the development SMS gateway wrote for this phone. */
export async function setPasswordCode(phone: string): Promise<string> {
  let code = '';
  await expect.poll(() => {
    try {
      for (const line of readFileSync(SMS_FILE, 'utf8').trim().split('\n')) {
        const m = JSON.parse(line);
        if (m.to === phone && m.template === 'STAFF_SET_PASSWORD') code = m.params.code;
      }
    } catch { /* not written yet */ }
    return code;
  }).not.toBe('');
  return code;
}
