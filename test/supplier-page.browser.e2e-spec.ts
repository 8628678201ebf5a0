import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CMRT_6_6_FIXTURE, readFixture, writeCells } from '@dd/cmrt/testing';
import { SettableClock, SupplierLinks, type MailConfig } from '@dd/engine';
import { CHROMIUM_ARGS } from '@dd/reports';
import { filledCmrtCells } from './support/filled-templates';
import { RunningApi } from './support/running-api';
import { screenshotPath } from './support/screenshots';

/**
 * The supplier's answer page in headless Chromium, as a supplier uses it: open the link, upload a
 * workbook with a mistake, read the finding, upload the corrected one, see it clean. With the page's
 * own Content-Security-Policy in force, no console error; axe-core finds no serious or critical
 * accessibility violation. The picture goes to docs/screenshots/supplier-page.png with DD_SCREENSHOTS=docs.
 */
const period = 2024;
const dueDate = '2025-03-31';
const linkKey = 'supplier-page-browser-key-0123456789abcdef';
const mail: MailConfig = {
  from: 'Acme Compliance <cm@acme.example>',
  companyName: 'Acme Electronics',
  linkKey,
  linkGraceDays: 30,
  maxAttempts: 8,
};
const token = new SupplierLinks(Buffer.from(linkKey, 'utf8'), 'http://unused', 30).supplierLinkFor({
  supplierId: 'tin',
  period,
  requestNumber: 1,
  dueDate,
}).token;
const AXE = require.resolve('axe-core/axe.min.js');

const complete = () => writeCells(readFixture(CMRT_6_6_FIXTURE), filledCmrtCells('Tin Parts AG'));
const withoutEmail = () =>
  writeCells(readFixture(CMRT_6_6_FIXTURE), { Declaration: { ...filledCmrtCells('Tin Parts AG').Declaration, D16: '' } });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown }>;
}

(existsSync('/usr/bin/chromium') ? describe : describe.skip)('The supplier answer page in headless Chromium', () => {
  let api: RunningApi;
  let browser: Browser;
  let link: string;

  beforeAll(async () => {
    api = await RunningApi.start({ mail, engine: { clock: new SettableClock('2025-01-15T09:00:00.000Z') } });
    const post = async (command: string, body: unknown) => expect((await api.post(command, body)).status).toBe(201);
    await post('OpenPeriod', { period, policy: { reminderDays: [14], oldestAcceptedTemplateVersion: '6.1' } });
    await post('RegisterSupplier', { supplierId: 'tin', name: 'Tin Parts AG', tier: 'direct' });
    await post('AddSupplierContact', { supplierId: 'tin', name: 'Kim Weber', email: 'kim@tin.example', language: 'en' });
    await post('SendCMRT', { supplierId: 'tin', period, dueDate, templateVersion: '6.5' });
    link = `${api.started.url}/s/${token}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  });

  afterAll(async () => {
    await browser?.close();
    await api.stop();
    api.removeData();
  });

  /** Chooses the file and submits the form as a person does; resolves once the answer page has loaded. */
  async function upload(page: Page, name: string, bytes: Uint8Array): Promise<void> {
    await page.setInputFiles('#file', { name, mimeType: XLSX, buffer: Buffer.from(bytes) });
    const answered = page.waitForResponse((response) => response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Upload and check' }).click();
    expect((await answered).status()).toBe(200);
    await page.waitForLoadState('load');
    await page.getByRole('heading', { level: 2, name: /Check of your answer/ }).waitFor();
  }

  async function seriousViolations(page: Page): Promise<AxeViolation[]> {
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: (context: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
      return (await axe.run((globalThis as unknown as { document: unknown }).document)).violations;
    });
    return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  }

  it('opens the link, shows the finding of a faulty workbook cell by cell, and a corrected one clean; no console error', async () => {
    // The page's own CSP is in force here: an inline script or style it did not allow would be a console error.
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    try {
      const opened = await page.goto(link);
      expect(opened?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await expect(page.title()).resolves.toBe('Acme Electronics: your CMRT for 2024');
      expect(await page.locator('main').innerText()).toContain('Due date: 2025-03-31');

      await upload(page, 'tin-parts.xlsx', withoutEmail());
      const rows = page.locator('table tbody tr');
      const cells = await rows.locator('td:first-child').allInnerTexts();
      expect(cells).toContain('Declaration!D16');
      const errorRow = rows.filter({ hasText: 'Declaration!D16' });
      expect(await errorRow.locator('td').nth(1).innerText()).toBe('Error');
      expect(await page.locator('.outcome.fix').innerText()).toMatch(/^1 error to fix\. Correct the cells below/);
      await page.screenshot({ path: screenshotPath('supplier-page.png'), fullPage: true });

      await upload(page, 'tin-parts-corrected.xlsx', complete());
      expect(await page.getByRole('heading', { level: 2, name: /Check of your answer/ }).innerText()).toBe('Check of your answer 2');
      expect(await page.locator('.outcome.clean').innerText()).toMatch(/^No errors: your answer is complete/);
      expect(await page.locator('main').innerText()).not.toContain('Declaration!D16');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('has no serious or critical accessibility violation (axe-core): the request, its findings, a link that does not work', async () => {
    // axe is injected as a script tag, which the page's CSP would refuse: this context bypasses it.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(link);
      expect(await seriousViolations(page)).toEqual([]);
      await upload(page, 'tin-parts-again.xlsx', withoutEmail());
      expect(await page.locator('table tbody tr').count()).toBeGreaterThan(0);
      expect(await seriousViolations(page)).toEqual([]);
      await page.goto(`${api.started.url}/s/not-a-link?lang=ja`);
      expect(await page.getAttribute('html', 'lang')).toBe('ja');
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
