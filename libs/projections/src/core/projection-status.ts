/**
 * How a read model is doing, as the runner that keeps it knows it:
 * - running: following the log;
 * - retrying: its last batch failed on a transient error (the database was busy or locked) and is
 *   being tried again with back-off;
 * - stopped: its batch keeps failing. A transient cause that outlasted the retry budget is still
 *   tried now and then (willRetry) and the projection resumes by itself once a batch goes through;
 *   any other cause (a bug, a damaged table) stops it until the read model is rebuilt or the
 *   process restarts. Either way its reads answer "unavailable", never stale data.
 * - catching-up: a start in the background (a server's) is still replaying the log into it; its
 *   reads answer "unavailable" with how far it has got, never a part-built answer.
 */
export type ProjectionState = 'running' | 'retrying' | 'stopped' | 'catching-up';

export interface ProjectionStatus {
  name: string;
  state: ProjectionState;
  /** Global position of the last event the read model reflects. */
  position: number;
  /** Why it is retrying or stopped. */
  error?: string;
  /** When the failing batch first failed (ISO time). */
  failingSince?: string;
  /** Attempts at the failing batch so far. */
  attempts?: number;
  /** Stopped, but still tried now and then (the cause was transient). */
  willRetry?: boolean;
}

/** A batch failed inside one projection (or, with projection null, outside any: the checkpoints). */
export class ProjectionBatchFailed extends Error {
  constructor(
    readonly projection: string | null,
    /** The event being applied when it failed (the batch's last for a checkpoint failure). */
    readonly position: number,
    override readonly cause: unknown,
  ) {
    super(`${projection === null ? 'the batch' : `projection ${projection}`} failed on event ${position}: ${messageOf(cause)}`);
    this.name = 'ProjectionBatchFailed';
  }
}

/**
 * A read that needs read models which are stopped or not being kept up to date. Answered as
 * "503 Service Unavailable": the data is not wrong, it is not there to be read.
 */
export class ReadModelsUnavailable extends Error {
  constructor(
    readonly projections: ReadonlyArray<ProjectionStatus & { behind?: number }>,
    reason?: string,
    /** The log's head when the read was refused (a read model catching up is this far from it). */
    readonly headPosition?: number,
  ) {
    super(
      reason ??
        `read model${projections.length === 1 ? '' : 's'} ${projections
          .map((p) => `${p.name} (${p.state} at position ${p.position}${p.error ? `: ${p.error}` : ''})`)
          .join(', ')} unavailable`,
    );
    this.name = 'ReadModelsUnavailable';
  }

  /** Every read model it names is only catching up (a start in the background): it will be there shortly. */
  get catchingUp(): boolean {
    return this.projections.length > 0 && this.projections.every((projection) => projection.state === 'catching-up');
  }
}

/**
 * SQLite's "someone else has the database right now" answers: SQLITE_BUSY (and its extended codes
 * BUSY_SNAPSHOT, BUSY_RECOVERY, BUSY_TIMEOUT) and SQLITE_LOCKED. They pass when the other
 * connection finishes, so the work is tried again; every other error is a fact about the work.
 */
export function isTransientSqliteError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

export function messageOf(error: unknown): string {
  // Duck-typed rather than instanceof Error: a native module's error (better-sqlite3's SqliteError) may
  // come from another realm (jest's sandbox), and its message must read the same there.
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  if (typeof message === 'string') {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
  }
  return String(error);
}
