import { DECLARATION_SHEET, PRODUCT_SHEET, SMELTER_SHEET } from '../../domain/src/declaration/cell-map';
import type { Declaration } from '../../domain/src/declaration/declaration.schema';
import type { Finding } from '../../domain/src/declaration/finding';
import { rejections } from './cmrt-rejected';
import { familyFromSheets, familyFromTitle, type TemplateFamily } from './cmrt-template';
import { cellText } from './cmrt-values';
import { SUPPORTED_RANGE_TEXT, cmrtLayoutFor, versionFromRevisionCell, versionFromRevisionText } from './cmrt-version';
import {
  DECLARATION_RANGE,
  REVISION_CELL,
  TITLE_CELL,
  questionLayoutFor,
  readCompanyBlock,
  readCompanyQuestions,
  readLanguage,
  readMineralAnswers,
} from './declaration-sheet';
import { PRODUCT_RANGE, readProductRows } from './product-list-sheet';
import { ReaderFindings } from './reader-findings';
import { SheetReader } from './sheet-reader';
import { SMELTER_RANGE, SMELTER_REVISION_CELL, readSmelterRows } from './smelter-list-sheet';
import { SheetCells } from './xlsx/sheet-cells';
import { WorkbookProblem } from './xlsx/workbook-problem';
import { XlsxWorkbook } from './xlsx/xlsx-workbook';
import { DEFAULT_MAX_UNCOMPRESSED_BYTES } from './xlsx/zip-entries';

export interface ReadCmrtOptions {
  /** Used in rejection messages so the supplier knows which attachment is meant. */
  fileName?: string;
  /**
   * Refuse (CmrtRejected 'too-large') when the parts the reader needs declare more than this
   * many uncompressed bytes in total. A CMRT response needs ~7 MB. Default 100 MB.
   */
  maxUncompressedBytes?: number;
}

export interface CmrtReadResult {
  declaration: Declaration;
  /** e.g. "6.4" */
  templateVersion: string;
  /** Display language in English, e.g. "Chinese"; "Unknown" when none could be told. */
  language: string;
  family: 'CMRT';
  /** Problems noticed while reading (unreadable date, unexpected values ...), with their cells. */
  readerFindings: Finding[];
}

const REVISION_SHEET = 'Revision';
const REVISION_TITLE_CELL = 'B3';
const REVISION_NUMBER_COLUMN = 2;

/**
 * Read a CMRT response workbook (.xlsx) into a Declaration.
 *
 * Only the parts needed are inflated: workbook.xml and its relationships, the shared strings,
 * and the Declaration, Smelter List and Product List sheets (the Revision sheet only when the
 * version is not on the Declaration). The Smelter Look-up sheet, styles, calc chain and the
 * language table stay compressed. Throws CmrtRejected when the file cannot be read as a CMRT;
 * everything short of that (blank answers, odd values) is data or a reader finding.
 */
export function readCmrt(bytes: Uint8Array, options: ReadCmrtOptions = {}): CmrtReadResult {
  try {
    const workbook = XlsxWorkbook.open(bytes, { maxUncompressedBytes: options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES });
    return readCmrtWorkbook(workbook, options);
  } catch (error) {
    if (error instanceof WorkbookProblem) throw rejections.fromWorkbookProblem(error, options.fileName);
    throw error;
  }
}

function readCmrtWorkbook(workbook: XlsxWorkbook, options: ReadCmrtOptions): CmrtReadResult {
  const findings = new ReaderFindings();
  if (!workbook.findSheet(DECLARATION_SHEET)) throw rejections.notACmrt(workbook.sheetNames, options.fileName);

  const declarationCells = workbook.readSheets([{ name: DECLARATION_SHEET, range: DECLARATION_RANGE }]).get(DECLARATION_SHEET) ?? new SheetCells();
  const declaration = new SheetReader(DECLARATION_SHEET, declarationCells, findings);

  const identity = identifyTemplate(workbook, declaration);
  if (identity.family && identity.family !== 'CMRT') throw rejections.wrongTemplate(identity.family, identity.version, options.fileName);
  if (identity.version !== undefined && !cmrtLayoutFor(identity.version)) {
    throw rejections.unsupportedVersion(identity.version, SUPPORTED_RANGE_TEXT, options.fileName);
  }

  // Smelter List and Product List in one pass over the zip.
  const lists = workbook.readSheets([
    { name: SMELTER_SHEET, range: SMELTER_RANGE },
    { name: PRODUCT_SHEET, range: PRODUCT_RANGE },
  ]);
  const smelterCells = lists.get(SMELTER_SHEET);
  const productCells = lists.get(PRODUCT_SHEET);

  const version = identity.version ?? versionFromRevisionText(smelterCells?.at(SMELTER_REVISION_CELL));
  const layout = version === undefined ? undefined : cmrtLayoutFor(version);
  if (version === undefined || layout === undefined) throw rejections.unsupportedVersion(version, SUPPORTED_RANGE_TEXT, options.fileName);

  if (!identity.family) {
    findings.add({
      ruleId: 'reader.template-unconfirmed',
      severity: 'info',
      field: 'templateVersion',
      cell: declaration.cellRef(TITLE_CELL),
      message: `The workbook has no template title in ${declaration.cellRef(TITLE_CELL)}; it was read as a CMRT ${version} because it has a Declaration sheet.`,
    });
  }

  const language = readLanguage(declaration);
  const company = readCompanyBlock(declaration, workbook.date1904);
  const questionLayout = questionLayoutFor(layout, declaration);
  if (!questionLayout) {
    findings.add({
      ruleId: 'reader.questions-not-located',
      severity: 'warning',
      field: 'minerals',
      cell: declaration.cellRef('B25'),
      message: `The questions of this CMRT ${version} could not be located on the Declaration sheet (no numbered question labels in column B), so its answers were not read.`,
    });
  }
  const minerals = questionLayout ? readMineralAnswers(declaration, questionLayout) : { tantalum: {}, tin: {}, gold: {}, tungsten: {} };
  const companyQuestions = questionLayout ? readCompanyQuestions(declaration, questionLayout) : {};

  const smelterReader = new SheetReader(SMELTER_SHEET, smelterCells ?? new SheetCells(), findings);
  const productReader = new SheetReader(PRODUCT_SHEET, productCells ?? new SheetCells(), findings);
  const smelters = smelterCells ? readSmelterRows(smelterReader, smelterCells) : [];
  const products = productCells ? readProductRows(productReader, productCells) : [];
  for (const [sheet, cells] of [
    [SMELTER_SHEET, smelterCells],
    [PRODUCT_SHEET, productCells],
  ] as const) {
    if (cells) continue;
    findings.add({
      ruleId: 'reader.sheet-missing',
      severity: 'warning',
      field: sheet === SMELTER_SHEET ? 'smelters' : 'products',
      message: `The workbook has no "${sheet}" sheet; it was read as empty.`,
    });
  }
  for (const reader of [declaration, smelterReader, productReader]) reader.reportUncachedFormulas();

  return {
    declaration: {
      templateVersion: version,
      ...(language.known ? { language: language.language } : {}),
      company,
      minerals,
      companyQuestions,
      smelters,
      products,
    },
    templateVersion: version,
    language: language.language,
    family: 'CMRT',
    readerFindings: findings.list(),
  };
}

/**
 * Family and version from the Declaration's title (D2) and revision (J3) cells, falling back on
 * the sheet set and the Revision sheet (its title B3 and last revision number in column B).
 */
function identifyTemplate(workbook: XlsxWorkbook, declaration: SheetReader): { family?: TemplateFamily; version?: string } {
  let family = familyFromTitle(cellText(declaration.value(TITLE_CELL, 'templateVersion'))) ?? familyFromSheets(workbook.sheetNames);
  let version = versionFromRevisionText(declaration.value(REVISION_CELL, 'templateVersion'));
  if ((family === undefined || version === undefined) && workbook.findSheet(REVISION_SHEET)) {
    const revision = workbook.readSheets([{ name: REVISION_SHEET, range: { lastColumn: REVISION_NUMBER_COLUMN } }]).get(REVISION_SHEET);
    if (revision) {
      family ??= familyFromTitle(cellText(revision.at(REVISION_TITLE_CELL)));
      version ??= lastRevisionNumber(revision);
    }
  }
  return { ...(family ? { family } : {}), ...(version ? { version } : {}) };
}

/** The last revision listed on the Revision sheet (column B; the © footer row is not a number). */
function lastRevisionNumber(revision: SheetCells): string | undefined {
  let last: string | undefined;
  for (const row of revision.rowNumbers()) {
    last = versionFromRevisionCell(revision.get(row, REVISION_NUMBER_COLUMN)) ?? last;
  }
  return last;
}
