import type { EventStore } from '@dd/event-store';
import type { ProjectionDefinition } from './projection';
import { ProjectionSet } from './projection-set';
import { REPLAY_PAGE_SIZE } from './projection-runner';
import { openReadModelDb, type ReadModelDb } from './read-model-db';

export interface AsOf {
  /**
   * Only events recorded at or before this time: "what did we know on date D". An ISO time, or a
   * calendar date (YYYY-MM-DD) meaning the end of that day (UTC).
   */
  recordedUntil?: string;
  /**
   * Only events whose business time (occurredAt) is at or before this time: "what had happened by
   * date D", as the engine clock dated it (a demo year, a response received before it was keyed).
   * Same format as recordedUntil; both may be given.
   */
  occurredUntil?: string;
  /** Only events up to and including this global position. */
  position?: number;
}

/**
 * Replays the log up to a time or position into a throwaway database holding the given read models,
 * for auditors. The database is a temporary file (SQLite deletes it on close) whose page cache is
 * bounded, so memory does not grow with the log. The caller queries it with the usual query classes
 * and closes it.
 */
export async function replayAsOf(store: EventStore, projections: readonly ProjectionDefinition[], asOf: AsOf): Promise<ReadModelDb> {
  const until = asOf.recordedUntil === undefined ? undefined : endOfInstantOrDay(asOf.recordedUntil);
  const occurred = asOf.occurredUntil === undefined ? undefined : endOfInstantOrDay(asOf.occurredUntil);
  const maxPosition = asOf.position ?? Number.POSITIVE_INFINITY;
  // '': a private temporary file, which SQLite spills to once the page cache is full.
  const db = openReadModelDb('');
  try {
    const set = new ProjectionSet(db, projections);
    set.open();
    let after = 0;
    while (after < maxPosition) {
      const page = await store.readAll({ after, maxCount: REPLAY_PAGE_SIZE, recordedUntil: until });
      if (page.length === 0) break;
      after = page[page.length - 1].globalPosition;
      // The store filters by recordedUntil already; filtering again keeps the promise for adapters that page before filtering.
      const selected = page.filter(
        (event) =>
          event.globalPosition <= maxPosition &&
          (until === undefined || normaliseInstant(event.metadata.recordedAt) <= until) &&
          (occurred === undefined || normaliseInstant(event.metadata.occurredAt) <= occurred),
      );
      set.applyBatch(selected);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date means the whole day; a time is taken to the millisecond, in UTC, as the stores write recordedAt. */
function endOfInstantOrDay(value: string): string {
  return DATE_ONLY.test(value) ? normaliseInstant(`${value}T23:59:59.999Z`) : normaliseInstant(value);
}

function normaliseInstant(value: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new RangeError(`not an ISO time: ${value}`);
  return time.toISOString();
}
