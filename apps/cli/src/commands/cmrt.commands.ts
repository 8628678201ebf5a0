import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { CmrtRejected } from '@dd/cmrt';
import { Period, type Finding } from '@dd/domain';
import {
  CMRT_MAX_FILE_BYTES,
  CmrtResponseIntake,
  CommandDispatcher,
  EVENT_STORE,
  ORIGINALS_STORE,
  READ_MODEL_DB,
  ReadSide,
  readCmrtFile,
} from '@dd/engine';
import { SupplierQueries, suppliersProjection } from '@dd/projections';
import { cliActor } from '../cli-actor';
import { listBatch } from '../cmrt/batch-files';
import { FAILED_RESULTS, importBatch, resultText, type FileResult } from '../cmrt/cmrt-batch-import';
import { companyLines, inspectCmrt, metalCounts } from '../cmrt/cmrt-inspection';
import { SupplierDirectory, readSupplierMap } from '../cmrt/supplier-directory';
import { CsvInvalid } from '../csv/csv-table';
import { settleAfterWrites, withEngine } from '../engine-context';
import { printTable } from '../print-table';

const asPeriod = (value: string) => {
  const parsed = Period.safeParse(Number(value));
  if (!/^\d+$/.test(value) || !parsed.success) throw new Error(`--period: expected a reporting year such as 2024, got ${value}`);
  return parsed.data;
};

/** A problem the operator can fix: said on stderr, exit code 1 (2 stays for crashes). */
function fail(message: string): void {
  console.error(message);
  process.exitCode = 1;
}

function printFindings(findings: readonly Finding[]): void {
  if (findings.length === 0) return console.log('  (no findings)');
  printTable(
    ['severity', 'rule', 'cell', 'message'],
    findings.map((finding) => [finding.severity, finding.ruleId, finding.cell ?? '', finding.message]),
  );
}

export function registerCmrtCommands(program: Command): void {
  const cmrt = program.command('cmrt').description("suppliers' CMRT workbooks: inspect one, or record a folder of them");

  cmrt
    .command('inspect')
    .description('print what a CMRT file holds and every finding (reader, Checker and review rules); touches no store')
    .argument('<file>', 'the CMRT workbook (.xlsx)')
    .option('--json', 'print JSON')
    .action((file: string, options: { json?: boolean }) => {
      if (!existsSync(file)) return fail(`no such file: ${file}`);
      const bytes = new Uint8Array(readFileSync(file));
      if (bytes.byteLength > CMRT_MAX_FILE_BYTES)
        return fail(`rejected (too-large): ${file} is larger than ${CMRT_MAX_FILE_BYTES / (1024 * 1024)} MB`);
      let read;
      try {
        read = readCmrtFile(bytes, basename(file));
      } catch (error) {
        if (error instanceof CmrtRejected) return fail(`rejected (${error.code}): ${error.message}`);
        throw error;
      }
      const inspection = inspectCmrt(read, new Date().toISOString());
      if (options.json) return console.log(JSON.stringify(inspection, null, 2));
      const counts = inspection.findingCounts;
      console.log(`File:             ${inspection.file.fileName} (${inspection.file.size} bytes, sha256 ${inspection.file.sha256})`);
      console.log(`Template:         CMRT ${inspection.templateVersion}, display language ${inspection.language}`);
      for (const [label, value] of companyLines(inspection.company)) console.log(`  ${label.padEnd(42)} ${value}`);
      console.log(`In-scope metals:  ${inspection.inScopeMetals.join(', ') || 'none'} (Q1 and Q2 = Yes)`);
      console.log(`Smelter List:     ${inspection.smelters.rows} row(s)${metalCounts(inspection.smelters.byMetal)}`);
      console.log(`Product List:     ${inspection.products} row(s)`);
      console.log(
        `Findings:         ${counts.error} error(s), ${counts['red-flag']} red flag(s), ${counts.warning} warning(s), ${counts.info} info; ` +
          `follow-up needed: ${inspection.followUpKinds.join(', ') || 'none'}`,
      );
      printFindings(inspection.findings);
    });

  cmrt
    .command('import')
    .description(
      "record a folder (or .zip) of CMRT and EMRT files as their suppliers' responses for a period (each on the supplier's survey of its family), one atomic command per file",
    )
    .argument('<path>', 'a folder (searched recursively), a .zip, or one workbook')
    .requiredOption('--period <year>', 'reporting period', asPeriod)
    .option('--map <csv>', 'CSV with the header file,supplierId; files not in it are matched by the company name they give (D8)')
    .option('--findings', 'also print every finding of each file')
    .option('--json', 'print JSON (no progress bar)')
    .action(async (path: string, options: { period: number; map?: string; findings?: boolean; json?: boolean }) => {
      if (!existsSync(path)) return fail(`no such folder or file: ${path}`);
      const batch = listBatch(path);
      const outcome = await withEngine(
        async (engine) => {
          await engine.get(ReadSide).settled([suppliersProjection.name]);
          const directory = new SupplierDirectory(new SupplierQueries(engine.get(READ_MODEL_DB)).list());
          let map: Map<string, string> | undefined;
          if (options.map) {
            try {
              map = readSupplierMap(
                readFileSync(options.map, 'utf8'),
                basename(options.map),
                batch.files.map((file) => file.name),
                directory,
              );
            } catch (error) {
              if (error instanceof CsvInvalid) return { mapProblem: error.message };
              throw error;
            }
          }
          const bar =
            !options.json && process.stderr.isTTY && batch.files.length > 0
              ? new SingleBar(
                  { format: 'recording {bar} {value}/{total} {file}', stream: process.stderr, hideCursor: true },
                  Presets.shades_classic,
                )
              : undefined;
          bar?.start(batch.files.length, 0, { file: '' });
          try {
            const results = await importBatch(batch.files, {
              period: options.period,
              directory,
              map,
              intake: new CmrtResponseIntake(engine.get(CommandDispatcher), engine.get(EVENT_STORE), engine.get(ORIGINALS_STORE)),
              actor: cliActor(),
              onFile: (result) => bar?.increment(1, { file: result.file }),
            });
            // Let the process managers derive what they derive (risks) before the engine stops.
            await settleAfterWrites(engine);
            return { results };
          } finally {
            bar?.stop();
          }
        },
        { command: 'cmrt import', whileServerRuns: 'follow' },
      );
      if ('mapProblem' in outcome) return fail(`nothing recorded: ${outcome.mapProblem}`);
      const { results } = outcome;
      if (results.some((result) => FAILED_RESULTS.includes(result.result))) process.exitCode = 1;
      if (options.json) return console.log(JSON.stringify({ period: options.period, files: results, skipped: batch.skipped }, null, 2));
      printResults(results, options.findings ?? false);
      const count = (kind: FileResult['result']) => results.filter((result) => result.result === kind).length;
      console.log(
        `\n${results.length} file(s): ${count('recorded')} recorded, ${count('already-recorded')} already recorded, ${count('rejected')} rejected, ` +
          `${count('no-supplier')} without supplier, ${count('refused')} refused${count('failed') ? `, ${count('failed')} failed` : ''}` +
          (batch.skipped.length ? `; skipped ${batch.skipped.length} file(s) that are not workbooks: ${batch.skipped.join(', ')}` : ''),
      );
    });
}

function printResults(results: readonly FileResult[], withFindings: boolean): void {
  if (results.length === 0) return console.log('no workbooks found');
  printTable(
    ['file', 'supplier', 'result', 'version', 'errors', 'red flags', 'follow-ups', 'smelters matched'],
    results.map((result) => {
      const outcome = result.outcome;
      const followUps = outcome
        ? [
            ...outcome.followUps.opened.map((followUp) => `opened ${followUp.kind}`),
            ...(outcome.followUps.resolved.length ? [`resolved ${outcome.followUps.resolved.length}`] : []),
          ].join(', ') || '-'
        : '';
      return [
        result.file,
        result.supplierId ? `${result.supplierId}${result.supplierBy === 'map' ? ' (map)' : ''}` : '',
        resultText(result),
        result.templateVersion ?? '',
        outcome ? outcome.findingCounts.error : '',
        outcome ? outcome.findingCounts['red-flag'] : '',
        followUps,
        outcome
          ? `${outcome.smelters.matched}/${outcome.smelters.total}${outcome.smelters.referenceListAsOf ? '' : ' (no reference list)'}`
          : '',
      ];
    }),
  );
  const problems = results.filter((result) => FAILED_RESULTS.includes(result.result));
  if (problems.length) {
    console.log('\nNot recorded:');
    for (const result of problems) console.log(`  ${result.file}: ${result.reason ?? resultText(result)}`);
  }
  if (!withFindings) return;
  for (const result of results) {
    if (!result.outcome) continue;
    const { outcome } = result;
    console.log(
      `\n${result.file} -> ${result.supplierId}, response ${outcome.responseNumber}: ${outcome.company.name ?? '(no company name)'}, scope ${outcome.company.scope ?? '(blank)'}, ` +
        `${outcome.family.toUpperCase()} ${outcome.templateVersion} (${outcome.language}), ` +
        `in scope: ${[...outcome.inScopeMetals, ...outcome.inScopeMinerals].join(', ') || 'none'}`,
    );
    printFindings(outcome.findings);
  }
}
