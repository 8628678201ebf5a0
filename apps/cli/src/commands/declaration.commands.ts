import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { Period } from '@dd/domain';
import { DeclarationUnavailable, OurDeclarations } from '@dd/engine';
import { cliActor } from '../cli-actor';
import { CliRefusal, withEngine } from '../engine-context';

/**
 * `declaration cmrt|emrt --period <year> --out <file> [--template <blank.xlsx>] [--json]`: our own CMRT
 * (or EMRT) for our customers, from our records, written into RMI's blank; written aside, its SHA-256
 * recorded (CustomerDeclarationIssued), then renamed to --out: never a file unrecorded, never a record
 * of no file. Exit 1 when it cannot be made now (no company profile, no template, no survey or no
 * usable EMRT answer for the year), with the reason.
 */
const FAMILIES = {
  cmrt: { label: 'CMRT', setting: 'DD_CMRT_TEMPLATE', blank: "RMI's blank CMRT 6.x (.xlsx)", counted: 'smelters' },
  emrt: { label: 'EMRT', setting: 'DD_EMRT_TEMPLATE', blank: "RMI's blank EMRT 2.x (.xlsx)", counted: 'smelters and processors' },
} as const;

export function registerDeclarationCommands(program: Command): void {
  const declaration = program.command('declaration').description('our own declarations for our customers');
  for (const family of ['cmrt', 'emrt'] as const) {
    const { label, setting, blank } = FAMILIES[family];
    declaration
      .command(family)
      .description(
        `write our ${label} for a reporting year into ${blank.replace(' (.xlsx)', '')} (${setting} or --template) and record its SHA-256`,
      )
      .requiredOption('--period <year>', 'the reporting year (calendar year)')
      .requiredOption('--out <file>', 'where to write the workbook (.xlsx)')
      .option('--template <file>', `${blank}; default ${setting}`)
      .option('--json', 'print what was issued as JSON')
      .action((options: DeclarationOptions) => issue(family, options));
  }
}

interface DeclarationOptions {
  period: string;
  out: string;
  template?: string;
  json?: boolean;
}

async function issue(family: 'cmrt' | 'emrt', options: DeclarationOptions): Promise<void> {
  const period = Period.safeParse(Number(options.period));
  if (!/^\d{4}$/.test(options.period) || !period.success)
    throw new CliRefusal(`--period: expected a year such as 2026, got "${options.period}"`);
  const out = resolve(options.out);
  if (!out.toLowerCase().endsWith('.xlsx')) throw new CliRefusal(`--out: expected a file name ending in .xlsx, got "${options.out}"`);
  let template: { bytes: Uint8Array; name: string } | undefined;
  if (options.template) {
    if (!existsSync(options.template)) throw new CliRefusal(`--template: no file ${options.template}`);
    template = { bytes: new Uint8Array(readFileSync(options.template)), name: basename(options.template) };
  }
  const partial = `${out}.partial`;
  const issued = await withEngine(
    async (engine) => {
      const declarations = OurDeclarations.of(engine);
      let prepared;
      try {
        const request = { period: period.data, template };
        prepared = family === 'cmrt' ? await declarations.prepareCmrt(request) : await declarations.prepareEmrt(request);
      } catch (error) {
        if (error instanceof DeclarationUnavailable) throw new CliRefusal(`${error.code}: ${error.message}`);
        throw error;
      }
      // The file is written aside first and recorded once it is safe; only then does it get its name.
      try {
        writeFileSync(partial, prepared.bytes);
      } catch (error) {
        throw new CliRefusal(
          `--out: cannot write ${partial} (${(error as NodeJS.ErrnoException).code ?? String(error)}); nothing was recorded`,
        );
      }
      try {
        return { ...prepared, command: await declarations.record(prepared, cliActor()) };
      } catch (error) {
        rmSync(partial, { force: true });
        throw error;
      }
    },
    { command: `declaration ${family}`, whileServerRuns: 'follow' },
  );
  renameSync(partial, out);
  const summary = {
    file: out,
    fileName: issued.fileName,
    family,
    period: period.data,
    templateVersion: issued.templateVersion,
    sha256: issued.sha256,
    byteLength: issued.bytes.byteLength,
    inScope: issued.inScope,
    smelters: issued.smelterCount,
    ...(family === 'emrt' && 'mines' in issued.declaration ? { mines: issued.declaration.mines.length } : {}),
    products: issued.productCount,
    eventId: issued.command.eventIds[0],
  };
  if (options.json) console.log(JSON.stringify(summary, null, 2));
  else
    console.log(
      `wrote ${out}: our ${FAMILIES[family].label} ${issued.templateVersion} for ${period.data}, ${issued.smelterCount} ${FAMILIES[family].counted}, ` +
        `${'mines' in summary ? `${summary.mines} mines, ` : ''}${summary.products} products\n` +
        `  sha256 ${issued.sha256} recorded (event ${summary.eventId})`,
    );
}
