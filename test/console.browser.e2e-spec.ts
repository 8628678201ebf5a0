import { existsSync, readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { chromium, type Browser } from 'playwright-core';
import { CMRT_6_6_FIXTURE, readFixture, writeCells } from '@dd/cmrt/testing';
import { SettableClock } from '@dd/engine';
import { CHROMIUM_ARGS } from '@dd/reports';
import { seedDemoYear } from '../apps/cli/src/demo/seed-demo-year';
import { buildConsole, ConsoleTab } from './support/console-browser';
import { filledCmrtCells } from './support/filled-templates';
import { RunningApi } from './support/running-api';

/**
 * The browser console in headless Chromium against a real server on a temporary data directory
 * seeded with the demo year: each page renders with no console error and no request to another
 * origin, shows the API's own figures, and has no serious or critical accessibility violation
 * (axe-core); the journeys work end to end (upload a workbook and see its findings, triage three
 * risks in bulk, open an OECD evidence id, move the as-of control and see the register shrink).
 * Screenshots of every page go to docs/screenshots/console-*.png with DD_SCREENSHOTS=docs (else a temp folder).
 */
const CHROMIUM = '/usr/bin/chromium';
const period = 2024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

(existsSync(CHROMIUM) ? describe : describe.skip)('the browser console (headless Chromium, demo year)', () => {
  let api: RunningApi;
  let browser: Browser;
  let origin: string;
  /** Routes this server does not have yet (the console-api helper's): the page's fallback asks them once and gets 404. */
  const missingRoutes = new Set<string>();

  beforeAll(async () => {
    buildConsole();
    const clock = new SettableClock(`${period + 1}-01-01T00:00:00.000Z`);
    api = await RunningApi.start({ engine: { clock, escalationIntervalMs: 0, reminderIntervalMs: 0 } });
    await seedDemoYear(api.started.app, clock, period);
    origin = api.started.url;
    for (const route of ['/follow-ups']) if ((await api.get(route)).status === 404) missingRoutes.add(route);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    api?.removeData();
  });

  const tab = (viewport?: { width: number; height: number }) => ConsoleTab.open(browser, origin, viewport);

  /** What went wrong in the tab: console errors (but a known missing route's 404) and requests elsewhere. */
  function trouble(page: ConsoleTab) {
    const problems = page.problems.filter((problem) => ![...missingRoutes].some((route) => problem.includes(`${origin}${route}`)));
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
      // Without API keys everyone on loopback is the local admin: there is no session to end.
      expect(await page.page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
      const campaign = (await api.get(`/campaigns?period=${period}`)).body;
      const year = (await api.get(`/periods/${period}`)).body;
      const risks: any[] = (await api.get(`/risk-register?period=${period}`)).body;
      const open = risks.filter((risk) => risk.status !== 'closed');
      expect(await page.figures()).toMatchObject({
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
      // The chart library comes in its own chunk, after the figures.
      await page.page.locator('.chart svg').nth(2).waitFor();
      expect(await page.page.locator('.chart svg').count()).toBe(3);
      await page.screenshot('overview');
      expect(await page.seriousViolations()).toEqual([]);
      expect(trouble(page)).toEqual({ problems: [], foreignRequests: [] });
    } finally {
      await page.close();
    }
  });

  const pages: Array<{ route: string; heading: string | RegExp; shot: string; rows?: string }> = [
    { route: `/suppliers?period=${period}`, heading: 'Suppliers', shot: 'suppliers', rows: '/suppliers' },
    { route: `/suppliers/demo-cm-5?period=${period}`, heading: 'Supplier', shot: 'supplier' },
    { route: `/follow-ups?period=${period}`, heading: 'Follow-up queue', shot: 'follow-ups' },
    { route: `/risks?period=${period}`, heading: 'Risk register', shot: 'risks', rows: `/risk-register?period=${period}` },
    { route: `/smelters?period=${period}`, heading: 'Smelters', shot: 'smelters', rows: `/smelters?period=${period}` },
    { route: `/oecd?period=${period}`, heading: 'OECD steps', shot: 'oecd' },
    { route: `/audit?period=${period}`, heading: 'Audit trail', shot: 'audit' },
    { route: `/reports?period=${period}`, heading: 'Reports', shot: 'reports' },
  ];

  it.each(pages)(
    '$shot page renders the API’s rows with no console error, no foreign request, no serious axe violation',
    async ({ route, heading, shot, rows }) => {
      const page = await tab();
      try {
        await page.go(route, heading);
        if (rows) {
          const answer: unknown[] = (await api.get(rows)).body;
          expect((await page.figures()).rows).toBe(`${answer.length} ${answer.length === 1 ? 'row' : 'rows'}`);
        }
        await page.screenshot(shot);
        expect(await page.seriousViolations()).toEqual([]);
        expect(trouble(page)).toEqual({ problems: [], foreignRequests: [] });
      } finally {
        await page.close();
      }
    },
  );

  it('works on a tablet (768 px): the overview and the register fit the width, tables scroll in their own box', async () => {
    const page = await tab({ width: 768, height: 1024 });
    try {
      await page.go(`/?period=${period}`, 'Overview');
      expect(await page.fitsWidth()).toBe(true);
      await page.screenshot('overview-tablet');
      await page.go(`/risks?period=${period}`, 'Risk register');
      expect(await page.fitsWidth()).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('journey: upload workbooks (one chosen, one dropped) for suppliers who have not answered and see each one’s findings cell by cell, as the API recorded them', async () => {
    const page = await tab();
    try {
      await page.go(`/upload?period=${period}`, 'Upload workbooks');
      const withoutEmail = (company: string) =>
        Buffer.from(writeCells(readFixture(CMRT_6_6_FIXTURE), { Declaration: { ...filledCmrtCells(company).Declaration, D16: '' } }));
      const complete = (company: string) => Buffer.from(writeCells(readFixture(CMRT_6_6_FIXTURE), filledCmrtCells(company)));
      // The files' names name the suppliers: the page picks them.
      await page.page.setInputFiles('#workbooks', {
        name: 'demo-sub-38 CMRT.xlsx',
        mimeType: XLSX,
        buffer: withoutEmail('Demo Component Supplier 38 (sample data)'),
      });
      // Dropped on the drop zone as a person drags it from their desktop (a DataTransfer holding the file).
      const dropped = complete('Demo Component Supplier 40 (sample data)').toString('base64');
      const dataTransfer = await page.page.evaluateHandle(
        `(() => { const bytes = Uint8Array.from(atob('${dropped}'), (c) => c.charCodeAt(0)); const transfer = new DataTransfer(); transfer.items.add(new File([bytes], 'demo-sub-40.xlsx', { type: '${XLSX}' })); return transfer; })()`,
      );
      await page.page.dispatchEvent('.drop', 'drop', { dataTransfer });
      const items = {
        'demo-sub-38': page.page.locator('[data-file="demo-sub-38 CMRT.xlsx"]'),
        'demo-sub-40': page.page.locator('[data-file="demo-sub-40.xlsx"]'),
      };
      for (const [supplierId, item] of Object.entries(items)) expect(await item.getByLabel('Supplier').inputValue()).toBe(supplierId);
      await page.page.getByRole('button', { name: 'Upload 2 workbook(s)' }).click();
      for (const [supplierId, item] of Object.entries(items)) {
        await item.locator('.upload-result').waitFor();
        const survey = (await api.get(`/suppliers/${supplierId}`)).body.surveys[0];
        const findings: any[] = survey.latestFindings;
        const cells = await item.locator('.upload-result tbody tr td:first-child').allInnerTexts();
        expect(cells.sort()).toEqual(
          findings.length ? findings.map((finding) => finding.cell ?? '—').sort() : ['No findings: the answer is complete.'],
        );
        expect(await item.locator('.upload-result').innerText()).toContain(
          `Recorded as response ${survey.responses.at(-1).responseNumber}`,
        );
      }
      expect(await items['demo-sub-38'].locator('.upload-result tbody').innerText()).toContain('Declaration!D16');
      await page.screenshot('upload');
      expect(await page.seriousViolations()).toEqual([]);
      expect(trouble(page)).toEqual({ problems: [], foreignRequests: [] });
    } finally {
      await page.close();
    }
  });

  it('journey: import suppliers from a CSV: the preview names each faulty row and field and imports nothing; the corrected file imports every row', async () => {
    const page = await tab();
    const header = 'supplierId,name,tier,country,owner,contactName,contactEmail';
    const faulty = [
      header,
      'console-new-1,Console Import One (spec),direct,DE,anna.buyer@demo.example,Kim Weber,kim@one.example',
      'console-new-2,Console Import Two (spec),direct,FR,,Lou Martin,not-an-e-mail',
    ];
    const corrected = [...faulty.slice(0, 2), 'console-new-2,Console Import Two (spec),direct,FR,,Lou Martin,lou@two.example'];
    const choose = (lines: string[]) =>
      page.page
        .getByLabel(/^Spreadsheet/)
        .setInputFiles({ name: 'suppliers.csv', mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\n')}\n`) });
    try {
      await page.go(`/suppliers/import?period=${period}`, 'Import suppliers');
      await choose(faulty);
      await page.page.getByRole('button', { name: 'Preview' }).click();
      await page.page.locator('[data-figure="previewErrors"]').waitFor();
      expect(await page.page.locator('[data-figure="previewErrors"]').innerText()).toMatch(/^1 row\(s\) with errors/);
      expect(await page.page.locator('tr[data-key="3"]').innerText()).toMatch(/contactEmail: /);
      expect(await page.page.getByRole('button', { name: /^Import/ }).count()).toBe(0);
      await page.screenshot('supplier-import');
      expect((await api.get('/suppliers/console-new-1')).status).toBe(404);
      await choose(corrected);
      await page.page.getByRole('button', { name: 'Preview' }).click();
      await page.page.getByText('2 row(s) ready to import.').waitFor();
      await page.page.getByRole('button', { name: 'Import 2 row(s)' }).click();
      await page.page.getByText('Imported: 2 row(s).').waitFor();
      const suppliers: any[] = (await api.get('/suppliers')).body;
      expect(
        suppliers
          .filter((supplier) => supplier.supplierId.startsWith('console-new-'))
          .map((supplier) => [supplier.supplierId, supplier.name]),
      ).toEqual([
        ['console-new-1', 'Console Import One (spec)'],
        ['console-new-2', 'Console Import Two (spec)'],
      ]);
      expect(await page.seriousViolations()).toEqual([]);
      expect(trouble(page)).toEqual({ problems: [], foreignRequests: [] });
    } finally {
      await page.close();
    }
  });

  it("journey: launch a campaign from the suppliers page: every selected supplier without a request gets one, and the campaign is the API's", async () => {
    const page = await tab();
    try {
      await page.go(`/suppliers?period=${period}`, 'Suppliers');
      await page.page.getByText(`Launch a campaign for ${period}`).click();
      const form = page.page.getByRole('form', { name: 'Launch campaign' });
      await form.getByLabel('Campaign id').fill('console-campaign');
      await form.getByLabel('Suppliers').selectOption('direct');
      // Without a due date the period's default applies, which the demo year's clock has passed: the form shows the refusal.
      await form.getByRole('button', { name: 'Launch campaign' }).click();
      await form.getByText(/due date .* is already past/).waitFor();
      await form.getByLabel('Campaign id').fill('console-campaign');
      await form.getByLabel('Suppliers').selectOption('direct');
      await form.getByLabel('Due date').fill(`${period + 1}-12-31`);
      await form.getByRole('button', { name: 'Launch campaign' }).click();
      await page.page.getByText(/^Launched:/).waitFor();
      const campaign = (await api.get(`/campaigns/console-campaign`)).body;
      expect(campaign).toMatchObject({
        campaignId: 'console-campaign',
        period,
        dueDate: `${period + 1}-12-31`,
        selection: { tier: 'direct' },
      });
      // The suppliers imported above had no request: they get one; the others had one already.
      const sentTo = campaign.members
        .filter((member: { outcome: string }) => member.outcome === 'sent')
        .map((m: { supplierId: string }) => m.supplierId);
      expect(sentTo).toEqual(expect.arrayContaining(['console-new-1', 'console-new-2']));
      expect(campaign.sent).toBe(sentTo.length);
      expect(await page.seriousViolations()).toEqual([]);
      // The one refusal above is the browser's only complaint.
      expect(trouble(page)).toEqual({ problems: [expect.stringMatching(/422 .*\/commands\/LaunchCampaign/)], foreignRequests: [] });
    } finally {
      await page.close();
    }
  });

  it('journey: resolve an open follow-up from the queue with a note: the survey records it, the queue empties', async () => {
    const page = await tab();
    try {
      await page.go(`/follow-ups?period=${period}`, 'Follow-up queue');
      const open = ((await api.get(`/surveys?period=${period}`)).body as any[]).flatMap((survey) =>
        survey.followUps
          .filter((followUp: any) => !followUp.resolvedAt)
          .map((followUp: any) => ({ supplierId: survey.supplierId, ...followUp })),
      );
      expect((await page.figures()).rows).toBe(`${open.length} ${open.length === 1 ? 'row' : 'rows'}`);
      const chosen = open[0];
      await page.page.getByLabel(`Select ${chosen.followUpId}`).check();
      await page.page.getByLabel(/^Note/).fill('Corrected e-mail received by phone (console spec)');
      await page.page.getByRole('button', { name: 'Resolve 1 selected' }).click();
      await page.page.getByText('1 done.').waitFor();
      const survey = ((await api.get(`/surveys?period=${period}`)).body as any[]).find((row) => row.supplierId === chosen.supplierId);
      expect(survey.followUps.find((followUp: any) => followUp.followUpId === chosen.followUpId).resolvedAt).not.toBeNull();
      await page.page.waitForFunction(
        `document.querySelector('[data-figure="rows"]').textContent.trim() === '${open.length - 1} ${open.length - 1 === 1 ? 'row' : 'rows'}'`,
      );
      expect(trouble(page)).toEqual({ problems: [], foreignRequests: [] });
    } finally {
      await page.close();
    }
  });

  it('is used with the keyboard: Tab reaches "Skip to content" first, a column header sorts with Enter, the sort is in the URL', async () => {
    const page = await tab();
    try {
      await page.go(`/risks?period=${period}`, 'Risk register');
      await page.page.keyboard.press('Tab');
      expect(await page.page.evaluate('document.activeElement.textContent.trim()')).toBe('Skip to content');
      await page.page.getByRole('link', { name: 'Severity' }).focus();
      await page.page.keyboard.press('Enter');
      await page.page.waitForFunction('location.hash.includes("sort=severity")');
      expect(await page.page.locator('th[aria-sort="ascending"]').innerText()).toContain('Severity');
      const severities = await page.page.locator('table tbody tr td:nth-child(3)').allInnerTexts();
      expect(severities).toEqual(
        [...severities].sort((a, b) => ['high', 'medium', 'low'].indexOf(a) - ['high', 'medium', 'low'].indexOf(b)),
      );
    } finally {
      await page.close();
    }
  });

  it('journey: triage three risks in bulk (assess with one rationale): one command per risk, the signed-in principal as actor', async () => {
    const page = await tab();
    try {
      await page.go(`/risks?period=${period}&status=open`, 'Risk register');
      const open: any[] = (await api.get(`/risk-register?period=${period}&status=open`)).body;
      expect(open.length).toBeGreaterThanOrEqual(3);
      const chosen = open.slice(0, 3).map((risk) => risk.riskId as string);
      for (const riskId of chosen) await page.page.getByLabel(`Select ${riskId}`).check();
      const form = page.page.getByRole('form', { name: 'Bulk triage' });
      await form.getByLabel('Likelihood').selectOption('possible');
      await form.getByLabel('Impact').selectOption('moderate');
      await form.getByLabel(/Rationale/).fill('Triaged together in the console: supplier answers pending');
      await form.getByRole('button', { name: 'Apply to 3 risk(s)' }).click();
      await page.page.locator('[data-figure="bulkOutcome"]').waitFor();
      expect(await page.page.locator('[data-figure="bulkOutcome"]').innerText()).toContain('3 of 3 recorded.');
      for (const riskId of chosen) {
        const risk = (await api.get(`/risk-register/${riskId}`)).body;
        expect(risk.assessment).toMatchObject({
          likelihood: 'possible',
          impact: 'moderate',
          rationale: 'Triaged together in the console: supplier answers pending',
          by: 'local',
        });
        expect(risk.history.at(-1)).toMatchObject({ type: 'RiskAssessed', by: 'local' });
      }
      // Who changed this risk and when: the risk's page shows it.
      await page.go(`/risks/${chosen[0]}?period=${period}`, 'Risk');
      expect(await page.page.locator('table tbody tr').last().innerText()).toMatch(/local\s+RiskAssessed/);
      await page.screenshot('risk');
      expect(trouble(page)).toEqual({ problems: [], foreignRequests: [] });
    } finally {
      await page.close();
    }
  });

  it('journey: open an OECD evidence id and see that event verified, with its payload', async () => {
    const page = await tab();
    try {
      await page.go(`/oecd?period=${period}`, 'OECD steps');
      const oecd = (await api.get(`/oecd-status?period=${period}`)).body;
      const evidence: string = oecd.steps[2].criteria.find((criterion: any) => criterion.evidence.length > 0).evidence[0];
      await page.page
        .locator('section', { has: page.page.locator('#step-3') })
        .locator(`a[title="Open event ${evidence}"]`)
        .first()
        .click();
      await page.settled(/./);
      await page.page.locator('[data-figure="eventId"]').waitFor();
      const event = (await api.get(`/events/${evidence}`)).body;
      expect(await page.figures()).toMatchObject({
        eventId: evidence,
        verification: event.verification.status,
        actor: event.metadata.actor,
      });
      expect(JSON.parse(await page.page.locator('[data-figure="payload"]').innerText())).toEqual(event.data);
      await page.screenshot('event');
      expect(await page.seriousViolations()).toEqual([]);
      expect(trouble(page)).toEqual({ problems: [], foreignRequests: [] });
    } finally {
      await page.close();
    }
  });

  it('journey: download the evidence pack from the Reports page (the zip the API makes) and see on the Audit page that the log was never sealed', async () => {
    const page = await tab();
    try {
      await page.go(`/reports?period=${period}`, 'Reports');
      const [download] = await Promise.all([
        page.page.waitForEvent('download', { timeout: 120_000 }),
        page.page.getByRole('link', { name: `Evidence pack for ${period}` }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`evidence-${period}.zip`);
      const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
      expect(Object.keys(files)).toEqual(
        expect.arrayContaining([`evidence-pack-${period}/SHA256SUMS`, `evidence-pack-${period}/events.jsonl`]),
      );
      await page.go(`/audit?period=${period}`, 'Audit trail');
      await page.page.locator('[data-figure="newestSeal"]').waitFor();
      expect((await page.figures()).newestSeal).toBe('never sealed');
      expect(trouble(page)).toEqual({ problems: [], foreignRequests: [] });
    } finally {
      await page.close();
    }
  }, 180_000);

  it('journey: move the as-of control to a time before a risk was raised and see the register shrink to what was known then', async () => {
    const before = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const grievance = await api.post('RecordGrievance', {
      period,
      grievanceId: 'console-as-of-1',
      description: 'Raised after the as-of point (console spec)',
      metal: 'gold',
    });
    expect(grievance.status).toBe(201);
    const now: any[] = (await api.get(`/risk-register?period=${period}`)).body;
    const then: any[] = (await api.get(`/risk-register?period=${period}&asOf=${before}`)).body;
    expect(then.length).toBeLessThan(now.length);
    const page = await tab();
    try {
      await page.go(`/risks?period=${period}`, 'Risk register');
      expect((await page.figures()).rows).toBe(`${now.length} rows`);
      await page.page.getByLabel('As-of time').fill(before.slice(0, 19));
      await page.page.getByRole('search', { name: 'As of' }).getByRole('button', { name: 'Show' }).click();
      await page.page.locator('[data-figure="asOfBanner"]').waitFor();
      await page.settled('Risk register');
      await page.page.waitForFunction(
        `document.querySelector('[data-figure="rows"]').textContent.trim() === '${then.length} ${then.length === 1 ? 'row' : 'rows'}'`,
      );
      expect(new URL(page.page.url()).hash).toContain(`asOf=${encodeURIComponent(before)}`);
      // The past is read only: no bulk triage.
      expect(await page.page.getByRole('form', { name: 'Bulk triage' }).count()).toBe(0);
      await page.screenshot('risks-as-of');
      expect(trouble(page)).toEqual({ problems: [], foreignRequests: [] });
    } finally {
      await page.close();
    }
  });
});
