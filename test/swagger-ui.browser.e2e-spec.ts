import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '@dd/reports';
import { RunningApi } from './support/running-api';

/**
 * Swagger UI at /docs, as a Nest user expects it: served by the API itself (no CDN, no request to
 * another origin), on the JSON document at /docs-json, under a policy that allows no inline script.
 */
describe('The API document and Swagger UI', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await RunningApi.start({ apiKeys: 'compliance-key-1=alice:compliance' });
  });
  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('serves the OpenAPI document at /docs-json (and its earlier address) without an API key', async () => {
    const json = await api.get('/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect((await api.get('/docs/openapi.json')).body).toEqual(json.body);
  });

  it('serves Swagger UI at /docs from this server, with a policy that allows scripts from this origin only', async () => {
    const page = await fetch(`${api.started.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script>/);
    const bundle = await fetch(`${api.started.url}/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${api.started.url}/docs/package.json`)).status).toBe(404);
    expect((await fetch(`${api.started.url}/docs/..%2Fpackage.json`)).status).toBe(404);
  });

  (existsSync('/usr/bin/chromium') ? describe : describe.skip)('in headless Chromium', () => {
    let browser: Browser;

    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('renders the operations, with no console error and no request to another origin', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      const elsewhere: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('request', (request) => {
        if (new URL(request.url()).origin !== api.started.url) elsewhere.push(request.url());
      });
      try {
        expect((await page.goto(`${api.started.url}/docs`))?.status()).toBe(200);
        await page.locator('.opblock-summary-path', { hasText: '/commands/RegisterSupplier' }).first().waitFor();
        const operations = await page.locator('.opblock').count();
        const documented = Object.values((await api.get('/docs-json')).body.paths as Record<string, object>).reduce(
          (count: number, path) => count + Object.keys(path).length,
          0,
        );
        expect(operations).toBe(documented);
        expect(await page.locator('.info .title').innerText()).toContain('Conflict-minerals due-diligence engine');
        expect(problems).toEqual([]);
        expect(elsewhere).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });
});
