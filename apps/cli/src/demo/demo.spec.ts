import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../../test/support/run-cli';
import type { DemoYearSummary } from './seed-demo-year';

/** `demo seed` on a temporary SQLite store: a newcomer finds a populated register, campaign and OECD status. */
describe('demo seed', () => {
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dd-demo-'));
    env = { DD_DATA_DIR: dataDir, DD_EVENT_STORE: 'sqlite' };
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds an empty store with a labelled sample year whose read models are populated', async () => {
    const run = await runCli(['demo', 'seed', '--period', '2024', '--json'], env);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const summary = JSON.parse(run.stdout) as DemoYearSummary;

    expect(summary.suppliers).toEqual({ direct: 5, indirect: 40 });
    expect(summary.campaign).toMatchObject({
      period: 2024,
      requestsSent: 45,
      responded: 43,
      remindersSent: 20 + 8,
      escalations: 2,
      followUpsOpen: 1,
      byTier: { direct: { requestsSent: 5, responded: 5 }, indirect: { requestsSent: 40, responded: 38 } },
    });

    const categories = summary.risks.map((risk) => risk.category).sort();
    expect(categories).toEqual(['covered-country-sourcing', 'grievance', 'non-conformant-smelter', 'non-response', 'non-response']);
    expect(summary.risks.find((risk) => risk.category === 'non-conformant-smelter')).toMatchObject({
      smelterId: 'CID009002',
      status: 'mitigating',
      owner: 'anna.buyer@demo.example',
    });
    expect(summary.risks.find((risk) => risk.category === 'grievance')).toMatchObject({
      supplierId: null,
      metal: 'tin',
      raisedBy: 'system:grievance-risk',
    });

    const steps = Object.fromEntries(summary.oecd.steps.map((step) => [step.step, step.status]));
    expect(steps).toEqual({ 1: 'met', 2: 'met', 3: 'in-progress', 4: 'met', 5: 'not-started' });
    expect(summary.conclusions.byConclusion).toEqual({
      'DRC conflict free': 1,
      'not found to be DRC conflict free': 1,
      'DRC conflict undeterminable': 1,
      'no 3TG necessary': 0,
    });
  });

  it('refuses a store that is not empty, and with --force adds nothing it already wrote', async () => {
    const before = await runCli(['audit', 'verify'], env);
    expect(before.stdout).toMatch(/^ok: \d+ events/);
    const refused = await runCli(['demo', 'seed'], env);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/already holds \d+ event\(s\).*--force/);

    const forced = await runCli(['demo', 'seed', '--force'], env);
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toMatch(/Sample year 2024 seeded/);
    expect(forced.stdout).toMatch(/http:\/\/localhost:\d+\/oecd-status\?period=2024/);
    const after = await runCli(['audit', 'verify'], env);
    expect(after.exitCode).toBe(0);
    expect(after.stdout).toBe(before.stdout);
  });
});
