export { readCmrt, type CmrtReadResult, type ReadCmrtOptions } from './read-cmrt';
export { CmrtRejected, CMRT_REJECTION_CODES, type CmrtRejectionCode, type CmrtRejectionDetails } from './cmrt-rejected';
export { readSmelterLookup, SMELTER_LOOKUP_SHEET, type SmelterLookupRow, type ReadSmelterLookupOptions } from './smelter-lookup';
export { SUPPORTED_CMRT_VERSIONS, type CmrtLayout } from './cmrt-version';
export { TEMPLATE_FAMILIES, type TemplateFamily } from './cmrt-template';
export { parseDateText, excelSerialToIsoDate } from './cmrt-dates';
