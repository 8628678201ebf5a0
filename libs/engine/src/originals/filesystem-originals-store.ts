import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkedSha256,
  originalExtension,
  OriginalAltered,
  sha256Of,
  type OriginalFile,
  type OriginalsStore,
  type StoredOriginal,
} from './originals-store';

/** Originals go to <data dir>/originals/<first two hex digits>/<sha256>.<extension>. */
export const ORIGINALS_DIRECTORY = 'originals';

/**
 * Originals as files in a folder, fanned out by the first two hex digits so no folder grows past a
 * few hundred entries. A file is written aside (a dot-name no lookup matches), flushed to disk,
 * renamed into place and its folder flushed: it is there whole or not at all, also after a crash.
 * Used with every event store; with KurrentDB and several servers the folder must be storage they
 * all share (the events are, the data directory otherwise is not).
 */
export class FilesystemOriginalsStore implements OriginalsStore {
  constructor(readonly root: string) {}

  async put(bytes: Uint8Array, fileName?: string): Promise<StoredOriginal & { stored: boolean }> {
    const sha256 = sha256Of(bytes);
    const existing = this.find(sha256);
    if (existing) return { sha256, extension: extensionOf(existing), size: bytes.byteLength, stored: false };
    const extension = originalExtension(fileName);
    const folder = join(this.root, sha256.slice(0, 2));
    mkdirSync(folder, { recursive: true });
    const temporary = join(folder, `.${sha256}.${randomBytes(6).toString('hex')}.partial`);
    try {
      const fd = openSync(temporary, 'wx', 0o444);
      try {
        writeSync(fd, bytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      // Two writers of the same bytes may both get here: the second rename replaces the first file with the same bytes.
      renameSync(temporary, join(folder, `${sha256}.${extension}`));
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
    syncFolder(folder);
    return { sha256, extension, size: bytes.byteLength, stored: true };
  }

  async get(sha256: string): Promise<OriginalFile | null> {
    const name = this.find(checkedSha256(sha256));
    if (!name) return null;
    const bytes = new Uint8Array(readFileSync(join(this.root, sha256.slice(0, 2), name)));
    const actual = sha256Of(bytes);
    if (actual !== sha256) throw new OriginalAltered(sha256, actual);
    return { sha256, extension: extensionOf(name), size: bytes.byteLength, bytes };
  }

  async has(sha256: string): Promise<boolean> {
    return this.find(checkedSha256(sha256)) !== null;
  }

  /** The stored file's name (whatever extension it came with first), or null. */
  private find(sha256: string): string | null {
    let names: string[];
    try {
      names = readdirSync(join(this.root, sha256.slice(0, 2)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return names.find((name) => name.startsWith(`${sha256}.`)) ?? null;
  }
}

const extensionOf = (name: string) => name.slice(name.indexOf('.') + 1);

/** Flushes a folder's entries (the rename) to disk; some file systems refuse to open folders, which is no loss there. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported here (e.g. some network or Windows file systems): the rename is all there is.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
