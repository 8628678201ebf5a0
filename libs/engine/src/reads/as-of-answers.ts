import type { EventStore } from '@dd/event-store';
import { allProjections, replayAsOf, type ProjectionDefinition } from '@dd/projections';
import type { z } from 'zod';
import type { Clock } from '../tokens';
import { logAsOf } from './log-as-of';
import type { ResolvedAsOf } from './read-as-of';
import { readModelsOver, type ReadModels, type ReadParams, type ReadQuery } from './read-query';

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
 * Answers a read as the log stood at the cut by replaying only the read models it reads into a
 * throwaway in-memory database: memory and time grow with the log up to the cut.
 */
export async function answerByReplay<Params extends ReadParams, Answer>(
  query: ReadQuery<Params, z.ZodType, Answer>,
  params: z.output<Params>,
  asOf: ResolvedAsOf,
  store: EventStore,
  clock: Clock,
): Promise<PositionedAnswer<Answer>> {
  const db = await replayAsOf(store, projectionsNamed(query.readModels), asOf.cut);
  try {
    const models: ReadModels = readModelsOver(db, logAsOf(store, asOf.cut), clockAsOf(clock, asOf));
    return { answer: await query.answer(params, models), position: asOf.cut.position };
  } finally {
    db.close();
  }
}
