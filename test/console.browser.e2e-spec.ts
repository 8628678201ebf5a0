import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { SettableClock } from '@dd/engine';
import { CHROMIUM_ARGS } from '@dd/reports';
import { seedDemoYear } from '../apps/cli/src/demo/seed-demo-year';
import { buildConsole, ConsoleTab } from './support/console-browser';
import { RunningApi } from './support/running-api';

/**
 * The browser console in headless Chromium against a real server on a temporary data directory
 * seeded with the demo year: each page renders with no console error and no request to another
 * origin, shows the API's own figures, and has no serious or critical accessibility violation
 * (axe-core). Screenshots go to docs/screenshots/console-*.png.
 */
const CHROMIUM = '/usr/bin/chromium';
const period = 2024;

(existsSync(CHROMIUM) ? describe : describe.skip)('the browser console (headless Chromium, demo year)', () => {
  let api: RunningApi;
  let browser: Browser;
  let origin: string;
  /** Until the session endpoint is on this branch (console-api helper), the page's one 404 is /session: it falls back to the local admin. */
  let sessionMissing = false;

  beforeAll(async () => {
    buildConsole();
    const clock = new SettableClock(`${period + 1}-01-01T00:00:00.000Z`);
    api = await RunningApi.start({ engine: { clock, escalationIntervalMs: 0, reminderIntervalMs: 0 } });
    await seedDemoYear(api.started.app, clock, period);
    origin = api.started.url;
    sessionMissing = (await api.get('/session')).status === 404;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    api?.removeData();
  });

  async function tab(viewport?: { width: number; height: number }): Promise<ConsoleTab> {
    return ConsoleTab.open(browser, origin, viewport);
  }

  /** What went wrong in the tab: console errors (but the known /session 404, see above) and requests elsewhere. */
  function trouble(page: ConsoleTab) {
    const problems = page.problems.filter((problem) => !(sessionMissing && problem.endsWith('/session)')));
    return { problems, foreignRequests: page.foreignRequests };
  }

  it('serves the console at / (a redirect to /console/) with a CSP that allows only its own origin', async () => {
    const root = await fetch(`${origin}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/console/');
    const index = await fetch(`${origin}/console/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toContain('<script type="module" src="console.js">');
    expect((await fetch(`${origin}/console/console.js`)).status).toBe(200);
  });

  it('overview: the period’s figures are the API’s (Form SD, campaign, open risks, OECD steps); no console error, no foreign request, no serious axe violation', async () => {
    const page = await tab();
    try {
      await page.go(`/?period=${period}`, 'Overview');
      const campaign = (await api.get(`/campaigns?period=${period}`)).body;
      const year = (await api.get(`/periods/${period}`)).body;
      const risks: any[] = (await api.get(`/risk-register?period=${period}`)).body;
      const open = risks.filter((risk) => risk.status !== 'closed');
      const figures = await page.figures();
      expect(figures).toMatchObject({
        formSdDeadline: year.formSdDeadline,
        daysLeft: String(Math.abs(year.daysLeft)),
        requestsSent: String(campaign.requestsSent),
        responded: String(campaign.responded),
        usable: String(campaign.usable),
        overdue: String(campaign.overdue),
        followUpsOpen: String(campaign.followUpsOpen),
        openRisks: String(open.length),
        'open-high': String(open.filter((risk) => risk.severity === 'high').length),
      });
      const oecd = (await api.get(`/oecd-status?period=${period}`)).body;
      for (const step of oecd.steps) expect(await page.page.locator(`[data-step="${step.step}"] .badge`).innerText()).toBe(step.status);
      expect(await page.page.locator('.chart svg').count()).toBe(3);
      await page.screenshot('overview');
      expect(await page.seriousViolations()).toEqual([]);
      expect(trouble(page)).toEqual({ problems: [], foreignRequests: [] });
    } finally {
      await page.close();
    }
  });
});
