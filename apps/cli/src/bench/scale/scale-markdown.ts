import type { PhaseOutcome } from './phase-process';
import type { ScaleFigures, ScaleReport } from './scale-benchmark';
import type { ServerPhase } from './server-phase';

/**
 * The README's table from a scale report: one column per size, one row per figure; a phase that did not
 * finish says why ("over budget (1800 s)", "failed") instead of a number.
 */
export function scaleMarkdown(report: ScaleReport): string {
  const sizes = report.sizes;
  const header = `| ${['figure', ...sizes.map((figures) => `${figures.log.events.toLocaleString('en-US')} events`)].join(' | ')} |`;
  const rule = `|${['---', ...sizes.map(() => '---:')].join('|')}|`;
  const row = (name: string, cell: (figures: ScaleFigures) => string) => `| ${[name, ...sizes.map(cell)].join(' | ')} |`;
  const rows = [
    row('log size', (f) => `${mb(f.log.bytes / 2 ** 20)} MB`),
    row('log build', (f) => (f.log.buildMs === null ? 'reused' : `${seconds(f.log.buildMs)} (${f.log.builtIn})`)),
    row('raw SQLite read + JSON.parse (limit)', (f) =>
      phase(f.rawReadParse, () => `${rate(f.rawReadParse.eventsPerSecond)}, ${rss(f.rawReadParse)}`),
    ),
    row('`projections rebuild`', (f) => phase(f.rebuild, () => `${rate(f.rebuild.eventsPerSecond)}, ${rss(f.rebuild)}`)),
    row('rebuild / raw limit', (f) => (f.rebuildToRaw === null ? '–' : String(f.rebuildToRaw))),
    row('`audit replay --as-of` (mid-log, every period)', (f) => phase(f.asOf, () => `${seconds(f.asOf.ms)}, ${rss(f.asOf)}`)),
    row('`audit replay --as-of --period` (mid-log, one period)', (f) => {
      const one = f.asOfOnePeriod;
      // Reports saved before this phase existed have none.
      return one === undefined ? '–' : phase(one, () => `${seconds(one.ms)}, ${rss(one)}`);
    }),
    row('`audit verify`', (f) => phase(f.verify, () => `${rate(f.verify.eventsPerSecond)}, ${rss(f.verify)}`)),
    row('server ready, fresh read models', (f) => server(f.serverFresh)),
    row('server ready, existing read models', (f) => server(f.serverExisting)),
  ];
  const names = [...new Set(sizes.flatMap((figures) => (figures.serverExisting.reads ?? []).map((read) => read.name)))];
  for (const name of names) {
    const url = sizes.flatMap((figures) => figures.serverExisting.reads ?? []).find((read) => read.name === name)?.url ?? name;
    rows.push(
      row(`\`GET ${url.replace(/\|/g, '\\|')}\` p50 / p99`, (f) => {
        const read = f.serverExisting.reads?.find((candidate) => candidate.name === name);
        if (!read || read.requests === 0) return '–';
        const statuses = Object.keys(read.statuses).filter((status) => status !== '200');
        return `${ms(read.p50)} / ${ms(read.p99)}${statuses.length ? ` (${statuses.join(', ')})` : ''}`;
      }),
    );
  }
  rows.push(row('every read as of mid-log (`asOf=`), over HTTP', (f) => asOfReads(f.serverExisting.asOfReads)));
  const { cpus, totalMemGiB, node, loadAverage } = report.machine;
  const load = loadAverage === undefined ? '' : `, load ${loadAverage} at the start`;
  const machine = `${cpus} cores, ${totalMemGiB} GiB, Node ${node}${load}`;
  return [
    `Scale benchmark, ${report.startedAt.slice(0, 10)} (${machine}; each phase in its own process, peak RSS):`,
    '',
    header,
    rule,
    ...rows,
    '',
  ].join('\n');
}

function phase(outcome: PhaseOutcome, figures: () => string): string {
  if (outcome.status === 'over-budget') return `over budget (${outcome.budgetS} s)`;
  if (outcome.status === 'failed') return 'failed';
  return figures();
}

function server(outcome: ServerPhase): string {
  if (outcome.status === 'skipped') return 'not run (--skip-fresh-server)';
  if (outcome.status === 'over-budget') return `not ready within ${outcome.budgetS} s`;
  if (outcome.status === 'failed') return 'failed';
  const caughtUp = outcome.caughtUpMs ? ` (process managers caught up: ${seconds(outcome.caughtUpMs)})` : '';
  return `${seconds(outcome.readyMs ?? 0)}${caughtUp}, ${outcome.maxRssMB ?? '?'} MB`;
}

/** The as-of reads in one cell: the slowest p99 (which read), the median p50, and how they were answered. */
function asOfReads(reads: ServerPhase['asOfReads']): string {
  const asked = (reads ?? []).filter((read) => read.requests > 0);
  if (asked.length === 0) return '–';
  const slowest = asked.reduce((worst, read) => (read.p99 > worst.p99 ? read : worst));
  const p50s = asked.map((read) => read.p50).sort((a, b) => a - b);
  const sources = new Map<string, number>();
  for (const read of asked) {
    for (const source of Object.keys(read.asOfSources ?? {})) sources.set(source, (sources.get(source) ?? 0) + 1);
  }
  const answered = [...sources].map(([source, count]) => `${source}: ${count}`).join(', ');
  return `worst p99 ${ms(slowest.p99)} (${slowest.name}), median p50 ${ms(p50s[Math.floor(p50s.length / 2)])}; ${asked.length} reads (${answered})`;
}

function rate(eventsPerSecond: number | null): string {
  return eventsPerSecond === null ? '?' : `${eventsPerSecond.toLocaleString('en-US')} events/s`;
}

function rss(outcome: PhaseOutcome): string {
  return outcome.maxRssMB === null ? '? MB' : `${Math.round(outcome.maxRssMB)} MB`;
}

function seconds(value: number): string {
  return value >= 10_000 ? `${Math.round(value / 1000)} s` : `${(value / 1000).toFixed(1)} s`;
}

function ms(value: number): string {
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}

function mb(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
