import type { RiskCategory } from '@dd/domain';
import type { RollForwardLine } from './risk-roll-forward';

/** The register's categories as a reader names them. */
export const RISK_CATEGORY_LABELS: Record<RiskCategory, string> = {
  'non-conflict-free-smelter': 'Non-conflict-free smelter',
  'covered-country-sourcing': 'Sourcing from a covered country',
  'cahra-sourcing': 'Sourcing from a CAHRA',
  'smelters-not-identified': 'Smelters not identified',
  'unidentified-smelter': 'Unidentified smelter',
  'metal-without-smelters': 'Metal without smelters',
  'incomplete-supplier-data': 'Incomplete supplier data',
  'due-diligence-gap': 'Due-diligence gap',
  'non-conformant-smelter': 'Non-conformant smelter',
  'smelter-not-audited': 'Smelter not audited',
  'unknown-smelter': 'Unknown smelter',
  grievance: 'Grievance',
  'non-response': 'Supplier non-response',
};

/** The Schedule II columns, left to right, with the sign each takes in the reconciliation. */
export const ROLL_FORWARD_COLUMNS = [
  { key: 'beginning', heading: 'Balance at beginning of period', sign: 1 },
  { key: 'additions', heading: 'Additions (raised)', sign: 1 },
  { key: 'other', heading: 'Other (reclassified)', sign: 1 },
  { key: 'deductions', heading: 'Deductions (closed)', sign: -1 },
  { key: 'end', heading: 'Balance at end of period', sign: 1 },
] as const satisfies ReadonlyArray<{ key: keyof RollForwardLine; heading: string; sign: 1 | -1 }>;

/**
 * A figure as a financial exhibit prints it: thousands separated, a negative in parentheses, nil as
 * a dash. Deductions are printed as the negatives they are in the sum ("(3)").
 */
export function exhibitFigure(value: number, dash = '—'): string {
  if (value === 0) return dash;
  const digits = Math.abs(value).toLocaleString('en-US');
  return value < 0 ? `(${digits})` : digits;
}

/** A line's figures in column order, signed as they enter beginning + additions + other − deductions = end. */
export const signedFigures = (line: RollForwardLine): number[] =>
  // `|| 0`: a nil deduction is 0, not -0.
  ROLL_FORWARD_COLUMNS.map((column) => column.sign * line[column.key] || 0);

export const yearHeading = (year: number) => `Year ended December 31, ${year}`;
