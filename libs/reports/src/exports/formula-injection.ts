/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"): = + - @, and
 * tab and carriage return, which some spreadsheets skip before looking for them.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell made inert: one that would start a formula gets a leading apostrophe, which Excel and
 * LibreOffice show as text and which a reader sees for what it is. Supplier names, reasons and
 * payloads come from outside (a CMRT workbook, an API client), so every text cell passes here.
 * Numbers we wrote ourselves (a count, -3) stay numbers: only text is neutralised.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
