import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CompanyProfile, METALS } from '@dd/domain';
import { EVENT_STORE, SettableClock } from '@dd/engine';
import type { EventStore } from '@dd/event-store';
import { CHROMIUM_ARGS, CMR_FIGURE_IDS, PLACEHOLDER_OPEN } from '@dd/reports';
import { seedDemoYear } from '../apps/cli/src/demo/seed-demo-year';
import { runCli } from './support/run-cli';
import { RunningApi } from './support/running-api';
import { screenshotPath } from './support/screenshots';

const CHROMIUM = '/usr/bin/chromium';
const PDFTOPPM = '/usr/bin/pdftoppm';

/**
 * The Conflict Minerals Report draft over real HTTP on the seeded demo year: every figure is the read
 * endpoints' figure and names the read it came from, the same as-of gives the same bytes, the company's
 * prose is left to it, and the HTML renders in headless Chromium and prints to PDF.
 */
describe('the Conflict Minerals Report draft, on the demo year', () => {
  const period = 2024;
  const clock = new SettableClock(`${period + 1}-01-01T00:00:00.000Z`);
  let api: RunningApi;
  let store: EventStore;

  const draft = async (query: string) => {
    const response = await fetch(`${api.started.url}/reports/cmr?${query}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') };
  };

  /** The figures the HTML states, by id: <span class="fig" data-figure="id">value</span><sup class="cite"><a href="#S3">. */
  const statedFigures = (html: string) => {
    const stated = new Map<string, { text: string; source: string }>();
    for (const [, id, text, source] of html.matchAll(
      /<span class="fig" data-figure="([^"]+)">([^<]*)<\/span><sup class="cite"><a href="#(S\d+)">/g,
    )) {
      stated.set(id, { text, source });
    }
    return stated;
  };

  /** Annex B's sources, by id: the read and the request. */
  const sourcesOf = (html: string) =>
    new Map(
      [
        ...html.matchAll(/<tr id="(S\d+)"><td>S\d+<\/td><td>(\w+)<\/td><td><code>([^<]+)<\/code><\/td><td class="num">(\d+)<\/td><\/tr>/g),
      ].map(([, id, read, request, position]) => [id, { read, request: request.replace(/&amp;/g, '&'), position: Number(position) }]),
    );

  beforeAll(async () => {
    api = await RunningApi.start({ engine: { clock, escalationIntervalMs: 0, reminderIntervalMs: 0, riskReportIntervalMs: 0 } });
    await seedDemoYear(api.started.app, clock, period);
    store = api.started.app.get<symbol, EventStore>(EVENT_STORE);
  }, 180_000);

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it("given the demo year, when the draft is asked for now, then every figure is the read endpoint's it cites, at the log's head", async () => {
    const answer = await draft(`period=${period}&format=html`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const head = await store.headPosition();
    expect(answer.headers.get('x-as-of-position')).toBe(String(head));
    const stated = statedFigures(answer.text);
    const sources = sourcesOf(answer.text);
    expect([...stated.keys()].sort()).toEqual([...CMR_FIGURE_IDS].sort());
    for (const source of sources.values()) expect(source.position).toBe(head);

    // Each figure's source is a read a reader can ask for: ask it, and find the figure there.
    const read = async (id: string) => {
      const source = sources.get(stated.get(id)!.source)!;
      expect(source).toBeDefined();
      const response = await api.get(source.request.replace(/^GET /, ''));
      expect(response.status).toBe(200);
      return { body: response.body, request: source.request };
    };
    const value = (id: string) => stated.get(id)!.text;
    const percent = (ratio: number | null) => (ratio === null ? '—' : `${(Math.round(ratio * 1000) / 10).toFixed(1)}\u00a0%`);

    const campaign = await read('survey.sent.direct');
    expect(campaign.request).toBe(`GET /campaigns?period=${period}`);
    expect(campaign.body.requestsSent).toBeGreaterThan(0);
    for (const [kind, key] of [
      ['sent', 'requestsSent'],
      ['responded', 'responded'],
      ['usable', 'usable'],
    ] as const) {
      expect(value(`survey.${kind}.total`)).toBe(String(campaign.body[key]));
      expect(value(`survey.${kind}.direct`)).toBe(String(campaign.body.byTier.direct[key]));
      expect(value(`survey.${kind}.indirect`)).toBe(String(campaign.body.byTier.indirect[key]));
    }
    expect(value('survey.responseRate')).toBe(percent(campaign.body.responseRate));
    expect(value('survey.usableRate')).toBe(percent(campaign.body.usableRate));
    expect(value('survey.remindersSent')).toBe(String(campaign.body.remindersSent));
    expect(value('survey.escalations')).toBe(String(campaign.body.escalations));
    expect(value('survey.overdue')).toBe(String(campaign.body.overdue));
    expect(value('survey.scope.company')).toBe(String(campaign.body.scopes.company.count));
    // Follow-ups are counted on the suppliers' surveys; the open ones are the campaign's figure too.
    const surveys = await read('followUps.requested');
    const followUps = (surveys.body as Array<{ followUps: Array<{ resolution: string | null }> }>).flatMap((survey) => survey.followUps);
    expect(followUps.length).toBeGreaterThan(0);
    expect(value('followUps.requested')).toBe(String(followUps.length));
    expect(value('followUps.open')).toBe(String(campaign.body.followUpsOpen));

    const suppliers = await read('suppliers.active.direct');
    expect(value('suppliers.active.direct')).toBe(String(suppliers.body.filter((s: { tier: string }) => s.tier === 'direct').length));
    expect(value('suppliers.active.indirect')).toBe(String(suppliers.body.filter((s: { tier: string }) => s.tier === 'indirect').length));

    const conformance = await read('smelters.tin.identified');
    expect(conformance.request).toBe(`GET /smelters/conformance?period=${period}`);
    for (const row of conformance.body as Array<{ metal: string; identified: number; conformant: number; active: number; other: number }>) {
      for (const key of ['identified', 'conformant', 'active', 'other'] as const)
        expect(value(`smelters.${row.metal}.${key}`)).toBe(String(row[key]));
    }
    expect(Number(value('smelters.tin.identified'))).toBeGreaterThan(0);

    const conclusions = await read('conclusions.DRC conflict free');
    for (const [conclusion, products] of Object.entries(conclusions.body.summary.byConclusion)) {
      expect(value(`conclusions.${conclusion}`)).toBe(String(products));
    }
    // Conclusions per product: every covered product is in the table with its conclusion.
    for (const product of conclusions.body.products as Array<{ name: string; conclusion: string }>) {
      if (product.conclusion === 'no 3TG necessary') continue;
      expect(answer.text).toMatch(
        new RegExp(`<td>${escapeRegExp(product.name)}</td><td>[^<]*</td><td><strong>${product.conclusion}</strong>`),
      );
    }

    const risks = await read('risks.open');
    expect(value('risks.open')).toBe(String(risks.body.filter((risk: { status: string }) => risk.status !== 'closed').length));
    const covered = await read('coveredCountry.tin');
    expect(covered.request).toBe(`GET /risk-register?period=${period}&category=covered-country-sourcing`);
    expect(Number(value('coveredCountry.tin'))).toBeGreaterThan(0);

    // The annex: the smelters identified for an in-scope metal, as many per metal as step 4 counts.
    const annexRows = [
      ...answer.text.matchAll(/<tr><td><code>(CID\d{6})<\/code><\/td><td>[^<]*<\/td><td>[^<]*<\/td><td>([^<]+)<\/td><\/tr>/g),
    ];
    const smelters = (await api.get(`/smelters?period=${period}`)).body as Array<{
      smelterId: string;
      metal: string;
      rmapStatus: string | null;
    }>;
    for (const [, smelterId, status] of annexRows) {
      expect(status).toBe(smelters.find((smelter) => smelter.smelterId === smelterId)!.rmapStatus ?? 'not enrolled');
    }
    const identified = METALS.reduce((sum, metal) => sum + Number(value(`smelters.${metal}.identified`)), 0);
    expect(annexRows).toHaveLength(identified);
  });

  it("leaves the company's prose to it, and says so at the top, in Markdown as in HTML", async () => {
    const md = (await draft(`period=${period}&format=md`)).text;
    expect(md).toMatch(
      /^# The Company Conflict Minerals Report for the year ended December 31, 2024\n\n> \*\*Draft\.\*\* Assembled from the due-diligence log/,
    );
    // Searching for the marker finds the placeholders and nothing else.
    expect(md.split(PLACEHOLDER_OPEN).length - 1).toBe([...md.matchAll(/\*\*\[\[COMPANY TO WRITE: [^\]]+\]\]\*\*/g)].length);
    expect(md.split(PLACEHOLDER_OPEN).length - 1).toBeGreaterThanOrEqual(12);
    expect(md).toContain('**[[COMPANY TO WRITE: what the company does, its markets and customers (one or two paragraphs)]]**');
    for (const step of [1, 2, 3, 4, 5]) expect(md).toContain(`**Step ${step}. `);
    expect(md).toContain(`[^S3]: GetCampaignFigures, \`GET /campaigns?period=${period}\` as of log position`);
  });

  it('given an as-of position, when the draft is asked for twice, then the same bytes come back, with their SHA-256; a date stands at that day', async () => {
    const position = Math.floor((await store.headPosition()) * 0.8);
    for (const format of ['md', 'html']) {
      const first = await draft(`period=${period}&asOf=${position}&format=${format}`);
      const second = await draft(`period=${period}&asOf=${position}&format=${format}`);
      expect(first.status).toBe(200);
      expect(second.bytes.equals(first.bytes)).toBe(true);
      expect(first.headers.get('x-content-sha256')).toBe(createHash('sha256').update(first.bytes).digest('hex'));
      expect(first.headers.get('x-as-of-position')).toBe(String(position));
      expect(first.headers.get('content-disposition')).toContain(`cmr-draft-${period}-as-of-${position}.${format}`);
    }
    const earlier = await draft(`period=${period}&asOf=${period + 1}-01-07&format=html`);
    expect(earlier.headers.get('x-as-of-time')).toBe(`${period + 1}-01-07T23:59:59.999Z`);
    // Before the campaign was launched, nobody had been surveyed.
    expect(statedFigures(earlier.text).get('survey.sent.total')!.text).toBe('0');
  });

  it('refuses malformed parameters by name, and a position past the head; the route is in the OpenAPI document', async () => {
    const bad = await api.get('/reports/cmr?period=20x4&format=json&asOf=soon');
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
    expect(bad.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['asOf', 'format', 'period']);
    const past = await api.get(`/reports/cmr?period=${period}&asOf=99999999`);
    expect(past.status).toBe(400);
    expect(past.body.detail).toContain("past the log's head");
    const docs = (await api.get('/docs-json')).body.paths['/reports/cmr'].get;
    expect(docs.operationId).toBe('GetCmrDraft');
    expect(docs.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(['period', 'asOf', 'format']);
  });

  it('given the CLI beside the running server, then `report cmr` writes the bytes HTTP serves, and refuses bad options by name', async () => {
    const position = await store.headPosition();
    const out = join(api.dataDir, 'cmr-draft.md');
    const env = { DD_DATA_DIR: api.dataDir, DD_EVENT_STORE: 'sqlite' };
    const run = await runCli(
      ['report', 'cmr', '--period', String(period), '--as-of', String(position), '--format', 'md', '--out', out],
      env,
    );
    expect(run.stderr).not.toContain('error');
    expect(run.exitCode).toBe(0);
    const overHttp = await draft(`period=${period}&asOf=${position}&format=md`);
    expect(readFileSync(out).equals(overHttp.bytes)).toBe(true);
    expect(run.stdout).toContain(`sha256 ${overHttp.headers.get('x-content-sha256')}`);
    // It says how it was had, as X-As-Of-Source does over HTTP: a position the history reaches.
    expect(overHttp.headers.get('x-as-of-source')).toBe('history');
    expect(run.stdout).toContain("from the read models' history");

    const bad = await runCli(['report', 'cmr', '--period', 'last', '--format', 'docx', '--out', out], env);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/--period: expected a reporting year.*--format: expected one of md, html, pdf/s);
  });

  (existsSync(CHROMIUM) ? it : it.skip)(
    'opens in headless Chromium with no console error and nothing fetched; its picture goes to docs/screenshots/cmr-draft.png with DD_SCREENSHOTS=docs',
    async () => {
      const html = (await draft(`period=${period}&format=html`)).text;
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
      try {
        const context = await browser.newContext({ viewport: { width: 1000, height: 1300 }, offline: true });
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
        await expect(page.locator('h1').textContent()).resolves.toBe(
          `The Company Conflict Minerals Report for the year ended December 31, ${period}`,
        );
        expect(await page.locator('span.fig').count()).toBeGreaterThan(CMR_FIGURE_IDS.length);
        expect(await page.locator('span.todo').count()).toBeGreaterThanOrEqual(12);
        // A citation leads to its source in Annex B.
        const firstCitation = await page.locator('sup.cite a').first().getAttribute('href');
        expect(await page.locator(`tr${firstCitation}`).count()).toBe(1);
        expect(problems).toEqual([]);
        expect(requests).toEqual([]);
        await page.screenshot({ path: screenshotPath('cmr-draft.png'), fullPage: true });
        await context.close();
      } finally {
        await browser.close();
      }
    },
  );

  (existsSync(CHROMIUM) && existsSync(PDFTOPPM) ? it : it.skip)('prints as PDF whose first page is not blank', async () => {
    const pdf = await draft(`period=${period}&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = join(api.dataDir, 'cmr-draft.pdf');
    writeFileSync(file, pdf.bytes);
    // First page, in grey, as a binary PGM (P5): a header, then one byte per pixel.
    execFileSync(PDFTOPPM, ['-gray', '-r', '40', '-f', '1', '-l', '1', '-singlefile', file, join(api.dataDir, 'page')]);
    const pgm = readFileSync(join(api.dataDir, 'page.pgm'));
    const [magic, width, height, max] = pgm.toString('latin1', 0, 40).split(/\s+/);
    expect(magic).toBe('P5');
    expect(Number(max)).toBe(255);
    const pixels = pgm.subarray(pgm.length - Number(width) * Number(height));
    const dark = pixels.filter((pixel) => pixel < 200).length / pixels.length;
    // A blank page is all white; the title, the notice and the first sections darken a good part of it.
    expect(dark).toBeGreaterThan(0.01);
  });
});

describe('the Conflict Minerals Report draft of a company that has recorded nothing yet', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await RunningApi.start({
      engine: {
        clock: new SettableClock('2025-01-02T00:00:00.000Z'),
        escalationIntervalMs: 0,
        reminderIntervalMs: 0,
        riskReportIntervalMs: 0,
      },
      declarations: {
        company: CompanyProfile.parse({
          name: 'Example Devices, Inc. (sample data)',
          contact: { name: 'Casey Compliance', email: 'casey@example.com', phone: '+1 555 0100' },
          authorizer: { name: 'Dana Director', email: 'dana@example.com' },
          annualDisclosure: 'Yes, with the SEC',
        }),
      },
    });
  });

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('names the company from its profile, states zeros, each still cited, and leaves every section to the company', async () => {
    const response = await fetch(`${api.started.url}/reports/cmr?period=2024&format=md`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-as-of-position')).toBe('0');
    const md = await response.text();
    expect(md).toMatch(/^# Example Devices, Inc\. \(sample data\) Conflict Minerals Report for the year ended December 31, 2024\n/);
    expect(md).not.toContain("the company's legal name");
    expect(md).toContain('sent the Conflict Minerals Reporting Template (CMRT) to 0[^S3] suppliers');
    expect(md).toContain('| Response rate (received per supplier surveyed) | — | [^S3] | `responseRate` |');
    expect(md).toContain('_No covered product is registered._');
    expect(md).toContain('_No tin smelter or refiner is identified._');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
