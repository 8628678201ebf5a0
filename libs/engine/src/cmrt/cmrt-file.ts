import { createHash } from 'node:crypto';
import { UNKNOWN_TEMPLATE_VERSION, readTemplate, rejections, type CmrtReadResult } from '@dd/cmrt';
import type { ResponseSource } from '@dd/domain';

/** Largest CMRT file accepted (upload or batch entry). A filled CMRT is 1-3 MB; the blank template 1.6 MB. */
export const CMRT_MAX_FILE_BYTES = 20 * 1024 * 1024;
/**
 * Largest uncompressed size the parts the reader needs may declare (zip-bomb guard). A CMRT
 * response needs about 7 MB; the reader refuses more with CmrtRejected 'too-large'.
 */
export const CMRT_MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;

export type CmrtFileSource = Extract<ResponseSource, { kind: 'cmrt-file' }>;

/** A workbook read as a CMRT, with the fingerprint the response event keeps. */
export interface CmrtFile {
  read: CmrtReadResult;
  source: CmrtFileSource;
  /** The file as received, kept in the OriginalsStore when it is recorded. */
  bytes: Uint8Array;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Reads a supplier's file as a CMRT. Throws CmrtRejected (with a message meant for the supplier)
 * when it cannot be read at all, 'too-large' included; everything short of that is a finding.
 * The reader also reads EMRT and AMRT workbooks, but surveys ask for the CMRT only so far: those
 * are refused as 'template-family-not-enabled'.
 */
export function readCmrtFile(bytes: Uint8Array, fileName: string, options: { maxUncompressedBytes?: number } = {}): CmrtFile {
  const template = readTemplate(bytes, { fileName, maxUncompressedBytes: options.maxUncompressedBytes ?? CMRT_MAX_UNCOMPRESSED_BYTES });
  if (template.family !== 'cmrt') {
    const version = template.templateVersion === UNKNOWN_TEMPLATE_VERSION ? undefined : template.templateVersion;
    throw rejections.familyNotEnabled(template.family.toUpperCase(), version, fileName);
  }
  const read: CmrtReadResult = {
    declaration: template.declaration,
    templateVersion: template.templateVersion,
    language: template.language,
    family: 'CMRT',
    readerFindings: template.readerFindings,
  };
  return {
    read,
    source: {
      kind: 'cmrt-file',
      fileName,
      sha256: sha256Hex(bytes),
      size: bytes.byteLength,
      templateVersion: read.templateVersion,
      language: read.language,
    },
    bytes,
  };
}
