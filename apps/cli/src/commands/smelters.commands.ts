import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { CmrtRejected } from '@dd/cmrt';
import {
  CommandRefused,
  ImportReferenceList,
  ImportRmapStatusList,
  streams,
  WithdrawReferenceList,
  WithdrawRmapStatusList,
  type ReferenceListImported,
  type CommandData,
  type ReferenceListWithdrawn,
  type RmapStatusListImported,
  type RmapStatusListWithdrawn,
} from '@dd/domain';
import { EVENT_STORE, CommandDispatcher, sha256Hex, type CommandResult } from '@dd/engine';
import type { EventStore } from '@dd/event-store';
import { cliActor } from '../cli-actor';
import { CsvInvalid } from '../csv/csv-table';
import { withEngine } from '../engine-context';
import { ReferenceListUnusable, referenceListFromCsv, referenceListFromTemplate } from '../smelters/reference-list-source';
import { rmapStatusListFromCsv } from '../smelters/rmap-status-source';

function fail(message: string): void {
  console.error(message);
  process.exitCode = 1;
}

/** Problems with the input file or the domain's refusal: a message and exit code 1. */
function userProblem(error: unknown): string | undefined {
  if (error instanceof CsvInvalid || error instanceof ReferenceListUnusable || error instanceof OptionsInvalid) return error.message;
  if (error instanceof CmrtRejected) return `rejected (${error.code}): ${error.message}`;
  if (error instanceof CommandRefused) return `refused (${error.code}): ${error.reason}`;
  if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') return `no such file: ${(error as NodeJS.ErrnoException).path}`;
  return undefined;
}

type ListCommandName = 'ImportReferenceList' | 'ImportRmapStatusList' | 'WithdrawReferenceList' | 'WithdrawRmapStatusList';

/** The options of a withdrawal, checked by the command's own schema; each problem names its option. */
function withdrawal(schema: typeof WithdrawReferenceList | typeof WithdrawRmapStatusList, options: { asOf?: string; reason?: string }) {
  const parsed = schema.safeParse({ asOf: options.asOf, reason: options.reason });
  if (parsed.success) return parsed.data;
  const option = (field: PropertyKey | undefined) => (field === 'asOf' ? '--as-of' : field === 'reason' ? '--reason' : String(field));
  throw new OptionsInvalid(parsed.error.issues.map((issue) => `${option(issue.path[0])}: ${issue.message}`));
}

/** A list read from a file, checked by its command's schema as the API would check it (file name, names...). */
function checked(schema: typeof ImportReferenceList | typeof ImportRmapStatusList, list: unknown, fileName: string): void {
  const parsed = schema.safeParse(list);
  if (parsed.success) return;
  throw new OptionsInvalid(parsed.error.issues.slice(0, 25).map((issue) => `${fileName}: ${issue.path.join('.')}: ${issue.message}`));
}

class OptionsInvalid extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Runs one list command (named as the CLI names it) and reads back the event it appended (undefined: nothing new). */
async function importList<Event, Name extends ListCommandName = ListCommandName>(
  name: string,
  command: Name,
  data: CommandData<Name>,
  streamId: string,
) {
  return withEngine(
    async (engine) => {
      // The deciders ignore the file that is already the current list and refuse an older one, so a
      // fresh commandId per run is safe; a concurrent run of the same file loses the version race and then finds it current.
      const result: CommandResult = await engine
        .get(CommandDispatcher)
        .dispatch(command, data, { commandId: randomUUID(), actor: cliActor() });
      if (result.eventIds.length === 0) return { result, event: undefined };
      const [event] = await engine
        .get<symbol, EventStore>(EVENT_STORE)
        .readStream(streamId, { fromVersion: result.streamVersion, maxCount: 1 });
      return { result, event: event?.data as Event | undefined };
    },
    { command: name, whileServerRuns: 'follow' },
  );
}

export function registerSmelterCommands(program: Command): void {
  const smelters = program.command('smelters').description("RMI's smelter reference list and RMAP status lists");

  smelters
    .command('import-reference')
    .description(
      "import RMI's smelter reference list from a CMRT template's Smelter Look-up sheet, or from a CSV with its columns; an EMRT template's Smelter Look-up is imported as the EMRT's own list (cobalt ... nickel), beside the 3TG list",
    )
    .argument(
      '<file>',
      'a CMRT or EMRT template (.xlsx) or a CSV (Metal, Smelter Look-up, Standard Smelter Name, Smelter Country, Smelter ID, ...)',
    )
    .option('--as-of <date>', "the list's date (YYYY-MM-DD); for 6.4 and 6.5 templates it is known, for an EMRT it must be given")
    .option('--json', 'print JSON')
    .action(async (file: string, options: { asOf?: string; json?: boolean }) => {
      try {
        const bytes = new Uint8Array(readFileSync(file));
        const source = { fileName: basename(file), sha256: sha256Hex(bytes) };
        const list =
          extname(file).toLowerCase() === '.csv'
            ? referenceListFromCsv(new TextDecoder().decode(bytes), source, options.asOf)
            : referenceListFromTemplate(bytes, source, options.asOf);
        checked(ImportReferenceList, list, source.fileName);
        const { event } = await importList<ReferenceListImported>(
          'smelters import-reference',
          'ImportReferenceList',
          list,
          streams.referenceList(list.family ?? 'cmrt'),
        );
        const smelterCount = new Set(list.rows.filter((row) => row.smelterId).map((row) => `${row.metal}|${row.smelterId}`)).size;
        const templateName = list.source.kind === 'emrt-template' ? 'EMRT' : 'CMRT';
        const what = `${list.rows.length} rows, ${smelterCount} smelters, as of ${list.asOf}${list.source.templateVersion ? ` (${templateName} ${list.source.templateVersion} template)` : ''}`;
        if (options.json) {
          return console.log(
            JSON.stringify(
              {
                recorded: !!event,
                family: list.family ?? 'cmrt',
                asOf: list.asOf,
                source: list.source,
                rows: list.rows.length,
                smelters: smelterCount,
                diff: event?.diff ?? null,
              },
              null,
              2,
            ),
          );
        }
        const listName = list.family === 'emrt' ? 'the EMRT smelter reference list' : 'the smelter reference list';
        const current = list.family === 'emrt' ? 'the current EMRT reference list' : 'the current reference list';
        if (!event) return console.log(`already ${current}: ${source.fileName} (${what}); nothing recorded`);
        const { added, removed, renamed } = event.diff;
        console.log(`imported ${listName} ${source.fileName}: ${what}`);
        console.log(`compared with the previous list: ${added.length} added, ${removed.length} removed, ${renamed.length} renamed`);
        for (const smelter of removed) console.log(`  removed  ${smelter.smelterId} ${smelter.metal}: ${smelter.standardName}`);
        for (const smelter of renamed) console.log(`  renamed  ${smelter.smelterId} ${smelter.metal}: ${smelter.from} -> ${smelter.to}`);
      } catch (error) {
        const problem = userProblem(error);
        if (problem) return fail(problem);
        throw error;
      }
    });

  smelters
    .command('import-status')
    .description('import an RMAP status list from CSV (Metal, Smelter ID, Name, Status; As Of column or --as-of)')
    .argument('<file>', 'the status list (.csv)')
    .option('--as-of <date>', "the list's date (YYYY-MM-DD), unless the file has an As Of column")
    .option('--json', 'print JSON')
    .action(async (file: string, options: { asOf?: string; json?: boolean }) => {
      try {
        const bytes = new Uint8Array(readFileSync(file));
        const list = rmapStatusListFromCsv(
          new TextDecoder().decode(bytes),
          { fileName: basename(file), sha256: sha256Hex(bytes) },
          options.asOf,
        );
        checked(ImportRmapStatusList, list, basename(file));
        const { event } = await importList<RmapStatusListImported>(
          'smelters import-status',
          'ImportRmapStatusList',
          list,
          streams.rmapStatus(),
        );
        const changes = event?.changes ?? [];
        const counts = {
          listed: changes.filter((change) => change.from === null).length,
          changed: changes.filter((change) => change.from !== null && change.to !== null).length,
          delisted: changes.filter((change) => change.to === null).length,
        };
        if (options.json)
          return console.log(
            JSON.stringify({ recorded: !!event, asOf: list.asOf, entries: list.entries.length, ...counts, changes }, null, 2),
          );
        if (!event) return console.log(`already the current RMAP status list: ${basename(file)} (as of ${list.asOf}); nothing recorded`);
        console.log(`imported the RMAP status list ${basename(file)}: ${list.entries.length} smelters as of ${list.asOf}`);
        console.log(`changes: ${counts.listed} newly listed, ${counts.changed} changed status, ${counts.delisted} no longer listed`);
        for (const change of changes.filter((c) => c.from !== null)) {
          console.log(`  ${change.smelterId} ${change.metal}: ${change.from} -> ${change.to ?? '(not listed)'}`);
        }
      } catch (error) {
        const problem = userProblem(error);
        if (problem) return fail(problem);
        throw error;
      }
    });

  smelters
    .command('withdraw-status')
    .description(
      'withdraw the current RMAP status list, imported by mistake: the list before it is current again, statuses revert, and the risks it raised are closed',
    )
    .requiredOption('--as-of <date>', 'the as-of date of the current list (YYYY-MM-DD), the one to withdraw')
    .requiredOption('--reason <text>', 'why it is withdrawn (recorded)')
    .option('--json', 'print JSON')
    .action(async (options: { asOf: string; reason: string; json?: boolean }) => {
      try {
        const data = withdrawal(WithdrawRmapStatusList, options);
        const { event } = await importList<RmapStatusListWithdrawn>(
          'smelters withdraw-status',
          'WithdrawRmapStatusList',
          data,
          streams.rmapStatus(),
        );
        if (!event) return fail('nothing was withdrawn');
        const restored = event.restored
          ? `the list as of ${event.restored.asOf} (${event.restored.source.fileName}) is current again`
          : 'no status list is current any more';
        if (options.json)
          return console.log(
            JSON.stringify({ withdrawn: event.asOf, restored: event.restored?.asOf ?? null, changes: event.changes }, null, 2),
          );
        console.log(`withdrew the RMAP status list as of ${event.asOf}: ${restored}; ${event.changes.length} smelter status(es) revert`);
        for (const change of event.changes)
          console.log(`  ${change.smelterId} ${change.metal}: ${change.from ?? '(not listed)'} -> ${change.to ?? '(not listed)'}`);
        console.log(
          'the risks it raised are closed, and those it closed reopened where still warranted, by the engine (see the risk register)',
        );
      } catch (error) {
        const problem = userProblem(error);
        if (problem) return fail(problem);
        throw error;
      }
    });

  smelters
    .command('withdraw-reference')
    .description('withdraw the current smelter reference list, imported by mistake: the list before it is current again')
    .requiredOption('--as-of <date>', 'the as-of date of the current list (YYYY-MM-DD), the one to withdraw')
    .requiredOption('--reason <text>', 'why it is withdrawn (recorded)')
    .option('--emrt', "the EMRT's own reference list (imported from an EMRT workbook), not the 3TG list")
    .option('--json', 'print JSON')
    .action(async (options: { asOf: string; reason: string; emrt?: boolean; json?: boolean }) => {
      try {
        const data = { ...withdrawal(WithdrawReferenceList, options), ...(options.emrt ? { family: 'emrt' as const } : {}) };
        const { event } = await importList<ReferenceListWithdrawn>(
          'smelters withdraw-reference',
          'WithdrawReferenceList',
          data,
          streams.referenceList(options.emrt ? 'emrt' : 'cmrt'),
        );
        if (!event) return fail('nothing was withdrawn');
        if (options.json)
          return console.log(JSON.stringify({ withdrawn: event.asOf, restored: event.restored?.asOf ?? null, diff: event.diff }, null, 2));
        const restored = event.restored
          ? `the list as of ${event.restored.asOf} (${event.restored.source.fileName}) is current again`
          : 'no reference list is current any more';
        const { added, removed, renamed } = event.diff;
        console.log(`withdrew the ${options.emrt ? 'EMRT ' : ''}smelter reference list as of ${event.asOf}: ${restored}`);
        console.log(`compared with the withdrawn list: ${added.length} back, ${removed.length} gone, ${renamed.length} renamed back`);
      } catch (error) {
        const problem = userProblem(error);
        if (problem) return fail(problem);
        throw error;
      }
    });
}
