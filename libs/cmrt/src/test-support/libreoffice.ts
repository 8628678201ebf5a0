import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** LibreOffice headless for the round trips of our declarations: the command, when installed. */
export function soffice(): string | undefined {
  for (const candidate of ['soffice', 'libreoffice']) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore', timeout: 60_000 });
      return candidate;
    } catch {
      // not installed under this name
    }
  }
  return undefined;
}

/** Every sheet converted to CSV (LibreOffice 7.2+: sheet number -1 writes <name>-<sheet>.csv per sheet). */
export function convertToCsv(office: string, xlsx: Uint8Array): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'dd-declaration-lo-'));
  try {
    const input = join(dir, 'our-declaration.xlsx');
    writeFileSync(input, xlsx);
    execFileSync(
      office,
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir',
        join(dir, 'out'),
        input,
      ],
      { stdio: 'pipe', timeout: 180_000 },
    );
    const sheets = new Map<string, string>();
    for (const name of readdirSync(join(dir, 'out'))) {
      const sheet = /^our-declaration-(.+)\.csv$/.exec(name)?.[1];
      if (sheet) sheets.set(sheet, readFileSync(join(dir, 'out', name), 'utf8'));
    }
    return sheets;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
