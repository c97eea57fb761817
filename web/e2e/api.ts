import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// Test data is built through the public GraphQL API, as any client would (no database access).

export const SMS_FILE = join(process.env.WEB_TEST_DIR!, 'sms-outbox.log');

export async function gql<T = any>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await request.post('/graphql', {
    data: { query, variables },
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
  });
  const body = await response.json();
  if (body.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

/** A phone number no earlier run used: each test signs in its own resident. */
export function freshPhone(): string {
  return `139${String(Date.now()).slice(-8)}`;
}

/** The six-digit code the development SMS gateway wrote for this phone (the resident's "phone"). */
export async function codeFor(phone: string): Promise<string> {
  let code = '';
  await expect.poll(() => {
    let lines: string[] = [];
    try { lines = readFileSync(SMS_FILE, 'utf8').trim().split('\n'); } catch { return ''; }
    const last = lines.map((l) => JSON.parse(l)).filter((m) => m.to === phone && m.template === 'LOGIN_CODE').at(-1);
    code = last?.params?.code ?? '';
    return code;
  }).toMatch(/^\d{6}$/);
  return code;
}

export async function staffToken(request: APIRequestContext, username: string): Promise<string> {
  return (await gql(request, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { username, password: 'civicloop-demo' } })).login.accessToken;
}

export async function residentToken(request: APIRequestContext, phone = freshPhone()): Promise<string> {
  await gql(request, 'mutation($i: RequestLoginCodeInput!) { requestLoginCode(input: $i) { sent } }', { i: { phone } });
  const code = await codeFor(phone);
  return (await gql(request, 'mutation($i: SignInWithCodeInput!) { signInWithCode(input: $i) { accessToken } }', { i: { phone, code, displayName: '测试居民' } })).signInWithCode.accessToken;
}

/** The coordinator assigns the item to the transport bureau, whose handler signs and replies (adopted). */
export async function replyThroughUnit(request: APIRequestContext, suggestionId: number, body = '我局已研究，将于下月在该路段增设站点。'): Promise<void> {
  const coordinator = await staffToken(request, 'coordinator');
  const handler = await staffToken(request, 'transport.handler');
  const unitId = (await gql(request, '{ me { unitId } }', {}, handler)).me.unitId;
  await gql(request, 'mutation($i: AssignSuggestionInput!) { assignSuggestion(input: $i) { suggestions { status } } }', { i: { suggestionIds: [suggestionId], leadUnitId: unitId } }, coordinator);
  await gql(request, 'mutation($i: SuggestionIdInput!) { signSuggestion(input: $i) { suggestion { status } } }', { i: { suggestionId } }, handler);
  await gql(request, 'mutation($i: ReplyToSuggestionInput!) { replyToSuggestion(input: $i) { reply { id } } }', { i: { suggestionId, adoption: 'ADOPTED', body } }, handler);
}

/** A published, replied suggestion made by a fresh resident; returns its tracking number. */
export async function givenRepliedSuggestion(request: APIRequestContext, title: string): Promise<{ id: number; trackingNumber: string }> {
  const token = await residentToken(request);
  const submitted = (await gql(request, 'mutation($i: SubmitSuggestionInput!) { submitSuggestion(input: $i) { suggestion { id trackingNumber } } }', {
    i: { campaignId: 1, category: '交通出行', title, body: `${title}：周边最近的站点在一公里外，建议增设。`, consentToPublish: true, idempotencyKey: `pw-${Date.now()}-${Math.random().toString(36).slice(2, 8)}` },
  }, token)).submitSuggestion.suggestion;
  await replyThroughUnit(request, submitted.id);
  return submitted;
}

/** No axe violation of serious or critical impact. */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

export async function screenshot(page: Page, project: string, name: string): Promise<void> {
  await page.screenshot({ path: fileURLToPath(new URL(`../../docs/screenshots/${name}-${project}.png`, import.meta.url)), fullPage: true });
}

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
export async function tabTo(page: Page, target: Locator, { back = false, max = 40 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) break;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
  await expectFocusVisible(page);
}

/** The focused element draws a focus indicator (outline or ring), not Vant's `outline: none`. */
export async function expectFocusVisible(page: Page): Promise<void> {
  const ring = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    return { tag: el.tagName, outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2, shadow: s.boxShadow !== 'none' };
  });
  expect(ring.outline || ring.shadow, `focus ring on ${ring.tag}`).toBe(true);
}
