import Database from 'better-sqlite3';
import { READ_QUERIES, type AnyReadQuery } from '@dd/engine';
import { summariseLatencies } from '../percentiles';

/** Values for the parameters reads take, found in the benchmark's own log. */
export type ReadFixtures = Record<string, string>;

export interface ReadFigure {
  name: string;
  url: string;
  /** Status codes seen (a read of something the synthetic log never has, e.g. a campaign, answers 404). */
  statuses: Record<string, number>;
  requests: number;
  p50: number;
  p99: number;
  max: number;
  /** Bytes of the last answer. */
  bytes: number;
  /** Asked "as of" a recorded time: how the server says it answered (its X-As-Of-Source header), by count. */
  asOfSources?: Record<string, number>;
}

/**
 * Parameter values by name: a period in the middle of the synthetic years, a supplier, a risk and an
 * event of the log, the first smelter the log's declarations name. Names the log cannot supply (campaigns,
 * products) get a placeholder and are measured as the 404 they are.
 */
export function readFixtures(eventsFile: string): ReadFixtures {
  const db = new Database(eventsFile, { readonly: true });
  try {
    const count = db.prepare('SELECT max(global_position) FROM events').pluck().get() as number;
    const middle = db
      .prepare('SELECT event_id FROM events WHERE global_position >= ? ORDER BY global_position LIMIT 1')
      .pluck()
      .get(Math.max(1, Math.floor(count / 2))) as string;
    const risk = db.prepare("SELECT data FROM events WHERE type = 'RiskRaised' ORDER BY global_position LIMIT 1").pluck().get() as
      string | undefined;
    const response = db
      .prepare("SELECT data FROM events WHERE type = 'ResponseRecorded' ORDER BY global_position LIMIT 1")
      .pluck()
      .get() as string | undefined;
    const cid = /CID\d{6}/.exec(response ?? '')?.[0] ?? 'CID002082';
    const riskId = risk ? (JSON.parse(risk) as { riskId: string }).riskId : 'no-risk';
    return {
      period: '2023',
      id: 'S000001',
      supplierId: 'S000001',
      riskId,
      eventId: middle,
      cid,
      campaignId: 'no-campaign',
      productId: 'no-product',
      years: '2023,2024',
    };
  } finally {
    db.close();
  }
}

/**
 * The request that exercises one read: path parameters from the fixtures, the required query
 * parameters too, and `period` wherever a read takes one (how the overview pages ask).
 */
export function readRequestPath(read: AnyReadQuery, fixtures: ReadFixtures): string {
  const inPath = new Set<string>();
  const path = read.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    inPath.add(name);
    const value = fixtures[name];
    if (value === undefined) throw new Error(`read ${read.name}: no fixture for path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams();
  for (const [name, schema] of Object.entries(read.params.shape as Record<string, { safeParse(value: unknown): { success: boolean } }>)) {
    if (inPath.has(name)) continue;
    const required = !schema.safeParse(undefined).success;
    if (!required && name !== 'period') continue;
    const value = fixtures[name];
    if (value === undefined) throw new Error(`read ${read.name}: no fixture for required parameter ${name}`);
    query.set(name, value);
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** Time one read may take for its requests; past it, the read is reported on the requests made (at least one). */
export const DEFAULT_READ_BUDGET_MS = 20_000;

/** The same request asked "as of" a recorded time (every read takes asOf). */
export function asOfRequestPath(path: string, asOf: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}asOf=${encodeURIComponent(asOf)}`;
}

/**
 * Every read endpoint in the read table, up to `requests` sequential timed requests each after one
 * warm-up, within the read's budget (at least one timed request) and the phase's deadline. With `asOf`,
 * each read is asked as of that recorded time: the common case of an auditor's or the console's "as of".
 */
export async function timeReads(
  baseUrl: string,
  fixtures: ReadFixtures,
  options: { requests: number; deadline: number; readBudgetMs?: number; asOf?: string; progress?: (message: string) => void },
): Promise<ReadFigure[]> {
  const figures: ReadFigure[] = [];
  for (const read of READ_QUERIES) {
    const path = readRequestPath(read, fixtures);
    const url = options.asOf === undefined ? path : asOfRequestPath(path, options.asOf);
    const asOfSources: Record<string, number> = {};
    const statuses: Record<string, number> = {};
    const samples: number[] = [];
    let bytes = 0;
    // Each read has its own budget besides the phase's deadline: a read that takes seconds (at 1M events
    // the roll-forward takes half a minute) is measured on fewer requests, not allowed to eat the others'.
    const readDeadline = Math.min(options.deadline, performance.now() + (options.readBudgetMs ?? DEFAULT_READ_BUDGET_MS));
    for (let index = 0; index <= options.requests && (index <= 1 || performance.now() < readDeadline); index++) {
      if (performance.now() > options.deadline) break;
      const started = performance.now();
      const response = await fetch(baseUrl + url);
      const body = await response.arrayBuffer();
      const ms = performance.now() - started;
      if (index === 0) continue; // warm-up: statements prepared, pages cached
      samples.push(ms);
      bytes = body.byteLength;
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (options.asOf !== undefined) {
        const source = response.headers.get('x-as-of-source') ?? 'not said';
        asOfSources[source] = (asOfSources[source] ?? 0) + 1;
      }
    }
    const summary = summariseLatencies(samples);
    options.progress?.(`GET ${url}: p50 ${summary.p50} ms, p99 ${summary.p99} ms (${summary.count} requests)`);
    figures.push({
      name: read.name,
      url,
      statuses,
      requests: summary.count,
      p50: summary.p50,
      p99: summary.p99,
      max: summary.max,
      bytes,
      ...(options.asOf === undefined ? {} : { asOfSources }),
    });
  }
  return figures;
}
