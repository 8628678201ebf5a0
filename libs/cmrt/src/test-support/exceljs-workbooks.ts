import ExcelJS from 'exceljs';

/**
 * Workbooks written by exceljs, for specs: a robustness check that the reader copes with another
 * writer's output (exceljs renumbers parts, writes formula results as t="str", rich text as
 * inline strings when shared strings are off, and formulas without results as bare <f>).
 * exceljs is a devDependency: only specs import this file.
 */
export type CellValues = Record<string, ExcelJS.CellValue>;

export interface ScratchWorkbook {
  /** Cells per sheet name, by A1 address. */
  sheets: Record<string, CellValues>;
  useSharedStrings?: boolean;
  date1904?: boolean;
}

/** A minimal CMRT look-alike from scratch (no template): fast to build, no language table. */
export async function scratchWorkbook(spec: ScratchWorkbook): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  if (spec.date1904) workbook.properties.date1904 = true;
  for (const [name, cells] of Object.entries(spec.sheets)) {
    const sheet = workbook.addWorksheet(name);
    setCells(sheet, cells);
  }
  return write(workbook, spec.useSharedStrings ?? true);
}

/** Declaration title and revision cells as a CMRT 6.4 has them. */
export function cmrtIdentity(version = '6.4'): CellValues {
  return {
    D2: { formula: 'OFFSET(L!$C$1,1,SL,,)', result: 'Conflict Minerals Reporting Template (CMRT)' },
    J3: `Revision ${version}\nApril 26, 2024`,
  };
}

export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  return workbook;
}

export function setCells(sheet: ExcelJS.Worksheet, cells: CellValues): void {
  for (const [address, value] of Object.entries(cells)) sheet.getCell(address).value = value;
}

/**
 * Write a (template-based) workbook. exceljs 4.4 cannot write back some conditional-formatting
 * rules it reads from the RMI templates (expression rules without formulae: it throws), so
 * those rules are dropped first; they do not affect cell values.
 */
export async function write(workbook: ExcelJS.Workbook, useSharedStrings = true): Promise<Uint8Array> {
  workbook.eachSheet((sheet) => {
    const formattings =
      (sheet as unknown as { conditionalFormattings?: { rules: { type?: string; formulae?: unknown[] }[] }[] }).conditionalFormattings ??
      [];
    for (const formatting of formattings) {
      formatting.rules = formatting.rules.filter(
        (rule) => !['expression', 'cellIs'].includes(rule.type ?? '') || (rule.formulae?.length ?? 0) > 0,
      );
    }
  });
  const buffer = await workbook.xlsx.writeBuffer({ useSharedStrings } as never);
  return new Uint8Array(buffer as ArrayBuffer);
}
