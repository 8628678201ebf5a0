import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import {
  clockAsOf,
  engineConfigFromEnv,
  logAsOf,
  oecdStatusRead,
  projectionsNamed,
  ReadAsOfParams,
  readModelFile,
  readModelsOver,
  resolveAsOf,
  riskRegisterRead,
  systemClock,
} from '@dd/engine/as-of';
import { readModelsAsOf } from '@dd/projections';
import { printTable } from '../print-table';
import { writeJsonStreamed } from '../streamed-json';
import { withStore } from '../with-store';

const asInt = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number)) throw new Error(`not a whole number: ${value}`);
  return number;
};

/**
 * `audit replay`: the risk register and OECD status as they stood at a time. It reads the event store
 * and the read-model file only (no engine, no Nest), so that main.ts can run it without loading the
 * other commands (docs/as-of-at-scale.md): keep its imports to `@dd/engine/as-of` and the libraries
 * below the engine.
 */
export function registerReplayCommand(audit: Command): void {
  audit
    .command('replay')
    .description('the risk register and OECD status as they stood at a time (what we knew then)')
    .requiredOption('--as-of <time>', 'ISO time, or YYYY-MM-DD for the end of that day (UTC)')
    .option('--occurred', 'by business time: what had happened by then (occurredAt), rather than what was recorded by then')
    .option('--period <year>', 'reporting period (default: every period seen)', asInt)
    .option('--json', 'print JSON')
    .action(async (options: { asOf: string; occurred?: boolean; period?: number; json?: boolean }) => {
      const parsed = ReadAsOfParams.safeParse(options.occurred ? { occurredAsOf: options.asOf } : { asOf: options.asOf });
      if (!parsed.success) throw new Error(`--as-of: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
      const config = engineConfigFromEnv();
      const file = readModelFile(config);
      await withStore(async (store) => {
        // The same path as GET /risk-register?asOf=…: a recorded time becomes a position, answered
        // from the read models' history when they keep it that far (else by a replay of these two).
        const asOf = await resolveAsOf(store, parsed.data);
        const needs = [riskRegisterRead, oecdStatusRead].flatMap((read) => read.readModels);
        const { db, source, historyOffSince } = await readModelsAsOf(
          store,
          file !== ':memory:' && existsSync(file) ? file : null,
          projectionsNamed(needs),
          asOf.cut,
        );
        try {
          // The same answers as GET /risk-register and /oecd-status, over the read models as they stood then.
          const models = readModelsOver(db, logAsOf(store, asOf.cut), clockAsOf(systemClock, asOf));
          const periods = options.period !== undefined ? [options.period] : models.oecdStatus.periods();
          const heading = {
            asOf: options.asOf,
            position: asOf.cut.position,
            source,
            ...(historyOffSince === undefined ? {} : { historyOffSince }),
          };
          // One period at a time, written as soon as it is answered: at ten million events every period's
          // risk register together is hundreds of megabytes, which the answer never needs to hold at once.
          const answers = (async function* () {
            for (const period of periods) {
              yield {
                period,
                riskRegister: await riskRegisterRead.answer({ period }, models),
                oecdStatus: await oecdStatusRead.answer({ period }, models),
              };
            }
          })();
          if (options.json) await writeJsonStreamed(heading, 'periods', answers, (lines) => console.log(lines));
          else await printText(heading, answers, options.occurred === true);
        } finally {
          db.close();
        }
      });
    });
}

interface PeriodAnswer {
  period: number;
  riskRegister: Awaited<ReturnType<typeof riskRegisterRead.answer>>;
  oecdStatus: Awaited<ReturnType<typeof oecdStatusRead.answer>>;
}

async function printText(
  heading: { asOf: string; position: number; source: string; historyOffSince?: number },
  answers: AsyncIterable<PeriodAnswer>,
  occurred: boolean,
): Promise<void> {
  console.log(
    `${occurred ? `As happened by ${heading.asOf}` : `As recorded up to ${heading.asOf}`} (log position ${heading.position}, ${heading.source === 'history' ? "from the read models' history" : 'replayed'}):`,
  );
  // Why the slower path: the operator may have switched history off and forgotten it.
  if (heading.historyOffSince !== undefined)
    console.log(
      `  (the read models keep no history: DD_READ_MODEL_HISTORY=off since position ${heading.historyOffSince}; switch it on to answer from history from then on, \`projections rebuild\` for the whole log)`,
    );
  let none = true;
  for await (const { period, riskRegister, oecdStatus } of answers) {
    none = false;
    console.log(`\nPeriod ${period}: ${riskRegister.length} risk(s)`);
    printTable(
      ['risk', 'supplier', 'metal', 'smelter', 'category', 'severity', 'status', 'raised at'],
      riskRegister.map((r) => [
        r.riskId,
        r.supplierId ?? '(none)',
        r.metal ?? '',
        r.smelterId ?? '',
        r.category,
        r.severity,
        r.status,
        r.raisedAt,
      ]),
    );
    console.log('OECD steps:');
    for (const step of oecdStatus.steps) {
      console.log(`  ${step.step}. ${step.name}: ${step.status}${step.missing.length ? ` (missing: ${step.missing.join('; ')})` : ''}`);
    }
  }
  if (none) console.log('  nothing recorded yet');
}
