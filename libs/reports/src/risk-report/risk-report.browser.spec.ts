import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, renderRiskReport } from '@dd/reports';
import { sampleRiskReportModel } from '@dd/reports/testing';

const CHROMIUM = '/usr/bin/chromium';

(existsSync(CHROMIUM) ? describe : describe.skip)('the risk report in a real browser (headless Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  });
  afterAll(() => browser?.close());

  it('renders offline with every chart drawn, no console error and and no request (the demo year is photographed for docs/ by test/risk-report.e2e-spec.ts)', async () => {
    const html = renderRiskReport(sampleRiskReportModel(), 'html').bytes.toString('utf8');
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, offline: true });
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith('data:') && request.url() !== 'about:blank') requests.push(request.url());
    });

    await page.setContent(html, { waitUntil: 'load' });

    for (const chart of ['chart-response-rate', 'chart-risks', 'chart-conformance', 'chart-oecd-steps']) {
      const svg = page.locator(`figure#${chart} svg`);
      await expect(svg.count()).resolves.toBe(1);
      const box = await svg.boundingBox();
      expect(box?.width).toBeGreaterThan(200);
      expect(box?.height).toBeGreaterThan(80);
      // Drawn: bars or lines, not an empty frame.
      await expect(svg.locator('path').count()).resolves.toBeGreaterThan(5);
    }
    await expect(page.locator('h1').textContent()).resolves.toBe('Conflict minerals risk report to senior management');
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await context.close();
  });
});
