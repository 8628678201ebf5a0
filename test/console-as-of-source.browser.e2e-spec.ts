import { existsSync, rmSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { SettableClock } from '@dd/engine';
import { CHROMIUM_ARGS } from '@dd/reports';
import { buildConsole, ConsoleTab } from './support/console-browser';
import { RunningApi } from './support/running-api';
import { screenshotPath } from './support/screenshots';

/**
 * The console's as-of banner, in headless Chromium against a real server: a page shown as of a past
 * point says, beside "read only", how the server answered the reads it made (their X-As-Of-Source):
 * from the read models' history, or replayed from the log and why. The words follow what the server
 * said, not the control: the same page as known at the same time says "replayed" once the server
 * keeps no history. Screenshots go to a temporary folder (docs/screenshots with DD_SCREENSHOTS=docs).
 */
const CHROMIUM = '/usr/bin/chromium';
const period = 2024;

(existsSync(CHROMIUM) ? describe : describe.skip)('the as-of banner says how the page was answered (headless Chromium)', () => {
  const clock = new SettableClock('2025-03-01T09:00:00.000Z');
  const dataDir = RunningApi.dataDir();
  let api: RunningApi | null = null;
  let browser: Browser;
  /** A recorded time after the first grievance and before the others. */
  let knownAt: string;

  const start = async (readModelHistory: boolean) => {
    api = await RunningApi.start({ dataDir, readModelHistory, engine: { clock, escalationIntervalMs: 0, reminderIntervalMs: 0 } });
    return api;
  };
  const grievance = (grievanceId: string) =>
    api!.accepted('RecordGrievance', {
      period,
      grievanceId,
      description: `tip ${grievanceId}: a tin smelter buys from an armed group`,
      metal: 'tin',
    });

  /** Opens a console route as of a past point and gives the banner's words once the reads have answered. */
  const bannerOf = async (route: string, heading: string, shot: string) => {
    const page = await ConsoleTab.open(browser, api!.started.url);
    try {
      await page.go(route, heading);
      await page.page.locator('[data-figure="asOfSource"]').waitFor();
      const figures = await page.figures();
      await page.page.locator('.as-of-banner').screenshot({ path: screenshotPath(`console-${shot}-banner.png`) });
      await page.screenshot(shot);
      expect(await page.seriousViolations()).toEqual([]);
      expect({ problems: page.problems, foreignRequests: page.foreignRequests }).toEqual({ problems: [], foreignRequests: [] });
      return { banner: figures.asOfBanner, source: figures.asOfSource, rows: figures.rows };
    } finally {
      await page.close();
    }
  };

  beforeAll(async () => {
    buildConsole();
    await start(true);
    await api!.accepted('OpenPeriod', { period, policy: { reminderDays: [14], oldestAcceptedTemplateVersion: '6.1' } });
    await api!.accepted('DeclareGrievanceMechanism', { period, description: 'Whistleblower line' });
    await grievance('g-1');
    // Recorded times are the wall clock's: a moment between the first grievance and the next.
    await new Promise((resolve) => setTimeout(resolve, 20));
    knownAt = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    clock.set('2025-03-10T09:00:00.000Z');
    await grievance('g-2');
    await grievance('g-3');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("given the risk register as known at a past time, the banner says it came from the read models' history", async () => {
    const shown = await bannerOf(`/risks?period=${period}&asOf=${encodeURIComponent(knownAt)}`, 'Risk register', 'as-of-history');
    expect(shown.rows).toBe('1 row');
    expect(shown.source).toBe("From the read models' history.");
    expect(shown.banner).toBe(`Shown as it was known at ${knownAt}: read only. From the read models' history.`);
  });

  it('given the overview as known at a past time, every read it made answered from history, and the banner says so once', async () => {
    const shown = await bannerOf(`/?period=${period}&asOf=${encodeURIComponent(knownAt)}`, 'Overview', 'as-of-overview-history');
    expect(shown.source).toBe("From the read models' history.");
  });

  it('given the risk register as true on a past day, the banner says it was replayed from the log, and why', async () => {
    const shown = await bannerOf(`/risks?period=${period}&occurredAsOf=2025-03-05`, 'Risk register', 'as-of-replay');
    expect(shown.rows).toBe('1 row');
    expect(shown.banner).toBe(
      'Shown as it was true at the end of 2025-03-05: read only. Replayed from the log (what was true then may have been recorded only later).',
    );
  });

  it('given a server that keeps no history (DD_READ_MODEL_HISTORY=off), the same page as known at the same time says it was replayed, and since when', async () => {
    await api!.stop();
    await start(false);
    const shown = await bannerOf(`/risks?period=${period}&asOf=${encodeURIComponent(knownAt)}`, 'Risk register', 'as-of-history-off');
    expect(shown.rows).toBe('1 row');
    expect(shown.source).toMatch(/^Replayed from the log \(the read models have kept no history since log position \d+\)\.$/);
  }, 60_000);
});
