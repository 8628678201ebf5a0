import type { Command } from 'commander';
import {
  auditTrailRead,
  InvalidReadParameters,
  ReadQueries,
  riskRegisterRead,
  smeltersRead,
  surveyStatusRead,
  type AnyReadQuery,
} from '@dd/engine';
import { AUDIT_TRAIL_MAX_LIMIT } from '@dd/projections';
import { EXPORT_FORMATS, type ExportFormat } from '@dd/reports';
import { CliRefusal, withEngine } from '../engine-context';
import { writeFileWhole } from './write-file-whole';

/** What can be exported, in the domain's words, and the read each comes from. */
const EXPORTS: Record<string, { query: AnyReadQuery; description: string; params?: Record<string, unknown> }> = {
  'risk-register': { query: riskRegisterRead, description: 'the risks of the period, with assessment, mitigation and closure' },
  'smelter-annex': { query: smeltersRead, description: 'smelters by metal with RMI id, name, country and RMAP status' },
  'survey-status': { query: surveyStatusRead, description: "each supplier's survey, with the latest findings and follow-ups" },
  'audit-trail': {
    query: auditTrailRead,
    description: "the period's events with their payloads, every page",
    params: { include: 'data', limit: AUDIT_TRAIL_MAX_LIMIT },
  },
};

interface PagedAnswer {
  items: unknown[];
  nextAfter: number | null;
}
const isPaged = (answer: unknown): answer is PagedAnswer =>
  typeof answer === 'object' && answer !== null && Array.isArray((answer as PagedAnswer).items) && 'nextAfter' in answer;

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      `a spreadsheet of a read model: ${Object.entries(EXPORTS)
        .map(([name, { description }]) => `${name} (${description})`)
        .join('; ')}`,
    )
    .argument('<what>', Object.keys(EXPORTS).join(' | '))
    .requiredOption('--period <year>', 'reporting period')
    .option('--format <format>', EXPORT_FORMATS.join(' | '), 'xlsx')
    .requiredOption('--out <file>', 'file to write (replaced whole, never half-written)')
    .action(async (what: string, options: { period: string; format: string; out: string }) => {
      const chosen = EXPORTS[what];
      if (!chosen) throw new CliRefusal(`<what>: one of ${Object.keys(EXPORTS).join(', ')} (not ${what})`);
      if (!(EXPORT_FORMATS as readonly string[]).includes(options.format)) {
        throw new CliRefusal(`--format: one of ${EXPORT_FORMATS.join(', ')} (not ${options.format})`);
      }
      const format = options.format as ExportFormat;
      const { bytes, rows } = await withEngine(
        async (engine) => {
          const reads = engine.get(ReadQueries);
          const params = { ...chosen.params, period: options.period };
          const parsed = chosen.query.params.safeParse(params);
          if (!parsed.success)
            throw new CliRefusal(new InvalidReadParameters(chosen.query.name, parsed.error).message.replace(/\bperiod:/, '--period:'));
          let answer = await reads.answer(chosen.query, parsed.data);
          // A paged read (the audit trail) is followed to its last page: the export holds the whole period.
          if (isPaged(answer)) {
            const items = [...answer.items];
            for (let next = answer.nextAfter; next !== null;) {
              const page = (await reads.answer(chosen.query, { ...parsed.data, after: next })) as PagedAnswer;
              items.push(...page.items);
              next = page.nextAfter;
            }
            answer = { items, nextAfter: null };
          }
          const rendering = chosen.query.renderings![format];
          const rows = isPaged(answer) ? answer.items.length : Array.isArray(answer) ? answer.length : 1;
          return { bytes: await rendering.render(answer, parsed.data), rows };
        },
        { command: `export ${what}` },
      );
      writeFileWhole(options.out, bytes);
      console.log(`wrote ${options.out}: ${what} of ${options.period}, ${rows} row(s), ${format.toUpperCase()}, ${bytes.length} bytes`);
    });
}
