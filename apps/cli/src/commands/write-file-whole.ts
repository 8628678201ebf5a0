import { renameSync, rmSync, writeFileSync } from 'node:fs';

/** Writes a file whole or not at all: to a temporary name beside it, then renamed over it. */
export function writeFileWhole(path: string, bytes: Buffer): void {
  const temporary = `${path}.${process.pid}.partial`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
