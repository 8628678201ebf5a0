import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { CommandDispatcher, EVENT_STORE, SupplierFileUnusable, SupplierImport, type SupplierImportAnswer } from '@dd/engine';
import { cliActor } from '../cli-actor';
import { withEngine } from '../engine-context';

/** `suppliers import <file> [--dry-run]`: the same import as POST /suppliers/import, all rows or none. */
export function registerSupplierCommands(program: Command): void {
  const suppliers = program.command('suppliers').description('the supplier register');
  suppliers
    .command('import <file>')
    .description(
      'register, rename and update suppliers from a CSV or XLSX list (columns supplierId, name, tier, country, parentSupplierId, owner, contactName, contactEmail, contactRole, contactLanguage); all rows or none',
    )
    .option('--dry-run', 'validate and show what each row would do; write nothing')
    .option('--json', 'print the answer as JSON')
    .action(async (path: string, options: { dryRun?: boolean; json?: boolean }) => {
      if (!existsSync(path)) return fail(`no such file: ${path}`);
      const actor = cliActor();
      let answer: SupplierImportAnswer;
      try {
        answer = await withEngine(
          (engine) =>
            new SupplierImport(engine.get(CommandDispatcher), engine.get(EVENT_STORE)).import(
              new Uint8Array(readFileSync(path)),
              basename(path),
              {
                dryRun: options.dryRun === true,
                sender: { actor, commandId: (key) => `${actor}/${key}` },
              },
            ),
          { command: 'suppliers import' },
        );
      } catch (error) {
        if (error instanceof SupplierFileUnusable)
          return fail(`${basename(path)} is not a usable supplier list: ${error.problems.join('; ')}`);
        throw error;
      }
      if (options.json) console.log(JSON.stringify(answer, null, 2));
      else {
        for (const row of answer.rows) {
          const detail =
            row.status === 'error' ? row.errors.map((error) => `${error.field}: ${error.message}`).join('; ') : row.commands.join(', ');
          console.log(`row ${row.row}\t${row.supplierId ?? ''}\t${row.status}${detail ? `\t${detail}` : ''}`);
        }
        const counts = Object.entries(answer.counts)
          .map(([status, count]) => `${count} ${status}`)
          .join(', ');
        const outcome = answer.imported
          ? 'imported'
          : answer.dryRun
            ? 'dry run: nothing written'
            : 'nothing imported: fix the rows with errors';
        console.log(`${answer.file.rows} rows (${counts}); ${outcome}`);
      }
      if (!answer.dryRun && !answer.imported) process.exitCode = 1;
    });
}

function fail(message: string): void {
  console.error(message);
  process.exitCode = 1;
}
