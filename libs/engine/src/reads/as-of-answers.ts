import type { EventStore } from '@dd/event-store';
import { allProjections, readModelsAsOf, type AsOfReplayReason, type ProjectionDefinition, type ReadModelsAsOf } from '@dd/projections';
import type { Clock } from '../tokens';
import { logAsOf } from './log-as-of';
import type { ResolvedAsOf } from './read-as-of';
import { readModelsOver, type ReadModels } from './read-query';

/**
 * How an answer as of a past cut was had: from the read models' history, or by a replay and why (the
 * X-As-Of-Source header). A replay reads the log up to the cut, so it takes time in proportion to it:
 * the caller is told, as the CLI's `audit replay` tells its operator.
 */
export type AsOfSource =
  | { kind: 'history' }
  | { kind: 'replay'; reason: AsOfReplayReason; /** history switched off since this position */ historyOffSince?: number };

/** The X-As-Of-Source value: `history`, or `replay; reason=<reason>` (with `; since=<position>` when history is off). */
export function asOfSourceHeader(source: AsOfSource): string {
  if (source.kind === 'history') return 'history';
  return `replay; reason=${source.reason}${source.historyOffSince === undefined ? '' : `; since=${source.historyOffSince}`}`;
}

/** How read models as of a cut were had (what readModelsAsOf says of them), as the header tells it. */
export function asOfSourceOf(had: Pick<ReadModelsAsOf, 'source' | 'replayReason' | 'historyOffSince'>): AsOfSource {
  if (had.source === 'history') return { kind: 'history' };
  return {
    kind: 'replay',
    reason: had.replayReason!,
    ...(had.historyOffSince === undefined ? {} : { historyOffSince: had.historyOffSince }),
  };
}

/**
 * An answer and the global position of the log it stands on (the X-As-Of-Position header); for an
 * answer as of a past cut, how it was had (none for a live answer).
 */
export interface PositionedAnswer<Answer> {
  answer: Answer;
  position: number;
  source?: AsOfSource;
}

/** The read models a read names, as definitions. */
export function projectionsNamed(names: readonly string[]): ProjectionDefinition[] {
  return allProjections.filter((projection) => names.includes(projection.name));
}

/** The engine's today, but never later than the day of the cut: a past read computes due dates as of then. */
export function clockAsOf(clock: Clock, asOf: ResolvedAsOf): Clock {
  return {
    now: () => {
      const now = clock.now();
      const endOfCutDay = new Date(`${asOf.day}T23:59:59.999Z`);
      return asOf.day < now.toISOString().slice(0, 10) ? endOfCutDay : now;
    },
  };
}

/**
 * Runs `use` on the read models named as the log stood at the cut: from the history the read-model
 * file keeps (a position, or a recorded time turned into one), else by replaying only those read
 * models into a temporary file (a business time; read models in memory; history not that old).
 */
export async function onModelsAtCut<Result>(
  readModels: readonly string[],
  asOf: ResolvedAsOf,
  store: EventStore,
  file: string | null,
  clock: Clock,
  use: (models: ReadModels) => Promise<Result> | Result,
): Promise<PositionedAnswer<Result>> {
  const had = await readModelsAsOf(store, file, projectionsNamed(readModels), asOf.cut);
  const { db } = had;
  try {
    const models: ReadModels = readModelsOver(db, logAsOf(store, asOf.cut), clockAsOf(clock, asOf));
    return { answer: await use(models), position: asOf.cut.position, source: asOfSourceOf(had) };
  } finally {
    db.close();
  }
}
