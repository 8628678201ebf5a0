import type { EventStore } from '@dd/event-store';
import { canonicalDump } from '../core/canonical-dump';
import type { ProjectionDefinition } from '../core/projection';
import { ProjectionRunner } from '../core/projection-runner';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';

/**
 * Projects the whole log, then puts the checkpoints back to 0 (keeping the tables) and projects it
 * again with a fresh runner, as after a crash between commit and acknowledgement. Returns the
 * canonical dumps after each pass and the database (open, for queries).
 */
export async function projectTwice(
  store: EventStore,
  projections: readonly ProjectionDefinition[],
): Promise<{ once: Record<string, string[]>; twice: Record<string, string[]>; db: ReadModelDb }> {
  const db = openReadModelDb(':memory:');
  await projectAll(store, db, projections);
  const once = canonicalDump(db, projections);
  db.prepare('UPDATE checkpoints SET position = 0').run();
  await projectAll(store, db, projections);
  return { once, twice: canonicalDump(db, projections), db };
}

/** Starts a runner, waits until it has caught up with the log, stops it. */
export async function projectAll(store: EventStore, db: ReadModelDb, projections: readonly ProjectionDefinition[]): Promise<void> {
  const runner = new ProjectionRunner(store, db, projections);
  await runner.start();
  try {
    await runner.caughtUp();
  } finally {
    await runner.stop();
  }
}
