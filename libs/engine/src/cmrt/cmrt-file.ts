import { createHash } from 'node:crypto';
import { UNKNOWN_TEMPLATE_VERSION, readTemplate, rejections, type CmrtReadResult, type EmrtTemplateRead } from '@dd/cmrt';
import type { ResponseSource } from '@dd/domain';

/** Largest CMRT file accepted (upload or batch entry). A filled CMRT is 1-3 MB; the blank template 1.6 MB. */
export const CMRT_MAX_FILE_BYTES = 20 * 1024 * 1024;
/**
 * Largest uncompressed size the parts the reader needs may declare (zip-bomb guard). A CMRT
 * response needs about 7 MB; the reader refuses more with CmrtRejected 'too-large'.
 */
export const CMRT_MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;

/** The fingerprint a response event keeps of its file (kind 'cmrt-file' for the EMRT's too: a template workbook). */
export type CmrtFileSource = Extract<ResponseSource, { kind: 'cmrt-file' }>;

/** A workbook read as a CMRT, with the fingerprint the response event keeps. */
export interface CmrtFile {
  read: CmrtReadResult;
  source: CmrtFileSource;
  /** The file as received, kept in the OriginalsStore when it is recorded. */
  bytes: Uint8Array;
}

/** A workbook read as an EMRT, recorded on the supplier's EMRT survey. */
export interface EmrtFile {
  read: EmrtTemplateRead;
  source: CmrtFileSource;
  /** The file as received, kept in the OriginalsStore when it is recorded. */
  bytes: Uint8Array;
}

/** A supplier's response workbook of a family the surveys take, told apart by the workbook itself. */
export type ResponseFile = CmrtFile | EmrtFile;

export function isEmrtFile(file: ResponseFile): file is EmrtFile {
  return file.read.family === 'emrt';
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Reads a supplier's response workbook: a CMRT or an EMRT (the family comes from the workbook, not
 * from the caller). Throws CmrtRejected (with a message meant for the supplier) when it cannot be
 * read at all, 'too-large' included; everything short of that is a finding. The reader also reads
 * AMRT workbooks, but no survey asks for the AMRT yet: one is refused as
 * 'template-family-not-supported-yet', naming the family, before anything is recorded.
 */
export function readResponseFile(bytes: Uint8Array, fileName: string, options: { maxUncompressedBytes?: number } = {}): ResponseFile {
  const template = readTemplate(bytes, { fileName, maxUncompressedBytes: options.maxUncompressedBytes ?? CMRT_MAX_UNCOMPRESSED_BYTES });
  const source = (templateVersion: string, language: string): CmrtFileSource => ({
    kind: 'cmrt-file',
    fileName,
    sha256: sha256Hex(bytes),
    size: bytes.byteLength,
    templateVersion,
    language,
  });
  if (template.family === 'emrt') return { read: template, source: source(template.templateVersion, template.language), bytes };
  if (template.family !== 'cmrt') {
    const version = template.templateVersion === UNKNOWN_TEMPLATE_VERSION ? undefined : template.templateVersion;
    throw rejections.familyNotSupportedYet(template.family.toUpperCase(), version, fileName);
  }
  const read: CmrtReadResult = {
    declaration: template.declaration,
    templateVersion: template.templateVersion,
    language: template.language,
    family: 'CMRT',
    readerFindings: template.readerFindings,
  };
  return { read, source: source(read.templateVersion, read.language), bytes };
}

/**
 * Reads a workbook as a CMRT only (`cmrt inspect`, which prints a CMRT's answers): an EMRT or AMRT
 * is refused as 'template-family-not-supported-yet' there.
 */
export function readCmrtFile(bytes: Uint8Array, fileName: string, options: { maxUncompressedBytes?: number } = {}): CmrtFile {
  const file = readResponseFile(bytes, fileName, options);
  if (isEmrtFile(file)) {
    const version = file.read.templateVersion === UNKNOWN_TEMPLATE_VERSION ? undefined : file.read.templateVersion;
    throw rejections.familyNotSupportedYet(
      'EMRT',
      version,
      fileName,
      'the CMRT for inspection (an EMRT is recorded by cmrt import or the upload)',
    );
  }
  return file;
}
