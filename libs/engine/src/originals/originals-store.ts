import { createHash } from 'node:crypto';

/** The engine's injection token for the OriginalsStore. */
export const ORIGINALS_STORE = Symbol('OriginalsStore');

/** A SHA-256 as the log and the store name files by it: 64 lowercase hex digits. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A file exactly as it was received, found by the SHA-256 of its bytes. */
export interface StoredOriginal {
  sha256: string;
  /** The extension it was stored with (from the first name it came under), e.g. "xlsx"; "bin" when none. */
  extension: string;
  size: number;
}

export interface OriginalFile extends StoredOriginal {
  bytes: Uint8Array;
}

/** The stored bytes no longer hash to the name they are kept under: someone changed the file. */
export class OriginalAltered extends Error {
  override readonly name = 'OriginalAltered';
  constructor(
    readonly sha256: string,
    readonly actual: string,
  ) {
    super(`the original kept as ${sha256} has changed since it was stored: its bytes now hash to ${actual}`);
  }
}

/**
 * The files suppliers sent, kept exactly as received, each once, content-addressed by SHA-256. The
 * events keep only the hash (ResponseRecorded's source.sha256); this is where the bytes behind it
 * are. put() returns only once the file is durable, so the engine stores a file before it appends
 * the event that names it: an acknowledged event never points at a missing file, and a crash in
 * between leaves an unreferenced file, which is harmless.
 */
export interface OriginalsStore {
  /** Keeps the bytes (idempotent: the same bytes again store nothing new; `stored` says whether this call wrote). */
  put(bytes: Uint8Array, fileName?: string): Promise<StoredOriginal & { stored: boolean }>;
  /** The file, its bytes checked against the hash (OriginalAltered if they differ); null when none is kept. */
  get(sha256: string): Promise<OriginalFile | null>;
  has(sha256: string): Promise<boolean>;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The extension a file is kept with: the name's, when it is a plain short one ("xlsx", "xlsm"); else "bin". */
export function originalExtension(fileName: string | undefined): string {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(fileName ?? '');
  return match ? match[1].toLowerCase() : 'bin';
}

/** Refuses anything but a SHA-256 before it is used to find a file (a path of its own making). */
export function checkedSha256(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256 (64 lowercase hex digits): ${JSON.stringify(sha256).slice(0, 80)}`);
  return sha256;
}

/** Content types of the workbooks suppliers send (and what an auditor's download is served as). */
export function originalContentType(extension: string): string {
  switch (extension) {
    case 'xlsx':
      return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    case 'xlsm':
      return 'application/vnd.ms-excel.sheet.macroEnabled.12';
    case 'xls':
      return 'application/vnd.ms-excel';
    case 'zip':
      return 'application/zip';
    case 'csv':
      return 'text/csv';
    case 'pdf':
      return 'application/pdf';
    default:
      return 'application/octet-stream';
  }
}
