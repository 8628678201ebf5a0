import type { RetryPolicy } from '@dd/projections';
import type { ReadModelOwnership } from './read-model-ownership';

/**
 * How this process uses the data directory's read models:
 * - own: it keeps them (projections) and runs the process managers. One process at a time does
 *   (ReadModelOwnership); the server, or a CLI command when no server runs.
 * - follow: another process keeps them. This one appends commands to the log, reads the owner's read
 *   models through a read-only connection, and runs neither projections nor process managers: a CLI
 *   command while the server runs, or a read-only replica (DD_READ_ONLY=1).
 */
export interface ReadModelRole {
  mode: 'own' | 'follow';
  /** The read-model file (null: an in-memory database, which nothing else can share). */
  file: string | null;
  /** The owner's lock, released when the engine shuts down. */
  ownership?: ReadModelOwnership;
  /** How projections and process managers retry failed batches. */
  retry?: Partial<RetryPolicy>;
  /** Own mode: start the projections and process managers in the background (a server; see EngineOptions.startInBackground). */
  background?: boolean;
  /** Own mode: false leaves the process managers off (see EngineOptions.processManagers). */
  processManagers?: boolean;
}
