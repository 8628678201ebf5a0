import type { Command } from 'commander';
import { engineConfigFromEnv, GetAuditTrail } from '@dd/engine';
import { createEventStore, verifyLog, type EventStore } from '@dd/event-store';
import { allProjections, OecdStatusQueries, replayAsOf, RiskRegisterQueries } from '@dd/projections';
import { QueryBus } from '@nestjs/cqrs';
import { withEngine } from '../engine-context';
import { printTable } from '../print-table';

async function withStore<T>(work: (store: EventStore) => Promise<T>): Promise<T> {
  const config = engineConfigFromEnv();
  const store = createEventStore({ kind: config.eventStore, dataDir: config.dataDir, connectionString: config.kurrentConnectionString });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

const asInt = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number)) throw new Error(`not a whole number: ${value}`);
  return number;
};

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('for auditors: the trail, point-in-time replays, hash-chain verification');

  audit
    .command('trail')
    .description('every event with its actor and times, oldest first')
    .option('--supplier <id>', 'events about this supplier')
    .option('--stream <id>', 'events of this stream')
    .option('--type <type>', 'events of this type, e.g. ResponseRecorded')
    .option('--actor <principal>', 'events caused by this principal')
    .option('--from <time>', 'recorded at or after (ISO time or YYYY-MM-DD)')
    .option('--to <time>', 'recorded at or before (ISO time or YYYY-MM-DD)')
    .option('--limit <n>', 'page size (max 1000)', asInt, 100)
    .option('--after <position>', 'continue after this global position', asInt)
    .option('--json', 'print JSON')
    .action(async (options) => {
      const page = await withEngine((engine) =>
        engine.get(QueryBus).execute(
          new GetAuditTrail({
            supplierId: options.supplier,
            streamId: options.stream,
            type: options.type,
            actor: options.actor,
            from: options.from,
            to: options.to,
            limit: options.limit,
            after: options.after,
          }),
        ),
        // Reads the audit trail read model: the server's, read-only, while one runs.
        { command: 'audit trail', whileServerRuns: 'follow' },
      );
      if (options.json) return console.log(JSON.stringify(page, null, 2));
      printTable(
        ['pos', 'recorded at', 'occurred at', 'actor', 'type', 'stream', 'v'],
        page.items.map((e) => [e.position, e.recordedAt, e.occurredAt, e.actor, e.type, e.streamId, e.streamVersion]),
      );
      if (page.nextAfter !== null) console.log(`… more: --after ${page.nextAfter}`);
    });

  audit
    .command('replay')
    .description('the risk register and OECD status as they stood at a time (what we knew then)')
    .requiredOption('--as-of <time>', 'ISO time, or YYYY-MM-DD for the end of that day (UTC)')
    .option('--period <year>', 'reporting period (default: every period seen)', asInt)
    .option('--json', 'print JSON')
    .action(async (options: { asOf: string; period?: number; json?: boolean }) => {
      if (Number.isNaN(new Date(options.asOf).getTime())) throw new Error(`--as-of: not an ISO time or date: ${options.asOf}`);
      const report = await withStore(async (store) => {
        const db = await replayAsOf(store, allProjections, { recordedUntil: options.asOf });
        try {
          const oecd = new OecdStatusQueries(db);
          const risks = new RiskRegisterQueries(db);
          const periods = options.period !== undefined ? [options.period] : oecd.periods();
          const today = new Date(options.asOf).toISOString().slice(0, 10);
          return {
            asOf: options.asOf,
            periods: periods.map((period) => ({
              period,
              riskRegister: risks.list({ period }),
              oecdStatus: oecd.forPeriod(period, { today }),
            })),
          };
        } finally {
          db.close();
        }
      });
      if (options.json) return console.log(JSON.stringify(report, null, 2));
      console.log(`As recorded up to ${report.asOf}:`);
      if (report.periods.length === 0) console.log('  nothing recorded yet');
      for (const { period, riskRegister, oecdStatus } of report.periods) {
        console.log(`\nPeriod ${period}: ${riskRegister.length} risk(s)`);
        printTable(
          ['risk', 'supplier', 'metal', 'smelter', 'category', 'severity', 'status', 'raised at'],
          riskRegister.map((r) => [r.riskId, r.supplierId ?? '(none)', r.metal ?? '', r.smelterId ?? '', r.category, r.severity, r.status, r.raisedAt]),
        );
        console.log('OECD steps:');
        for (const step of oecdStatus.steps) {
          console.log(`  ${step.step}. ${step.name}: ${step.status}${step.missing.length ? ` (missing: ${step.missing.join('; ')})` : ''}`);
        }
      }
    });

  audit
    .command('verify')
    .description('recompute every stream hash chain; exits 1 and names the first broken link if one is broken')
    .action(async () => {
      const result = await withStore((store) => verifyLog(store));
      if (result.firstBrokenLink) {
        const link = result.firstBrokenLink;
        console.error(
          `BROKEN: ${link.streamId} version ${link.streamVersion} (global position ${link.globalPosition}): ${link.reason}\n  expected ${link.expected}\n  found    ${link.actual}`,
        );
        process.exitCode = 1;
        return;
      }
      console.log(`ok: ${result.events} events in ${result.streams} streams, every hash chain intact`);
    });
}
