import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname } from 'node:path';
import Database from 'better-sqlite3';
import { isTransientSqliteError, type ProjectionStatus } from '@dd/projections';
import type { ProcessManagerStatus } from '../process-managers/process-manager-status';

/** Who keeps a data directory's read models (and runs its process managers), as it says itself. */
export interface ReadModelOwner {
  pid: number;
  hostname: string;
  /** The API server, or a CLI command that runs the engine itself because no server was running. */
  kind: 'server' | 'cli';
  /** A CLI owner's command, e.g. "cmrt import". */
  command?: string;
  /** A server's port (the configured one until it listens, then the real one) and, once listening, its URL. */
  port?: number;
  url?: string;
  startedAt: string;
  /** starting: opening and catching up the read models; running; rebuilding: `projections rebuild`. */
  state: 'starting' | 'running' | 'rebuilding';
  /** Projections and process managers the owner is retrying or has stopped, for the processes reading its read models. */
  failing?: { projections: ProjectionStatus[]; processManagers: ProcessManagerStatus[] };
  updatedAt: string;
}

export type OwnerClaim = Pick<ReadModelOwner, 'kind' | 'command' | 'port'>;

/** The data directory's read models are kept by another process: the message names it (pid, port, since when). */
export class ReadModelsInUse extends Error {
  constructor(
    readonly readModelFile: string,
    readonly owner: ReadModelOwner | null,
  ) {
    super(`the read models in ${dirname(readModelFile)} are kept by ${describeOwner(owner)}`);
    this.name = 'ReadModelsInUse';
  }
}

/**
 * "One process keeps a data directory's read models." The owner — the server, or a CLI command when no
 * server runs — holds an exclusive SQLite lock on `<read-model file>.lock` for as long as it lives, and
 * says who it is in `<read-model file>.owner.json`.
 *
 * The lock is the kernel's (a POSIX record lock, taken by SQLite's BEGIN EXCLUSIVE): it is released
 * when the process ends however it ends, kill -9 included, so it is never stale; a leftover owner
 * file is simply overwritten by the next owner. Two processes claiming at the same instant are
 * serialised by the kernel: exactly one gets it. The owner file is only a description, written after
 * the lock is held (atomically: a temporary file renamed over it) and never the lock itself, because
 * closing any descriptor of a locked file would drop a POSIX lock.
 *
 * The data directory must be on a local file system (SQLite's WAL needs that anyway).
 */
export class ReadModelOwnership {
  private released = false;
  private owner: ReadModelOwner;

  private constructor(
    readonly readModelFile: string,
    private readonly lock: Database.Database,
    claim: OwnerClaim,
  ) {
    const now = new Date().toISOString();
    this.owner = { pid: process.pid, hostname: hostname(), ...claim, startedAt: now, state: 'starting', updatedAt: now };
    this.write();
  }

  /**
   * Takes the lock or throws ReadModelsInUse naming the owner. Waits up to waitMs for a lock that is
   * changing hands (another process claiming at the same instant), not for a live owner to go away.
   */
  static async claim(readModelFile: string, claim: OwnerClaim, options: { waitMs?: number } = {}): Promise<ReadModelOwnership> {
    const lock = new Database(lockFileOf(readModelFile), { timeout: options.waitMs ?? 500 });
    try {
      // Never committed: the lock lasts as long as the connection (and the process) does.
      lock.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      lock.close();
      if (!isTransientSqliteError(error)) throw error;
      throw new ReadModelsInUse(readModelFile, await ReadModelOwnership.ownerOnceKnown(readModelFile));
    }
    return new ReadModelOwnership(readModelFile, lock, claim);
  }

  /**
   * The owner as its file describes it, or null when there is none: no file, or one left by a process
   * that is gone (checked on this host by its pid; another host's owner is taken at its word).
   * Does not touch the lock, so it never gets in the way of a process claiming it.
   */
  static currentOwner(readModelFile: string): ReadModelOwner | null {
    let owner: ReadModelOwner;
    try {
      owner = JSON.parse(readFileSync(ownerFileOf(readModelFile), 'utf8')) as ReadModelOwner;
    } catch {
      return null;
    }
    if (typeof owner?.pid !== 'number') return null;
    if (owner.hostname !== hostname()) return owner;
    return isAlive(owner.pid) ? owner : null;
  }

  /** The lock is held but its owner may not have written its file yet: give it a moment to. */
  private static async ownerOnceKnown(readModelFile: string): Promise<ReadModelOwner | null> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const owner = ReadModelOwnership.currentOwner(readModelFile);
      if (owner) return owner;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return null;
  }

  get description(): ReadModelOwner {
    return this.owner;
  }

  /** Updates what the owner file says (state, port, failures). */
  publish(changes: Partial<Omit<ReadModelOwner, 'pid' | 'hostname' | 'startedAt' | 'updatedAt'>>): void {
    if (this.released) return;
    this.owner = { ...this.owner, ...changes, updatedAt: new Date().toISOString() };
    this.write();
  }

  /** Gives the read models up: the owner file goes first, so that no later owner's file is removed. */
  release(): void {
    if (this.released) return;
    this.released = true;
    rmSync(ownerFileOf(this.readModelFile), { force: true });
    this.lock.close();
  }

  private write(): void {
    const file = ownerFileOf(this.readModelFile);
    const temporary = `${dirname(file)}/.${basename(file)}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.owner, null, 2)}\n`);
    renameSync(temporary, file);
  }
}

export const lockFileOf = (readModelFile: string) => `${readModelFile}.lock`;
export const ownerFileOf = (readModelFile: string) => `${readModelFile}.owner.json`;

/** "a server (pid 4242 on host ws-1, http://127.0.0.1:3000, since 2026-05-01T09:00:00.000Z)". */
export function describeOwner(owner: ReadModelOwner | null): string {
  if (!owner) return 'another process (it has not said which yet)';
  const where = `pid ${owner.pid} on host ${owner.hostname}`;
  const since = `since ${owner.startedAt}`;
  if (owner.kind === 'server') {
    const address = owner.url ?? (owner.port ? `starting on port ${owner.port}` : 'starting');
    return `a server (${where}, ${address}, ${since})`;
  }
  return `the CLI command "${owner.command ?? '?'}" (${where}, ${since})`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
