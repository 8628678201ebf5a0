import { riskReportStream } from '@dd/domain';
import type { EventStore } from '@dd/event-store';
import {
  allProjections,
  CampaignQueries,
  campaignProjection,
  isEventOf,
  openReadModelDb,
  ProjectionSet,
  readModelsAsOf,
  REPLAY_PAGE_SIZE,
  type ReadModelDb,
} from '@dd/projections';
import type { RiskReportModel } from '@dd/reports';
import { asOfSourceOf, type AsOfSource } from '../reads/as-of-answers';
import type { PreviousReport, ReportAsOf } from './risk-report-model';

/** Which events a report stands on: those up to a position and, given a time, whose business time is not later. */
export interface LogCut {
  maxPosition: number;
  occurredUntil?: string;
}

export interface LogScan {
  /** Position of the last event within the cut (0: none). */
  position: number;
  /** Latest business time within the cut (null: no event). */
  latestOccurredAt: string | null;
  /** The survey of the period at each month end (business time) since its first request, before the cut's own day. */
  timeline: RiskReportModel['campaign']['timeline'];
  /** The last risk report of the period recorded within the cut. */
  previous: PreviousReport | null;
}

const monthEnd = (iso: string) => {
  const [year, month] = iso.slice(0, 7).split('-').map(Number);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
};

/**
 * One pass over the log up to the cut: draws the survey's month-end history from a campaign read
 * model of its own (a throwaway in-memory one), and finds the previous risk report of the period.
 */
export async function scanLog(store: EventStore, period: number, cut: LogCut): Promise<LogScan> {
  const history = openReadModelDb(':memory:');
  try {
    const campaign = new ProjectionSet(history, [campaignProjection]);
    campaign.open();
    const figures = new CampaignQueries(history);
    const timeline: LogScan['timeline'] = [];
    let month: string | null = null;
    let position = 0;
    let latestOccurredAt: string | null = null;
    let previous: PreviousReport | null = null;
    const reportStream = riskReportStream(period);
    const until = cut.occurredUntil === undefined ? undefined : new Date(cut.occurredUntil).toISOString();

    const closeMonth = () => {
      if (month === null) return;
      const today = monthEnd(month);
      const at = figures.forPeriod(period, { today });
      if (at.requestsSent > 0) timeline.push({ date: today, requestsSent: at.requestsSent, responded: at.responded, usable: at.usable });
    };

    let after = 0;
    for (;;) {
      const page = await store.readAll({ after, maxCount: REPLAY_PAGE_SIZE });
      if (page.length === 0) break;
      after = page[page.length - 1].globalPosition;
      const selected = page.filter(
        (event) =>
          event.globalPosition <= cut.maxPosition && (until === undefined || new Date(event.metadata.occurredAt).toISOString() <= until),
      );
      for (const event of selected) {
        const occurred = new Date(event.metadata.occurredAt).toISOString();
        const eventMonth = occurred.slice(0, 7);
        if (month !== null && eventMonth > month) closeMonth();
        if (month === null || eventMonth > month) month = eventMonth;
        campaign.applyBatch([event]);
        position = event.globalPosition;
        if (latestOccurredAt === null || occurred > latestOccurredAt) latestOccurredAt = occurred;
        if (event.streamId === reportStream && isEventOf(event, ['RiskReportIssued'])) {
          const data = event.data;
          previous = { reportId: data.reportId, asOfPosition: data.asOfPosition, asOfTime: data.asOfTime, sha256: data.sha256 };
        }
      }
      if (after >= cut.maxPosition) break;
    }
    closeMonth();
    return { position, latestOccurredAt, timeline, previous };
  } finally {
    history.close();
  }
}

/**
 * The file of the live read models, whose history answers "as of" a position (null: they are in
 * memory, and a past cut is replayed).
 */
export function readModelFileOf(db: ReadModelDb): string | null {
  return db.name === ':memory:' || db.name === '' ? null : db.name;
}

/**
 * Every read model as of a cut, as GET reads with asOfPosition / occurredAsOf have them: from the
 * history of the live read-model file when it answers for a position, else replayed into a temporary
 * file; and how they were had (the X-As-Of-Source a read says). The caller closes the database.
 */
export async function allReadModelsAt(
  store: EventStore,
  file: string | null,
  cut: LogCut,
): Promise<{ db: ReadModelDb; source: AsOfSource }> {
  const had = await readModelsAsOf(store, file, allProjections, { position: cut.maxPosition, occurredUntil: cut.occurredUntil });
  return { db: had.db, source: asOfSourceOf(had) };
}

/** A document's model and, asked as of a past cut, how its read models were had (X-As-Of-Source; none for now). */
export interface ReportAnswer<Model> {
  model: Model;
  source?: AsOfSource;
}

/**
 * How a document that read the read models at more than one cut was had (the risk report reads them
 * at its own cut and at the previous report's, to say what changed): from history when every read
 * was; else by a replay, the first one's reason (its own cut's before the earlier report's).
 */
export function asOfSourceOfAll(sources: ReadonlyArray<AsOfSource | undefined>): AsOfSource {
  const known = sources.filter((source): source is AsOfSource => source !== undefined);
  return known.find((source) => source.kind === 'replay') ?? { kind: 'history' };
}

/** The as-of asked for cannot be served (a position past the log's head); HTTP 400, CLI exit 1. */
export class RiskReportAsOfInvalid extends Error {
  readonly code = 'invalid-as-of';
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date means the end of that day (UTC), as replayAsOf reads it; a time is taken as given. */
function endOfInstantOrDay(value: string): string {
  const time = new Date(DATE_ONLY.test(value) ? `${value}T23:59:59.999Z` : value);
  if (Number.isNaN(time.getTime())) throw new RiskReportAsOfInvalid(`asOf: not an ISO date or time: ${value}`);
  return time.toISOString();
}

/**
 * A document as of a past log position or business time (the risk report, the CMR draft): has the
 * read models as of that cut (allReadModelsAt: from the live file's history for a position, replayed
 * for a business time) and hands them to `use` with the position and time the document states (a
 * position's time is the latest business time up to it; a time is itself), then closes them. Gives
 * what `use` answered and how the read models were had (the X-As-Of-Source the document is sent with).
 */
export async function atPastAsOf<T>(
  store: EventStore,
  period: number,
  asOf: { position: number } | { time: string },
  use: (db: ReadModelDb, at: ReportAsOf, scan: LogScan) => Promise<T>,
  file: string | null = null,
): Promise<{ answer: T; source: AsOfSource }> {
  const head = await store.headPosition();
  let cut: LogCut;
  if ('position' in asOf) {
    if (asOf.position > head) throw new RiskReportAsOfInvalid(`asOf: position ${asOf.position} is past the log's head (${head})`);
    cut = { maxPosition: asOf.position };
  } else {
    cut = { maxPosition: head, occurredUntil: endOfInstantOrDay(asOf.time) };
  }
  const scan = await scanLog(store, period, cut);
  const { db, source } = await allReadModelsAt(store, file, cut);
  try {
    const time = cut.occurredUntil ?? scan.latestOccurredAt ?? `${period}-01-01T00:00:00.000Z`;
    const position = 'position' in asOf ? asOf.position : scan.position;
    return { answer: await use(db, { position, time }, scan), source };
  } finally {
    db.close();
  }
}
