import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Command } from 'commander';
import { CommandBus } from '@nestjs/cqrs';
import { CmrtRejected } from '@dd/cmrt';
import { CommandRefused, streams, type ReferenceListImported, type RmapStatusListImported } from '@dd/domain';
import { EVENT_STORE, ImportReferenceListCommand, ImportRmapStatusListCommand, sha256Hex, type CommandResult } from '@dd/engine';
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
  if (error instanceof CsvInvalid || error instanceof ReferenceListUnusable) return error.message;
  if (error instanceof CmrtRejected) return `rejected (${error.code}): ${error.message}`;
  if (error instanceof CommandRefused) return `refused (${error.code}): ${error.reason}`;
  if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') return `no such file: ${(error as NodeJS.ErrnoException).path}`;
  return undefined;
}

/** Runs one import command and reads back the event it appended (undefined: nothing new). */
async function importList<Event>(
  name: string,
  command: (metadata: { commandId: string; actor: string }) => ImportReferenceListCommand | ImportRmapStatusListCommand,
  streamId: string,
) {
  return withEngine(async (engine) => {
    // The deciders ignore the file that is already the current list and refuse an older one, so a
    // fresh commandId per run is safe; a concurrent run of the same file loses the version race and then finds it current.
    const result: CommandResult = await engine.get(CommandBus).execute(command({ commandId: randomUUID(), actor: cliActor() }));
    if (result.eventIds.length === 0) return { result, event: undefined };
    const [event] = await engine.get<symbol, EventStore>(EVENT_STORE).readStream(streamId, { fromVersion: result.streamVersion, maxCount: 1 });
    return { result, event: event?.data as Event | undefined };
  }, { command: name, whileServerRuns: 'follow' });
}

export function registerSmelterCommands(program: Command): void {
  const smelters = program.command('smelters').description("RMI's smelter reference list and RMAP status lists");

  smelters
    .command('import-reference')
    .description("import RMI's smelter reference list from a CMRT template's Smelter Look-up sheet, or from a CSV with its columns")
    .argument('<file>', 'a CMRT template (.xlsx) or a CSV (Metal, Smelter Look-up, Standard Smelter Name, Smelter Country, Smelter ID, ...)')
    .option('--as-of <date>', "the list's date (YYYY-MM-DD); for 6.4 and 6.5 templates it is known")
    .option('--json', 'print JSON')
    .action(async (file: string, options: { asOf?: string; json?: boolean }) => {
      try {
        const bytes = new Uint8Array(readFileSync(file));
        const source = { fileName: basename(file), sha256: sha256Hex(bytes) };
        const list =
          extname(file).toLowerCase() === '.csv'
            ? referenceListFromCsv(new TextDecoder().decode(bytes), source, options.asOf)
            : referenceListFromTemplate(bytes, source, options.asOf);
        const { event } = await importList<ReferenceListImported>('smelters import-reference', (metadata) => new ImportReferenceListCommand(list, metadata), streams.referenceList());
        const smelterCount = new Set(list.rows.filter((row) => row.smelterId).map((row) => `${row.metal}|${row.smelterId}`)).size;
        const what = `${list.rows.length} rows, ${smelterCount} smelters, as of ${list.asOf}${list.source.templateVersion ? ` (CMRT ${list.source.templateVersion} template)` : ''}`;
        if (options.json) {
          return console.log(JSON.stringify({ recorded: !!event, asOf: list.asOf, source: list.source, rows: list.rows.length, smelters: smelterCount, diff: event?.diff ?? null }, null, 2));
        }
        if (!event) return console.log(`already the current reference list: ${source.fileName} (${what}); nothing recorded`);
        const { added, removed, renamed } = event.diff;
        console.log(`imported the smelter reference list ${source.fileName}: ${what}`);
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
        const list = rmapStatusListFromCsv(new TextDecoder().decode(bytes), { fileName: basename(file), sha256: sha256Hex(bytes) }, options.asOf);
        const { event } = await importList<RmapStatusListImported>('smelters import-status', (metadata) => new ImportRmapStatusListCommand(list, metadata), streams.rmapStatus());
        const changes = event?.changes ?? [];
        const counts = {
          listed: changes.filter((change) => change.from === null).length,
          changed: changes.filter((change) => change.from !== null && change.to !== null).length,
          delisted: changes.filter((change) => change.to === null).length,
        };
        if (options.json) return console.log(JSON.stringify({ recorded: !!event, asOf: list.asOf, entries: list.entries.length, ...counts, changes }, null, 2));
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
}
