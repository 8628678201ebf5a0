import type { Command } from 'commander';
import { EVENT_STORE, SettableClock, engineConfigFromEnv } from '@dd/engine';
import type { EventStore } from '@dd/event-store';
import { Period } from '@dd/domain';
import { withEngine } from '../engine-context';
import { seedDemoYear, type DemoYearSummary } from './seed-demo-year';

function fail(message: string): void {
  console.error(message);
  process.exitCode = 1;
}

const pct = (ratio: number | null) => (ratio === null ? 'n/a' : `${(ratio * 100).toFixed(1)} %`);

function printSummary(summary: DemoYearSummary): void {
  const { period, campaign, oecd, conclusions, risks } = summary;
  const port = engineConfigFromEnv().port;
  console.log(`\nSample year ${period} seeded (every name says "(sample data)", every id starts with "demo-"):`);
  console.log(
    `  suppliers   ${summary.suppliers.direct} direct (contract manufacturers), ${summary.suppliers.indirect} indirect; ${summary.products} products`,
  );
  console.log(
    `  campaign    ${campaign.requestsSent} CMRT requests, ${campaign.responded} answered (${pct(campaign.responseRate)}), ` +
      `${campaign.remindersSent} reminders, ${campaign.escalations} escalations, ${campaign.followUpsOpen} follow-up(s) open`,
  );
  console.log(`  risks       ${risks.length} in the register, ${risks.filter((risk) => risk.status !== 'closed').length} open`);
  console.log(`  OECD steps  ${oecd.steps.map((step) => `${step.step}: ${step.status}`).join(', ')}`);
  for (const step of oecd.steps)
    for (const missing of step.criteria.filter((criterion) => !criterion.met))
      console.log(`              step ${step.step} missing: ${missing.missing}`);
  console.log(
    `  products    ${Object.entries(conclusions.byConclusion)
      .filter(([, count]) => count > 0)
      .map(([conclusion, count]) => `${count} ${conclusion}`)
      .join(', ')}`,
  );
  console.log(`\nWhere to look (start the API with \`npm start\`):`);
  for (const path of [
    `/oecd-status?period=${period}`,
    `/campaigns?period=${period}`,
    `/risk-register?period=${period}`,
    `/program?period=${period}`,
    `/product-conclusions?period=${period}`,
    '/suppliers',
    '/docs',
  ]) {
    console.log(`  http://localhost:${port}${path}`);
  }
}

export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('a clearly labelled sample year, for a first look');
  demo
    .command('seed')
    .description(
      'fill an empty store with a sample reporting year: suppliers, products, a CMRT campaign with reminders and follow-ups, risks, OECD status',
    )
    .option('--period <year>', 'the reporting year', '2024')
    .option('--force', "seed even though the store is not empty (the demo's own commands are idempotent)")
    .option('--json', 'print the summary as JSON')
    .action(async (options: { period: string; force?: boolean; json?: boolean }) => {
      const period = Period.safeParse(Number(options.period));
      if (!period.success) return fail(`--period must be a year between 2010 and 2100, got ${options.period}`);
      // The year is played on a clock of its own, starting where the sample year starts.
      const clock = new SettableClock(`${period.data + 1}-01-01T00:00:00.000Z`);
      const summary = await withEngine(
        async (engine) => {
          const head = await engine.get<symbol, EventStore>(EVENT_STORE).headPosition();
          if (head > 0 && !options.force) {
            fail(
              `the store already holds ${head} event(s); the demo seeds an empty store only (use --force to add the sample year anyway)`,
            );
            return null;
          }
          return seedDemoYear(engine, clock, period.data, options.json ? undefined : (line) => console.log(line));
        },
        {
          clock,
          escalationIntervalMs: 0,
          command: 'demo seed',
          // The year is played on the demo's own clock, with its process managers reacting on that clock.
          whileServerRuns: 'refuse',
          refusal: 'the demo plays its year with process managers on its own clock: stop the server, seed, then start it again',
        },
      );
      if (!summary) return;
      if (options.json) return console.log(JSON.stringify(summary, null, 2));
      printSummary(summary);
    });
}
