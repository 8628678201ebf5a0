import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The real CMRT responses the CMRT benchmarks read: ../shared/cmrt/samples beside the project
 * (see that folder's README), or $CMRT_FILES_DIR/samples as for the specs. Found from the project
 * root (the nearest folder above this file holding package.json, whether this runs from src/ under
 * jest or from dist/), then from the working directory.
 */
export interface CmrtSamples {
  /** The folder looked in (the first candidate when none exists, for the skip message). */
  dir: string;
  /** Absolute paths of its .xlsx files, sorted; empty when the folder is absent. */
  files: string[];
}

export function projectRoot(from: string = __dirname): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

export function findCmrtSamples(env: NodeJS.ProcessEnv = process.env): CmrtSamples {
  const candidates = env.CMRT_FILES_DIR
    ? [join(resolve(env.CMRT_FILES_DIR), 'samples')]
    : [...new Set([resolve(projectRoot(), '../shared/cmrt/samples'), resolve(process.cwd(), '../shared/cmrt/samples')])];
  for (const dir of candidates) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    const files = readdirSync(dir)
      .filter((name) => name.toLowerCase().endsWith('.xlsx') && !name.startsWith('~$') && !name.startsWith('.'))
      .sort()
      .map((name) => join(dir, name));
    if (files.length) return { dir, files };
  }
  return { dir: candidates[0], files: [] };
}

export const noSamplesReason = (samples: CmrtSamples) => `no real CMRT samples at ${samples.dir}`;

/** Supplier i of benchmark (f): the child registers it, the parent's map file names it. */
export const batchSupplierId = (prefix: string, index: number) => `${prefix}-${String(index).padStart(3, '0')}`;
