import type { Declaration } from '@dd/domain';
import type { Finding } from '@dd/domain';
import { readWorkbook, withWorkbook, type ReadTemplateOptions } from './read-template';

export type ReadCmrtOptions = ReadTemplateOptions;

export interface CmrtReadResult {
  declaration: Declaration;
  /** e.g. "6.4"; "unknown" when Declaration!J3 cannot be read (there is a reader finding). */
  templateVersion: string;
  /** Display language in English, e.g. "Chinese"; "Unknown" when none could be told. */
  language: string;
  family: 'CMRT';
  /** Problems noticed while reading (unreadable date, unexpected values ...), with their cells. */
  readerFindings: Finding[];
}

/**
 * Read a CMRT response workbook (.xlsx) into a Declaration: readTemplate for callers that take
 * the CMRT only. Any other RMI template (EMRT, AMRT, CRT ...) is refused as 'wrong-template'
 * before its lists are read. Throws CmrtRejected when the file cannot be read as a CMRT;
 * everything short of that (blank answers, odd values) is data or a reader finding.
 */
export function readCmrt(bytes: Uint8Array, options: ReadCmrtOptions = {}): CmrtReadResult {
  const read = withWorkbook(bytes, options, (workbook) => readWorkbook(workbook, options, 'CMRT'));
  if (read.family !== 'cmrt') throw new Error(`readWorkbook returned an ${read.family} for a CMRT-only read`);
  return {
    declaration: read.declaration,
    templateVersion: read.templateVersion,
    language: read.language,
    family: 'CMRT',
    readerFindings: read.readerFindings,
  };
}
