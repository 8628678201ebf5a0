import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CmrDraftParams, CmrDrafts, RiskReportAsOfInvalid } from '@dd/engine';
import { PdfUnavailable } from '@dd/reports';
import { withEngine } from '../engine-context';
import { howAnswered } from './as-of-source-words';
import { writeFileWhole } from './write-file-whole';

interface CmrOptions {
  period: string;
  asOf?: string;
  format: string;
  out: string;
}

/**
 * `report cmr --period <year> [--as-of <time|position>] --format md|html|pdf --out <file>`: the
 * Conflict Minerals Report draft, written to a file (written aside, then renamed). Nothing is recorded.
 */
export function registerCmrDraftReport(program: Command): void {
  // `report` is shared with the risk report and the roll-forward: whichever registers first makes it.
  const report =
    program.commands.find((command) => command.name() === 'report') ??
    program.command('report').description('documents people read, made from the log and the read models');
  report
    .command('cmr')
    .description(
      "the Conflict Minerals Report draft of a period, as of now, a date/time (business time) or a log position: every figure from the log with its source, the company's prose left as [[COMPANY TO WRITE: …]]; the same as-of gives the same bytes (md, html)",
    )
    .requiredOption('--period <year>', 'reporting year')
    .option(
      '--as-of <time|position>',
      'a log position (integer), a date (YYYY-MM-DD: the end of that day) or an ISO date-time; default now',
    )
    .option('--format <format>', 'md, html or pdf', 'html')
    .requiredOption('--out <file>', 'where to write the draft')
    .action(async (options: CmrOptions) => {
      const parsed = CmrDraftParams.safeParse({ period: options.period, asOf: options.asOf, format: options.format });
      if (!parsed.success) {
        console.error(parsed.error.issues.map((issue) => `error: --${kebab(String(issue.path[0] ?? ''))}: ${issue.message}`).join('\n'));
        process.exitCode = 1;
        return;
      }
      const { period, asOf, format } = parsed.data;
      try {
        const document = await withEngine((engine) => engine.get(CmrDrafts).render({ period, asOf }, format), {
          command: 'report cmr',
          whileServerRuns: 'follow',
        });
        const out = resolve(options.out);
        writeFileWhole(out, document.bytes);
        console.log(
          `wrote ${out}: CMR draft ${period} as of position ${document.model.asOf.position} (${document.model.asOf.time}), ` +
            `${document.bytes.length} bytes, sha256 ${document.sha256}${howAnswered(document.source)}`,
        );
      } catch (error) {
        if (error instanceof PdfUnavailable || error instanceof RiskReportAsOfInvalid) {
          console.error(`error: ${error.message}`);
          process.exitCode = 1;
          return;
        }
        throw error;
      }
    });
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
