import {
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { SQLITE_FILE_NAME, SqliteEventStore } from '@dd/event-store';
import { appendSyntheticLog } from '../synthetic-log';
import { tmpfsRoot } from '../temp-dir';

/**
 * The version of what appendSyntheticLog writes. A kept log is reused only under the same size and
 * version: change the generator's output (types, mix, payloads, seed), bump this.
 */
// 2: RMI's reference and RMAP status lists first, and responses whose smelters are matched against them.
export const SYNTHETIC_LOG_VERSION = 2;

export interface ScaleLog {
  /** The events file (SQLITE_FILE_NAME) of this size. */
  file: string;
  events: number;
  byType: Record<string, number>;
  bytes: number;
  /** null when reused. */
  buildMs: number | null;
  reused: boolean;
  builtIn: 'tmpfs' | 'disk';
  /** Removes the log unless it is kept for reuse. */
  release(): void;
}

interface Manifest {
  size: number;
  generatorVersion: number;
  events: number;
  byType: Record<string, number>;
  buildMs: number;
  builtAt: string;
}

/** Bytes per event of the synthetic log (~2.4 KB measured), with room for the WAL. */
const BYTES_PER_EVENT_ESTIMATE = 3_200;

/**
 * A log of `size` synthetic events: the one kept under `reuse` for this size and generator version, or a
 * new one. A new log is written on tmpfs when it fits (its one-commit-per-command appends would
 * otherwise wait for an fsync each), then copied to where it is kept. The manifest is written last, so
 * an interrupted build is never taken for a finished one.
 */
export async function provideScaleLog(
  size: number,
  options: { reuse: string | null; tmpRoot: string; progress: (message: string) => void },
): Promise<ScaleLog> {
  const keptDir = options.reuse ? join(options.reuse, `synthetic-${size}-v${SYNTHETIC_LOG_VERSION}`) : null;
  if (keptDir) {
    const manifest = readManifest(keptDir, size);
    if (manifest) {
      options.progress(`scale ${size}: reusing the log in ${keptDir} (${manifest.events} events)`);
      const file = join(keptDir, SQLITE_FILE_NAME);
      return {
        file,
        events: manifest.events,
        byType: manifest.byType,
        bytes: sizeOf(file),
        buildMs: null,
        reused: true,
        builtIn: 'disk',
        release: () => undefined,
      };
    }
  }
  const shm = tmpfsRoot();
  const fitsTmpfs = shm !== null && freeBytes(shm) > size * BYTES_PER_EVENT_ESTIMATE * 1.5;
  const buildRoot = fitsTmpfs ? shm : options.tmpRoot;
  const buildDir = mkdtempSync(join(buildRoot, 'dd-bench-scale-build-'));
  const buildFile = join(buildDir, SQLITE_FILE_NAME);
  try {
    options.progress(`scale ${size}: building a log of ${size} events in ${buildDir}`);
    const started = performance.now();
    const store = new SqliteEventStore(buildFile);
    let built;
    try {
      built = await appendSyntheticLog(store, { events: size });
    } finally {
      await store.close();
    }
    const buildMs = Math.round(performance.now() - started);
    options.progress(`scale ${size}: ${built.events} events built in ${Math.round(buildMs / 1000)} s`);
    const targetDir = keptDir ?? (fitsTmpfs ? mkdtempSync(join(options.tmpRoot, 'dd-bench-scale-log-')) : buildDir);
    mkdirSync(targetDir, { recursive: true });
    const file = join(targetDir, SQLITE_FILE_NAME);
    if (file !== buildFile) {
      rmSync(join(targetDir, 'manifest.json'), { force: true });
      copyFileSync(buildFile, file, constants.COPYFILE_FICLONE);
      rmSync(buildDir, { recursive: true, force: true });
    }
    if (keptDir) {
      const manifest: Manifest = {
        size,
        generatorVersion: SYNTHETIC_LOG_VERSION,
        events: built.events,
        byType: built.byType,
        buildMs,
        builtAt: new Date().toISOString(),
      };
      writeFileSync(join(keptDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    }
    return {
      file,
      events: built.events,
      byType: built.byType,
      bytes: sizeOf(file),
      buildMs,
      reused: false,
      builtIn: fitsTmpfs ? 'tmpfs' : 'disk',
      release: () => {
        if (!keptDir) rmSync(targetDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(buildDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A fresh data directory holding a copy of the log: the phases run the real engine on it, whose process
 * managers may append (e.g. on first start), and a kept log must stay what its manifest says.
 */
export function workingCopy(log: ScaleLog, tmpRoot: string): string {
  const dir = mkdtempSync(join(tmpRoot, 'dd-bench-scale-data-'));
  copyFileSync(log.file, join(dir, SQLITE_FILE_NAME), constants.COPYFILE_FICLONE);
  return dir;
}

function readManifest(dir: string, size: number): Manifest | null {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file) || !existsSync(join(dir, SQLITE_FILE_NAME))) return null;
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    return manifest.size === size && manifest.generatorVersion === SYNTHETIC_LOG_VERSION ? manifest : null;
  } catch {
    return null;
  }
}

function freeBytes(dir: string): number {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return 0;
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
