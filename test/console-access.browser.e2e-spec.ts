import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '@dd/reports';
import { buildConsole, ConsoleTab } from './support/console-browser';
import { RunningApi } from './support/running-api';

/**
 * Signing in to the console with API keys configured: the key is typed once, posted to /session and
 * kept by nobody in the browser (no URL, no localStorage, no sessionStorage; the session cookie is
 * HttpOnly); the role decides what is shown: an auditor gets no write control, a compliance manager does.
 */
const CHROMIUM = '/usr/bin/chromium';
const AUDITOR_KEY = 'auditor-key-0123456789';
const COMPLIANCE_KEY = 'compliance-key-0123456789';

(existsSync(CHROMIUM) ? describe : describe.skip)('signing in to the console (headless Chromium, API keys configured)', () => {
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    buildConsole();
    api = await RunningApi.start({ apiKeys: `${AUDITOR_KEY}=alice:auditor,${COMPLIANCE_KEY}=bob:compliance` });
    const headers = { 'x-api-key': COMPLIANCE_KEY };
    expect((await api.post('OpenPeriod', { period: 2024, policy: { reminderDays: [14] } }, headers)).status).toBe(201);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    api?.removeData();
  });

  async function signIn(page: ConsoleTab, key: string): Promise<void> {
    await page.page.goto(`${api.started.url}/console/#/risks?period=2024`);
    await page.page.getByLabel('API key').fill(key);
    await page.page.getByRole('button', { name: 'Sign in' }).click();
    await page.settled('Risk register');
  }

  it('an auditor signs in with a key that no browser storage keeps, and sees no write control', async () => {
    const page = await ConsoleTab.open(browser, api.started.url);
    try {
      await page.page.goto(`${api.started.url}/console/`);
      await page.page.getByLabel('API key').waitFor();
      await page.screenshot('sign-in');
      expect(await page.seriousViolations()).toEqual([]);
      await signIn(page, AUDITOR_KEY);
      expect(await page.page.locator('[data-principal]').innerText()).toMatch(/^alice\s+\(auditor\)$/);
      const stored = (await page.page.evaluate(
        'JSON.stringify([location.href, {...localStorage}, {...sessionStorage}, document.cookie])',
      )) as string;
      expect(stored).not.toContain(AUDITOR_KEY);
      const cookies = await page.context.cookies();
      expect(cookies.length).toBeGreaterThan(0);
      expect(cookies.every((cookie) => cookie.httpOnly && cookie.sameSite === 'Strict' && cookie.value !== AUDITOR_KEY)).toBe(true);
      expect(await page.page.getByRole('form', { name: 'Bulk triage' }).count()).toBe(0);
      await page.go('/upload?period=2024', 'Upload workbooks');
      expect(await page.page.locator('main').innerText()).toContain('needs the compliance or admin role');
      await page.go('/suppliers?period=2024', 'Suppliers');
      expect(await page.page.getByRole('link', { name: /Import from CSV/ }).count()).toBe(0);
      await page.page.getByRole('button', { name: 'Sign out' }).click();
      await page.page.getByLabel('API key').waitFor();
      // The one expected error: GET /session answering 401 while nobody is signed in.
      expect(page.problems.filter((problem) => !problem.includes('/session'))).toEqual([]);
      expect(page.foreignRequests).toEqual([]);
      // Signed out means signed out: the cookie no longer reads.
      expect((await page.page.evaluate("fetch('/risk-register?period=2024').then((response) => response.status)")) as number).toBe(401);
    } finally {
      await page.close();
    }
  });

  it('a compliance manager signs in and gets the write controls (bulk triage, upload, import)', async () => {
    const page = await ConsoleTab.open(browser, api.started.url);
    try {
      await signIn(page, COMPLIANCE_KEY);
      expect(await page.page.locator('[data-principal]').innerText()).toMatch(/^bob\s+\(compliance\)$/);
      expect(await page.page.getByRole('form', { name: 'Bulk triage' }).count()).toBe(1);
      await page.go('/suppliers?period=2024', 'Suppliers');
      expect(await page.page.getByRole('link', { name: /Import from CSV/ }).count()).toBe(1);
    } finally {
      await page.close();
    }
  });

  it('a wrong key is refused with the API’s reason and nothing else is shown', async () => {
    const page = await ConsoleTab.open(browser, api.started.url);
    try {
      await page.page.goto(`${api.started.url}/console/`);
      await page.page.getByLabel('API key').fill('not-a-known-key-000');
      await page.page.getByRole('button', { name: 'Sign in' }).click();
      await page.page.getByRole('alert').waitFor();
      expect(await page.page.getByRole('alert').innerText()).toContain('unknown API key');
      expect(await page.page.getByRole('navigation', { name: 'Pages' }).count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});
