import { CmrtRejected } from '@dd/cmrt';
import { CommandRefused } from '@dd/domain';
import { CMRT_MAX_FILE_BYTES, readResponseFile, type CmrtResponseIntake, type CmrtResponseOutcome, type ResponseFile } from '@dd/engine';
import type { BatchFile } from './batch-files';
import type { SupplierDirectory } from './supplier-directory';

export type FileResultKind = 'recorded' | 'already-recorded' | 'rejected' | 'no-supplier' | 'refused' | 'failed';

/** What became of one file of a batch. */
export interface FileResult {
  file: string;
  result: FileResultKind;
  /** rejected: the CMRT rejection code; refused: the refusal code. */
  code?: string;
  /** Why it was not recorded, in full (for rejections: the message meant for the supplier). */
  reason?: string;
  supplierId?: string;
  /** How the supplier was found: the map file, or the company name in the file. */
  supplierBy?: 'map' | 'name';
  templateVersion?: string;
  language?: string;
  companyName?: string;
  /** What was recorded (or had been recorded before), read back from the log. */
  outcome?: CmrtResponseOutcome;
}

export const FAILED_RESULTS: readonly FileResultKind[] = ['rejected', 'no-supplier', 'refused', 'failed'];

export interface BatchImportOptions {
  period: number;
  directory: SupplierDirectory;
  /** Batch file name -> supplier id, from --map. */
  map?: Map<string, string>;
  intake: CmrtResponseIntake;
  actor: string;
  /** Called after each file. */
  onFile?: (result: FileResult) => void;
}

const baseName = (name: string) => name.split('/').pop() ?? name;

/** Records each file as its supplier's response, one command per file; a failing file does not stop the rest. */
export async function importBatch(files: readonly BatchFile[], options: BatchImportOptions): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const file of files) {
    const result = detached(await importFile(file, options));
    results.push(result);
    options.onFile?.(result);
    releaseFileMemory();
  }
  return results;
}

/**
 * Each workbook inflates to ~13 MB of XML that is garbage once its response is recorded, mostly
 * outside V8's heap (inflated buffers), where V8 collects only after ~64 MB has piled up. In a batch
 * of hundreds of files that slack, not the work, sets the peak memory (measured for 200 files:
 * 245 MB without; 132 MB with it and the CLI's --max-semi-space-size=2). So a full collection runs between files when node runs with
 * --expose-gc, as `npm run cli` does; it costs ~40 ms a file. Without the flag only the peak differs.
 */
function releaseFileMemory(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * The result with its own copies of the strings that came from the file. The reader's strings can
 * be slices of a whole inflated XML part, and V8 keeps the part (about 1 MB of shared strings) alive
 * as long as a slice of it lives: kept for the whole batch, 200 company names held 200 parts. Same
 * values; only the results no longer pin each file's parts once the next file is read.
 */
function detached(result: FileResult): FileResult {
  const copied = { ...result };
  for (const key of ['file', 'code', 'reason', 'supplierId', 'templateVersion', 'language', 'companyName'] as const) {
    const text = result[key];
    if (text !== undefined) copied[key] = JSON.parse(JSON.stringify(text)) as string;
  }
  return copied;
}

async function importFile(file: BatchFile, options: BatchImportOptions): Promise<FileResult> {
  const base = { file: file.name };
  if (file.size > CMRT_MAX_FILE_BYTES) {
    return {
      ...base,
      result: 'rejected',
      code: 'too-large',
      reason: `The file "${baseName(file.name)}" is ${(file.size / (1024 * 1024)).toFixed(1)} MB, more than the ${CMRT_MAX_FILE_BYTES / (1024 * 1024)} MB a CMRT may be.`,
    };
  }
  let cmrt: ResponseFile;
  try {
    // A CMRT or an EMRT, recorded on the supplier's survey of that family.
    cmrt = readResponseFile(file.read(), baseName(file.name));
  } catch (error) {
    if (error instanceof CmrtRejected) return { ...base, result: 'rejected', code: error.code, reason: error.message };
    return {
      ...base,
      result: 'rejected',
      code: 'unreadable',
      reason: `The file "${file.name}" could not be read: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const read = {
    templateVersion: cmrt.read.templateVersion,
    language: cmrt.read.language,
    ...(cmrt.read.declaration.company.name ? { companyName: cmrt.read.declaration.company.name } : {}),
  };
  const mapped = options.map?.get(file.name);
  const supplier = mapped
    ? { supplierId: mapped, by: 'map' as const }
    : options.directory.byCompanyName(cmrt.read.declaration.company.name);
  if ('problem' in supplier) return { ...base, ...read, result: 'no-supplier', reason: supplier.problem };
  const who = { supplierId: supplier.supplierId, supplierBy: supplier.by };
  try {
    const outcome = await options.intake.record({ supplierId: supplier.supplierId, period: options.period }, cmrt, {
      actor: options.actor,
    });
    return {
      ...base,
      ...read,
      ...who,
      result: outcome.recorded ? 'recorded' : 'already-recorded',
      ...(outcome.reason ? { reason: outcome.reason } : {}),
      outcome,
    };
  } catch (error) {
    if (error instanceof CommandRefused) return { ...base, ...read, ...who, result: 'refused', code: error.code, reason: error.reason };
    return { ...base, ...read, ...who, result: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The table's "result" cell. */
export function resultText(result: FileResult): string {
  switch (result.result) {
    case 'recorded':
      return 'recorded';
    case 'already-recorded':
      return 'same file already recorded';
    case 'rejected':
      return `rejected: ${result.code}`;
    case 'no-supplier':
      return 'no supplier';
    case 'refused':
      return `refused: ${result.code}`;
    case 'failed':
      return 'failed';
  }
}
