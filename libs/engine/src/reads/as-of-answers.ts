import type { EventStore } from '@dd/event-store';
import { allProjections, readModelsAsOf, type ProjectionDefinition } from '@dd/projections';
import type { Clock } from '../tokens';
import { logAsOf } from './log-as-of';
import type { ResolvedAsOf } from './read-as-of';
import { readModelsOver, type ReadModels } from './read-query';

/** An answer and the global position of the log it stands on (the X-As-Of-Position header). */
export interface PositionedAnswer<Answer> {
  answer: Answer;
  position: number;
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
  const { db } = await readModelsAsOf(store, file, projectionsNamed(readModels), asOf.cut);
  try {
    const models: ReadModels = readModelsOver(db, logAsOf(store, asOf.cut), clockAsOf(clock, asOf));
    return { answer: await use(models), position: asOf.cut.position };
  } finally {
    db.close();
  }
}
