export { readCmrt, type CmrtReadResult, type ReadCmrtOptions } from './read-cmrt';
export { CmrtRejected, CMRT_REJECTION_CODES, type CmrtRejectionCode, type CmrtRejectionDetails } from './cmrt-rejected';
export { readSmelterLookup, SMELTER_LOOKUP_SHEET, type SmelterLookupRow, type ReadSmelterLookupOptions } from './smelter-lookup';
export { SUPPORTED_CMRT_VERSIONS, type CmrtLayout } from './cmrt-version';
export { TEMPLATE_FAMILIES, type TemplateFamily } from './cmrt-template';
export { parseDateText, excelSerialToIsoDate } from './cmrt-dates';
export {
  readTemplate,
  UNKNOWN_TEMPLATE_VERSION,
  type TemplateReadResult,
  type CmrtTemplateRead,
  type EmrtTemplateRead,
  type AmrtTemplateRead,
  type ReadTemplateOptions,
} from './read-template';
export { rejections } from './cmrt-rejected';
export { readEmrtSmelterLookup, type EmrtSmelterLookupRow } from './smelter-lookup';
export { TEMPLATE_RELEASES, type TemplateRelease, type ReadableFamily } from './template-releases';
// The same checked zip reader for archives of workbooks (cmrt import <zip>): sizes, CRCs and headers verified.
export { ZipEntries } from './xlsx/zip-entries';
export { WorkbookProblem } from './xlsx/workbook-problem';
export {
  writeCmrt,
  CmrtTemplateProblem,
  TEMPLATE_PROBLEM_CODES,
  type TemplateProblemCode,
  type WrittenCmrt,
  type WriteCmrtOptions,
} from './writer/write-cmrt';
export { writeEmrt, type WrittenEmrt, type WriteEmrtOptions } from './writer/write-emrt';
// Tables suppliers and RMI send as CSV or as a plain workbook (supplier import, smelter lists).
export { parseCsv, CsvSyntaxError, type CsvRecord, type CsvOptions } from './csv/csv-reader';
export { readSheetTable, type SheetTable, type ReadSheetTableOptions } from './xlsx/sheet-table';
