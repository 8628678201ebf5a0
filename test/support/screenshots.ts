import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where browser specs put their screenshots: docs/screenshots when asked (`DD_SCREENSHOTS=docs npm test`,
 * to refresh the pictures the docs show), else a temporary folder, so that a test run never changes
 * tracked files. The screenshot is taken either way: drawing the whole page is part of the check.
 */
export function screenshotPath(file: string): string {
  const folder =
    process.env.DD_SCREENSHOTS === 'docs' ? join(__dirname, '..', '..', 'docs', 'screenshots') : join(tmpdir(), 'dd-screenshots');
  mkdirSync(folder, { recursive: true });
  return join(folder, file);
}
