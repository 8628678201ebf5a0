import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { riskReportStream } from '@dd/domain';
import { EVENT_STORE, RiskReportScheduler, SettableClock } from '@dd/engine';
import type { EventStore } from '@dd/event-store';
import { CHROMIUM_ARGS } from '@dd/reports';
import { seedDemoYear } from '../apps/cli/src/demo/seed-demo-year';
import { runCli } from './support/run-cli';
import { RunningApi } from './support/running-api';
import { screenshotPath } from './support/screenshots';

/**
 * The management risk report over real HTTP on the seeded demo year: its figures are the read models',
 * the same as-of gives the same bytes, and the quarterly report appears by itself on the engine clock
 * and is recorded (RiskReportIssued, the document kept under reports/<sha256>.html).
 */
describe('the risk report for senior management, on the demo year', () => {
  const period = 2024;
  const clock = new SettableClock(`${period + 1}-01-01T00:00:00.000Z`);
  let api: RunningApi;
  let store: EventStore;

  const report = async (query: string) => {
    const response = await fetch(`${api.started.url}/reports/risk?${query}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, bytes, text: bytes.toString('utf8') };
  };

  beforeAll(async () => {
    api = await RunningApi.start({ engine: { clock, escalationIntervalMs: 0, reminderIntervalMs: 0, riskReportIntervalMs: 0 } });
    await seedDemoYear(api.started.app, clock, period);
    store = api.started.app.get<symbol, EventStore>(EVENT_STORE);
  }, 180_000);

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it("given the demo year, when the report is asked for now as JSON, then its figures are the read models'", async () => {
    const answer = await report(`period=${period}&format=json`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const model = JSON.parse(answer.text);
    const campaign = (await api.get(`/campaigns?period=${period}`)).body;
    const risks = (await api.get(`/risk-register?period=${period}`)).body as Array<{ status: string; severity: string }>;
    const conformance = (await api.get(`/smelters/conformance?period=${period}`)).body;
    const oecd = (await api.get(`/oecd-status?period=${period}`)).body;
    const conclusions = (await api.get(`/product-conclusions?period=${period}`)).body;

    expect(campaign.requestsSent).toBeGreaterThan(0);
    expect(model.campaign).toMatchObject({
      requestsSent: campaign.requestsSent,
      responded: campaign.responded,
      responseRate: campaign.responseRate,
      usable: campaign.usable,
      usableRate: campaign.usableRate,
      overdue: campaign.overdue,
      remindersSent: campaign.remindersSent,
    });
    const open = risks.filter((risk) => risk.status !== 'closed');
    expect(open.length).toBeGreaterThan(0);
    expect(model.risks.open).toBe(open.length);
    expect(model.risks.openBySeverity.high).toBe(open.filter((risk) => risk.severity === 'high').length);
    expect(model.conformance).toEqual(conformance);
    expect(model.oecdSteps.map((step: { status: string }) => step.status)).toEqual(
      oecd.steps.map((step: { status: string }) => step.status),
    );
    for (const row of model.conclusions.byConclusion) expect(row.products).toBe(conclusions.summary.byConclusion[row.conclusion] ?? 0);
    expect(model.asOf.position).toBe(await store.headPosition());
  });

  it('given an as-of position, when the report is asked for twice, then the same bytes come back, with their SHA-256', async () => {
    const position = Math.floor((await store.headPosition()) * 0.8);
    for (const format of ['html', 'md', 'json']) {
      const first = await report(`period=${period}&asOf=${position}&format=${format}`);
      const second = await report(`period=${period}&asOf=${position}&format=${format}`);
      expect(first.status).toBe(200);
      expect(second.bytes.equals(first.bytes)).toBe(true);
      const sha256 = createHash('sha256').update(first.bytes).digest('hex');
      expect(first.headers.get('x-content-sha256')).toBe(sha256);
      expect(first.headers.get('x-as-of-position')).toBe(String(position));
      expect(first.headers.get('content-disposition')).toContain(`risk-report-${period}-as-of-${position}.${format}`);
    }
    const html = await report(`period=${period}&asOf=${position}`);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const chart of ['chart-response-rate', 'chart-risks', 'chart-conformance', 'chart-oecd-steps'])
      expect(html.text).toContain(`data-chart="${chart}"`);
  });

  it('given a date inside the year, then the report stands at that day, before the risk work', async () => {
    const model = JSON.parse((await report(`period=${period}&asOf=${period + 1}-03-19&format=json`)).text);
    expect(model.asOf.time).toBe(`${period + 1}-03-19T23:59:59.999Z`);
    expect(model.asOf.position).toBeLessThan(await store.headPosition());
    expect(model.risks.closedSincePrevious).toEqual([]);
  });

  it('refuses malformed parameters by name, and a position past the head', async () => {
    const bad = await api.get(`/reports/risk?period=20x4&format=docx&asOf=soon`);
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
    expect(bad.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['asOf', 'format', 'period']);
    const docs = (await api.get('/docs-json')).body.paths['/reports/risk'].get;
    expect(docs.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(['period', 'asOf', 'format']);
    const past = await api.get(`/reports/risk?period=${period}&asOf=99999999`);
    expect(past.status).toBe(400);
    expect(past.body.detail).toContain("past the log's head");
  });

  it('given the engine clock on the first business day of a quarter, then the report appears by itself, once, and is kept', async () => {
    const scheduler = api.started.app.get(RiskReportScheduler);
    // The demo ends mid-April; 1 April 2025 (a Tuesday) was due, and period 2024 was open on 31 March.
    const issued = await scheduler.tick();
    expect(issued.map((item) => item.document.model.asOf.time)).toEqual([`${period + 1}-03-31T23:59:59.999Z`]);
    const [first] = issued;
    const events = await store.readStream(riskReportStream(period));
    expect(events.map((event) => event.type)).toEqual(['RiskReportIssued']);
    expect(events[0].data).toMatchObject({
      reportId: `scheduled-${period + 1}-04-01`,
      period,
      format: 'html',
      trigger: 'schedule',
      sha256: first.document.sha256,
      byteLength: first.document.bytes.length,
      file: `reports/${first.document.sha256}.html`,
    });
    const kept = readFileSync(join(api.dataDir, first.file));
    expect(createHash('sha256').update(kept).digest('hex')).toBe(first.document.sha256);

    // Again (a restart, a second tick): nothing new.
    expect(await scheduler.tick()).toEqual([]);
    expect(await store.readStream(riskReportStream(period))).toHaveLength(1);

    // The same as-of over HTTP gives the recorded bytes.
    const again = await report(`period=${period}&asOf=${period + 1}-03-31&format=html`);
    expect(again.headers.get('x-content-sha256')).toBe(first.document.sha256);

    // It is the evidence of OECD step 3's report to senior management.
    const oecd = (await api.get(`/oecd-status?period=${period}`)).body;
    const criterion = oecd.steps[2].criteria.find((item: { id: string }) => item.id === 'risks-reported-to-management');
    expect(criterion.evidence).toContain(events[0].metadata.eventId);

    // The next report names it as the previous one.
    const next = JSON.parse((await report(`period=${period}&format=json`)).text);
    expect(next.previousReport).toMatchObject({ reportId: `scheduled-${period + 1}-04-01`, sha256: first.document.sha256 });
  });

  (existsSync('/usr/bin/chromium') ? it : it.skip)(
    'opens in headless Chromium with every chart drawn and no console error; its picture goes to docs/screenshots/risk-report.png with DD_SCREENSHOTS=docs',
    async () => {
      const html = (await report(`period=${period}`)).text;
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
        const problems: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(message.text());
        });
        page.on('pageerror', (error) => problems.push(error.message));
        await page.setContent(html, { waitUntil: 'load' });
        for (const chart of ['chart-response-rate', 'chart-risks', 'chart-conformance', 'chart-oecd-steps']) {
          expect(await page.locator(`figure#${chart} svg path`).count()).toBeGreaterThan(5);
        }
        expect(problems).toEqual([]);
        await page.screenshot({ path: screenshotPath('risk-report.png'), fullPage: true });
      } finally {
        await browser.close();
      }
    },
  );

  it('given the CLI beside the running server, then `report risk` writes the same bytes as HTTP, and says when PDF cannot be made', async () => {
    const position = await store.headPosition();
    const out = join(api.dataDir, 'board.md');
    const env = { DD_DATA_DIR: api.dataDir, DD_EVENT_STORE: 'sqlite' };
    const run = await runCli(
      ['report', 'risk', '--period', String(period), '--as-of', String(position), '--format', 'md', '--out', out],
      env,
    );
    expect(run.stderr).not.toContain('error');
    expect(run.exitCode).toBe(0);
    const overHttp = await report(`period=${period}&asOf=${position}&format=md`);
    expect(readFileSync(out).equals(overHttp.bytes)).toBe(true);
    expect(run.stdout).toContain(`sha256 ${overHttp.headers.get('x-content-sha256')}`);
    // It says how it was had, as X-As-Of-Source does over HTTP: a position the history reaches.
    expect(overHttp.headers.get('x-as-of-source')).toBe('history');
    expect(run.stdout).toContain("from the read models' history");

    const issued = await runCli(
      [
        'report',
        'risk',
        '--period',
        String(period),
        '--as-of',
        String(position),
        '--format',
        'md',
        '--out',
        out,
        '--issue',
        '--recipients',
        'CFO, Board',
      ],
      env,
    );
    expect(issued.exitCode).toBe(0);
    const [, onDemand] = await store.readStream(riskReportStream(period));
    expect(onDemand.data).toMatchObject({
      period,
      asOfPosition: position,
      format: 'md',
      trigger: 'on-demand',
      recipients: ['CFO', 'Board'],
      sha256: overHttp.headers.get('x-content-sha256'),
    });
    expect(readFileSync(join(api.dataDir, (onDemand.data as { file: string }).file)).equals(overHttp.bytes)).toBe(true);

    const pdf = await runCli(['report', 'risk', '--period', String(period), '--format', 'pdf', '--out', join(api.dataDir, 'board.pdf')], {
      ...env,
      DD_CHROMIUM_PATH: '/nowhere/chromium',
    });
    expect(pdf.exitCode).toBe(1);
    expect(pdf.stderr).toContain('PDF unavailable: chromium not found at /nowhere/chromium');
    expect(existsSync(join(api.dataDir, 'board.pdf'))).toBe(false);

    const bad = await runCli(['report', 'risk', '--period', 'last', '--format', 'docx', '--out', out], env);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toMatch(/--period: expected a reporting year.*--format: expected one of html, md, json, pdf/s);
  });

  (existsSync('/usr/bin/chromium') ? it : it.skip)('prints the report as PDF', async () => {
    const pdf = await report(`period=${period}&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
