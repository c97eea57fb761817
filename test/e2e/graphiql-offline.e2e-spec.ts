import { chromium, type Browser } from 'playwright-core';
import { describeDb, startTestApp, type TestApp } from '../helpers/test-app.js';

// Issue 13 §3: GraphiQL renders with no network beyond the API itself, under its strict CSP.
describe(describeDb('GraphiQL offline'), () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = (await startTestApp('graphiql'))!;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('renders and runs a query with every request outside the API blocked', async () => {
    if (!t) return;
    const page = await browser.newPage();
    const blocked: string[] = [];
    const problems: string[] = [];
    // The network is "off": anything not addressed to the API's own origin is aborted.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(t.baseUrl)) return route.continue();
      blocked.push(url);
      return route.abort('internetdisconnected');
    });
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    const res = await page.goto(`${t.baseUrl}/graphiql`);
    expect(res?.headers()['content-security-policy']).toMatch(/default-src 'none'; script-src 'self'/);
    // The editor rendered (React and GraphiQL came from this origin); then a query runs over POST /graphql.
    await page.locator('.graphiql-query-editor .CodeMirror').first().waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-query-editor .CodeMirror').first().click();
    await page.keyboard.press('ControlOrMeta+a');
    // insertText, not type: CodeMirror would close the brace typed key by key.
    await page.keyboard.insertText('{ __typename }');
    await page.getByRole('button', { name: /execute query/i }).click();
    await page.locator('.graphiql-response').getByText('"Query"').waitFor({ timeout: 15_000 });
    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
  });
});
