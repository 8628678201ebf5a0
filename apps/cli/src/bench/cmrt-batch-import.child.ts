import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import type { PublicCommandName } from '@dd/domain';
import {
  CmrtResponseIntake,
  CommandDispatcher,
  EngineModule,
  EVENT_STORE,
  ORIGINALS_STORE,
  READ_MODEL_DB,
  ReadSide,
  type EngineConfig,
} from '@dd/engine';
import { SupplierQueries } from '@dd/projections';
import { listBatch } from '../cmrt/batch-files';
import { importBatch, type FileResultKind } from '../cmrt/cmrt-batch-import';
import { SupplierDirectory, readSupplierMap } from '../cmrt/supplier-directory';
import { batchSupplierId } from './cmrt-samples';

/**
 * The child process of benchmark (f), so that what it measures is one process's memory, not the
 * bench runner's. Run from dist:
 *
 *   node cmrt-batch-import.child.js idle   --data-dir <dir>
 *   node cmrt-batch-import.child.js import --data-dir <dir> --folder <dir> --map <csv> --suppliers <prefix> --count <n>
 *
 * idle boots the engine on a fresh data dir and stops (the baseline). import boots it, registers
 * <n> suppliers <prefix>-000.. and sends each a CMRT through the CommandBus, then records the folder
 * the way `dd cmrt import <folder> --map <csv>` does (listBatch, readSupplierMap, importBatch with
 * CmrtResponseIntake, ReadSide.settled() before and after). Prints one JSON line on stdout.
 */
export interface ChildReport {
  mode: 'idle' | 'import';
  /** process.resourceUsage().maxRSS: the peak resident set of the whole process, in MB. */
  maxRssMB: number;
  /** V8 heap in use when the report is printed (engine still open). */
  heapUsedMB: number;
  rssMB: number;
  /** RSS when main() starts: node plus every module the engine and the CLI's batch path load. */
  modulesLoadedRssMB: number;
  bootMs: number;
  /** import only */
  files?: number;
  recorded?: number;
  byResult?: Partial<Record<FileResultKind, number>>;
  /** ms of importBatch plus the final ReadSide.settled() (what `cmrt import` waits for). */
  ms?: number;
  setupMs?: number;
  /** RSS just before the first file is read (engine booted, suppliers registered and sent a CMRT). */
  rssBeforeImportMB?: number;
  /** Largest heapUsed / external memory (ArrayBuffers, external strings) / RSS seen after a file was recorded. */
  peakHeapUsedMB?: number;
  peakExternalMB?: number;
  peakRssSampledMB?: number;
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      folder: { type: 'string' },
      map: { type: 'string' },
      suppliers: { type: 'string', default: 'bench' },
      count: { type: 'string' },
    },
  });
  const mode = positionals[0];
  if ((mode !== 'idle' && mode !== 'import') || !values['data-dir'])
    throw new Error('usage: cmrt-batch-import.child (idle|import) --data-dir <dir> [...]');

  const modulesLoadedRssMB = mb(process.memoryUsage().rss);
  let started = performance.now();
  const config: EngineConfig = { dataDir: values['data-dir'], eventStore: 'sqlite', port: 0, apiKeys: new Map() };
  // As a CLI command runs it (engine-context.ts): no scheduler or escalation timer ticking by itself.
  const engine = await NestFactory.createApplicationContext(
    EngineModule.forRoot(config, { reminderIntervalMs: 0, escalationIntervalMs: 0 }),
    {
      logger: ['error', 'warn'],
    },
  );
  let report: ChildReport;
  try {
    await engine.get(ReadSide).settled();
    const bootMs = Math.round(performance.now() - started);
    if (mode === 'idle') {
      report = { mode, modulesLoadedRssMB, bootMs, ...memoryNow() };
    } else {
      if (!values.folder || !values.map || !values.count) throw new Error('import needs --folder, --map and --count');
      const count = Number(values.count);
      const period = new Date().getUTCFullYear();
      started = performance.now();
      await registerAndSend(engine.get(CommandDispatcher), values.suppliers ?? 'bench', count, period);
      const setupMs = Math.round(performance.now() - started);

      // From here on, what `dd cmrt import <folder> --period <year> --map <csv>` does.
      const batch = listBatch(values.folder);
      const rssBeforeImport = process.memoryUsage().rss;
      started = performance.now();
      await engine.get(ReadSide).settled();
      const directory = new SupplierDirectory(new SupplierQueries(engine.get(READ_MODEL_DB)).list());
      const map = readSupplierMap(
        readFileSync(values.map, 'utf8'),
        basename(values.map),
        batch.files.map((file) => file.name),
        directory,
      );
      const peak = { heap: 0, external: 0, rss: 0 };
      const results = await importBatch(batch.files, {
        period,
        directory,
        map,
        intake: new CmrtResponseIntake(engine.get(CommandDispatcher), engine.get(EVENT_STORE), engine.get(ORIGINALS_STORE)),
        actor: 'bench',
        onFile: () => {
          const now = process.memoryUsage();
          peak.heap = Math.max(peak.heap, now.heapUsed);
          peak.external = Math.max(peak.external, now.external);
          peak.rss = Math.max(peak.rss, now.rss);
        },
      });
      await engine.get(ReadSide).settled();
      const ms = Math.round(performance.now() - started);
      const byResult: Partial<Record<FileResultKind, number>> = {};
      for (const result of results) byResult[result.result] = (byResult[result.result] ?? 0) + 1;
      const firstProblem = results.find((result) => result.result !== 'recorded');
      if (firstProblem)
        process.stderr.write(
          `not recorded: ${JSON.stringify({ file: firstProblem.file, result: firstProblem.result, reason: firstProblem.reason })}\n`,
        );
      report = {
        mode,
        files: results.length,
        recorded: byResult.recorded ?? 0,
        byResult,
        ms,
        setupMs,
        modulesLoadedRssMB,
        bootMs,
        rssBeforeImportMB: mb(rssBeforeImport),
        peakHeapUsedMB: mb(peak.heap),
        peakExternalMB: mb(peak.external),
        peakRssSampledMB: mb(peak.rss),
        ...memoryNow(),
      };
    }
  } finally {
    await engine.close();
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function memoryNow(): Pick<ChildReport, 'maxRssMB' | 'heapUsedMB' | 'rssMB'> {
  const usage = process.memoryUsage();
  // resourceUsage().maxRSS is in kilobytes.
  return { maxRssMB: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10, heapUsedMB: mb(usage.heapUsed), rssMB: mb(usage.rss) };
}

/** <count> suppliers, each sent a CMRT for the period: one command at a time, as an operator's set-up would be. */
async function registerAndSend(commands: CommandDispatcher, prefix: string, count: number, period: number): Promise<void> {
  const execute = (name: PublicCommandName, data: unknown) =>
    commands.dispatch(name, data as never, { commandId: randomUUID(), actor: 'bench' });
  const dueDate = `${period + 1}-05-31`;
  for (let index = 0; index < count; index++) {
    await execute('RegisterSupplier', {
      supplierId: batchSupplierId(prefix, index),
      name: `Bench Supplier ${index} Co., Ltd.`,
      tier: 'direct',
      country: 'JP',
    });
  }
  for (let index = 0; index < count; index++) {
    await execute('SendCMRT', { supplierId: batchSupplierId(prefix, index), period, dueDate, templateVersion: '6.4' });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  });
}
