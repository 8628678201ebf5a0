import { existsSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { join } from 'node:path';

/** Runs `work` with a fresh directory under `root` and removes it afterwards, whatever happens. */
export async function withTempDir<T>(root: string, prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(root, `dd-bench-${prefix}-`));
  try {
    return await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** RAM-backed directory where the OS has one (Linux /dev/shm), else null. */
export function tmpfsRoot(): string | null {
  return process.platform === 'linux' && existsSync('/dev/shm') ? '/dev/shm' : null;
}

const TMPFS_MAGIC = 0x01021994;

/** "tmpfs" or "disk": the report says where a figure's fsyncs went. */
export function storageKind(dir: string): 'tmpfs' | 'disk' {
  try {
    return statfsSync(dir).type === TMPFS_MAGIC ? 'tmpfs' : 'disk';
  } catch {
    return 'disk';
  }
}
