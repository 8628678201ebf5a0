/**
 * Why bytes could not be opened as an .xlsx workbook, in technical terms. The CMRT reader
 * turns each into a CmrtRejected with wording a supplier can act on (cmrt-rejected.ts).
 */
export type WorkbookProblemCode =
  'empty-file' | 'not-a-workbook' | 'unsupported-format' | 'legacy-xls' | 'encrypted' | 'corrupt-zip' | 'too-large';

export interface WorkbookProblemDetail {
  /** What the file is instead, when known: "pdf", "zip", "word", "powerpoint", "xlsb", "ods". */
  actualFormat?: string;
  declaredBytes?: number;
  limitBytes?: number;
}

export class WorkbookProblem extends Error {
  constructor(
    readonly code: WorkbookProblemCode,
    message: string,
    readonly detail: WorkbookProblemDetail = {},
  ) {
    super(message);
    this.name = 'WorkbookProblem';
  }
}
