import { WorkbookProblem } from './xlsx/workbook-problem';

/**
 * Why a file sent as a CMRT cannot be read at all. Each code calls for a different action by
 * the supplier, and the message says which in words they understand (it is meant to be
 * forwarded as is). Incomplete answers are not rejections: they are findings.
 */
export const CMRT_REJECTION_CODES = [
  'empty-file',
  'not-a-workbook',
  'unsupported-format',
  'legacy-xls',
  'encrypted',
  'corrupt-zip',
  'too-large',
  'not-a-cmrt',
  'wrong-template',
  'unsupported-version',
  'template-not-supported',
  'template-family-not-supported-yet',
] as const;
export type CmrtRejectionCode = (typeof CMRT_REJECTION_CODES)[number];

export interface CmrtRejectionDetails {
  fileName?: string;
  /** For wrong-template, template-not-supported, template-family-not-supported-yet, unsupported-version: the template family found, e.g. "EMRT". */
  family?: string;
  /** For those and unsupported-version: the version found, e.g. "2.1". */
  version?: string;
  /** For not-a-cmrt: the sheets the workbook has. */
  sheets?: string[];
  /** For too-large. */
  declaredBytes?: number;
  limitBytes?: number;
}

export class CmrtRejected extends Error {
  constructor(
    readonly code: CmrtRejectionCode,
    message: string,
    readonly details: CmrtRejectionDetails = {},
  ) {
    super(message);
    this.name = 'CmrtRejected';
  }
}

const SEND_XLSX = 'Please send the completed CMRT as an Excel workbook (.xlsx).';

const TEMPLATE_NAMES: Record<string, string> = {
  EMRT: 'Extended Minerals Reporting Template',
  CRT: 'Cobalt Reporting Template',
  AMRT: 'Additional Minerals Reporting Template',
  PRT: 'Pilot Reporting Template',
};

/** Supplier-facing rejections; `file` is the quoted file name or a neutral noun. */
export const rejections = {
  fromWorkbookProblem(problem: WorkbookProblem, fileName?: string): CmrtRejected {
    const file = fileLabel(fileName);
    const base = { ...(fileName ? { fileName } : {}) };
    switch (problem.code) {
      case 'empty-file':
        return new CmrtRejected('empty-file', `${file} is empty (0 bytes). ${SEND_XLSX}`, base);
      case 'legacy-xls':
        return new CmrtRejected(
          'legacy-xls',
          `${file} was saved in the old .xls format; please send the .xlsx CMRT (open it in Excel and use File > Save As > Excel Workbook (*.xlsx), or fill in the current CMRT from the RMI website).`,
          base,
        );
      case 'encrypted':
        return new CmrtRejected(
          'encrypted',
          `${file} is password-protected (encrypted), so it cannot be read. Please remove the password (in Excel: File > Info > Protect Workbook > Encrypt with Password, clear the password, save) and send it again.`,
          base,
        );
      case 'corrupt-zip':
        return new CmrtRejected(
          'corrupt-zip',
          `${file} is damaged: it looks like an Excel workbook but its contents cannot be read (${problem.message}). Please save it again in Excel and resend it.`,
          base,
        );
      case 'too-large': {
        const declared = megabytes(problem.detail.declaredBytes);
        const limit = megabytes(problem.detail.limitBytes);
        return new CmrtRejected(
          'too-large',
          `${file} is too large to process: the sheets needed expand to ${declared} MB, more than the ${limit} MB allowed. A CMRT normally expands to under 10 MB; please send the original CMRT file without added content.`,
          { ...base, declaredBytes: problem.detail.declaredBytes, limitBytes: problem.detail.limitBytes },
        );
      }
      case 'unsupported-format':
        return new CmrtRejected(
          'unsupported-format',
          problem.detail.actualFormat === 'xlsb'
            ? `${file} was saved as an Excel Binary Workbook (.xlsb). Please save it as an Excel Workbook (.xlsx) and send it again.`
            : `${file} is an OpenDocument spreadsheet, not an Excel workbook. Please save it as an Excel Workbook (.xlsx) and send it again.`,
          base,
        );
      case 'not-a-workbook':
        return new CmrtRejected(
          'not-a-workbook',
          `${file} is not an Excel workbook${insteadNote(problem.detail.actualFormat)}. ${SEND_XLSX}`,
          base,
        );
    }
  },

  notACmrt(sheets: string[], fileName?: string): CmrtRejected {
    const listed =
      sheets
        .slice(0, 8)
        .map((name) => `"${name}"`)
        .join(', ') + (sheets.length > 8 ? ', ...' : '');
    return new CmrtRejected(
      'not-a-cmrt',
      `${fileLabel(fileName, 'This workbook')} is not a CMRT: it has no "Declaration" sheet (its sheets are ${listed || 'none'}). Please fill in the RMI Conflict Minerals Reporting Template (CMRT) and send that.`,
      { sheets, ...(fileName ? { fileName } : {}) },
    );
  },

  wrongTemplate(family: string, version: string | undefined, fileName?: string): CmrtRejected {
    return new CmrtRejected(
      'wrong-template',
      `This is ${describeTemplate(family, version)}, not a CMRT. We asked for the Conflict Minerals Reporting Template (CMRT) covering tin, tantalum, tungsten and gold; please send that instead.`,
      { family, ...(version ? { version } : {}), ...(fileName ? { fileName } : {}) },
    );
  },

  unsupportedVersion(version: string | undefined, supported: string, fileName?: string, family = 'CMRT'): CmrtRejected {
    const message =
      version === undefined
        ? `Could not tell which ${family} version ${fileName ? `"${fileName}"` : 'this workbook'} is (Declaration!J3 and the Revision sheet give no version). Please fill in the current ${family} from the RMI website and send that.`
        : `Unsupported ${family} version ${version}: we can read ${family} ${supported} (.xlsx). Please fill in the current ${family} from the RMI website and send that.`;
    return new CmrtRejected('unsupported-version', message, {
      ...(family !== 'CMRT' ? { family } : {}),
      ...(version ? { version } : {}),
      ...(fileName ? { fileName } : {}),
    });
  },

  /** An RMI template recognised but not read here (the retired CRT, the pilot PRT). */
  templateNotSupported(family: string, version: string | undefined, fileName?: string): CmrtRejected {
    const retired =
      family === 'CRT' ? ' The CRT was retired in March 2022 in favour of the Extended Minerals Reporting Template (EMRT).' : '';
    return new CmrtRejected(
      'template-not-supported',
      `This is ${describeTemplate(family, version)}, which cannot be read here yet (readable: CMRT, EMRT and AMRT).${retired} Please send the template you were asked for.`,
      { family, ...(version ? { version } : {}), ...(fileName ? { fileName } : {}) },
    );
  },

  /**
   * A template the reader reads but the caller does not take yet: surveys ask for the CMRT and the
   * EMRT, so an AMRT is read (and named) but not recorded; `accepted` says what the caller takes.
   */
  familyNotSupportedYet(
    family: string,
    version: string | undefined,
    fileName?: string,
    accepted = 'the Conflict Minerals Reporting Template (CMRT) and the Extended Minerals Reporting Template (EMRT)',
  ): CmrtRejected {
    return new CmrtRejected(
      'template-family-not-supported-yet',
      `This is ${describeTemplate(family, version)}. Responses on the ${family} are not supported here yet: we take ${accepted}; please send the template you were asked for.`,
      { family, ...(version ? { version } : {}), ...(fileName ? { fileName } : {}) },
    );
  },
};

/** "an EMRT 2.1 (Extended Minerals Reporting Template)", "a CRT 2.21 (Cobalt Reporting Template)". */
function describeTemplate(family: string, version: string | undefined): string {
  const name = TEMPLATE_NAMES[family];
  const article = /^[AEFHILMNORSX]/.test(family) ? 'an' : 'a'; // as the letters are spoken: "an EMRT", "a CRT"
  return `${article} ${family}${version ? ` ${version}` : ''}${name ? ` (${name})` : ''}`;
}

function fileLabel(fileName: string | undefined, fallback = 'This file'): string {
  return fileName ? `The file "${fileName}"` : fallback;
}

function insteadNote(actualFormat: string | undefined): string {
  switch (actualFormat) {
    case 'pdf':
      return ' (it is a PDF document)';
    case 'word':
      return ' (it is a Word document)';
    case 'powerpoint':
      return ' (it is a PowerPoint presentation)';
    case 'zip':
      return ' (it is a zip archive without a workbook inside)';
    default:
      return '';
  }
}

function megabytes(bytes: number | undefined): string {
  return bytes === undefined ? '?' : (bytes / (1024 * 1024)).toFixed(1);
}
