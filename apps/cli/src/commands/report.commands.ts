import { resolve } from 'node:path';
import type { Command } from 'commander';
import { RiskReportAsOfInvalid, RiskReportParams, RiskReports } from '@dd/engine';
import { PdfUnavailable } from '@dd/reports';
import { cliActor } from '../cli-actor';
import { withEngine } from '../engine-context';
import { howAnswered } from './as-of-source-words';
import { writeFileWhole } from './write-file-whole';

interface RiskOptions {
  period: string;
  asOf?: string;
  format: string;
  out: string;
  issue?: boolean;
  recipients?: string;
}

/**
 * `report risk --period <year> [--as-of <time|position>] --format html|md|json|pdf --out <file>
 * [--issue --recipients a,b]`: the management risk report, written to a file (written aside, then
 * renamed). With --issue it is also recorded (RiskReportIssued) and kept under <data dir>/reports.
 */
export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('documents for people: the management risk report');
  report
    .command('risk')
    .description(
      'the risk report for senior management of a period, as of now, a date/time (business time) or a log position; the same as-of gives the same bytes (html, md, json)',
    )
    .requiredOption('--period <year>', 'reporting year')
    .option(
      '--as-of <time|position>',
      'a log position (integer), a date (YYYY-MM-DD: the end of that day) or an ISO date-time; default now',
    )
    .option('--format <format>', 'html, md, json or pdf', 'html')
    .requiredOption('--out <file>', 'where to write the report')
    .option('--issue', 'also record it as issued to senior management (RiskReportIssued; evidence of OECD step 3)')
    .option('--recipients <list>', 'with --issue: comma-separated recipients (default DD_RISK_REPORT_RECIPIENTS)')
    .action(async (options: RiskOptions) => {
      const parsed = RiskReportParams.safeParse({ period: options.period, asOf: options.asOf, format: options.format });
      if (!parsed.success) {
        console.error(parsed.error.issues.map((issue) => `error: --${kebab(String(issue.path[0] ?? ''))}: ${issue.message}`).join('\n'));
        process.exitCode = 1;
        return;
      }
      const { period, asOf, format } = parsed.data;
      try {
        const outcome = await withEngine(
          async (engine) => {
            const reports = engine.get(RiskReports);
            if (!options.issue) return { document: await reports.render({ period, asOf }, format), file: null };
            const recipients = options.recipients
              ?.split(',')
              .map((part) => part.trim())
              .filter(Boolean);
            const issued = await reports.issue({
              period,
              asOf,
              format,
              recipients: recipients ?? engine.get(RiskReports).configuredRecipients(),
              trigger: 'on-demand',
              actor: cliActor(),
            });
            return { document: issued.document, file: issued.file };
          },
          { command: 'report risk', whileServerRuns: 'follow' },
        );
        const out = resolve(options.out);
        writeFileWhole(out, outcome.document.bytes);
        console.log(
          `wrote ${out}: risk report ${period} as of position ${outcome.document.model.asOf.position} (${outcome.document.model.asOf.time}), ` +
            `${outcome.document.bytes.length} bytes, sha256 ${outcome.document.sha256}` +
            howAnswered(outcome.document.source) +
            (outcome.file ? `; issued, kept as ${outcome.file}` : ''),
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
