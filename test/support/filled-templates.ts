import type { CellEdits } from '@dd/cmrt/testing';

/**
 * Cells a supplier fills in on an RMI template, for end-to-end specs that build filled workbooks from
 * the blanks (writeCells): nothing the template's Checker would miss.
 */

/** A supplier's complete EMRT 2.1 on the template: cobalt only (the other five minerals deleted), nothing missing. */
export function filledEmrtCells(company: string): CellEdits {
  return {
    Declaration: {
      D8: company,
      D9: 'A. Company',
      D19: 'Compliance Officer',
      D20: 'emrt@supplier.example',
      D21: '+49 30 1234 5678',
      D22: 'Managing Director',
      D24: 'md@supplier.example',
      D26: 45663,
      E12: '(Delete Copper)',
      G12: '(Delete Graphite)',
      D13: '(Delete Lithium)',
      E13: '(Delete Mica)',
      G13: '(Delete Nickel)',
      D30: 'Yes',
      D42: 'Yes',
      D54: 'No',
      D66: 'No',
      D78: '100%',
      D90: 'Yes',
      D102: 'Yes',
      D115: 'Yes',
      D117: 'Yes',
      G117: 'https://supplier.example/responsible-sourcing',
      D120: 'Yes',
      D131: 'Yes',
      D133: 'Yes, in conformance with IPC1755 (e.g. EMRT)',
      D135: 'Yes',
      D137: 'Yes',
    },
    'Smelter List': {
      B5: 'Cobalt',
      C5: 'Anhui Hanrui New Material Co., Ltd.',
      E5: 'CHINA',
      F5: 'CID003927',
      G5: 'RMI',
    },
    'Mine List': {
      A5: 'Cobalt',
      B5: 'Anhui Hanrui New Material Co., Ltd.',
      C5: 'Kamoto',
      F5: 'CONGO, DEMOCRATIC REPUBLIC OF THE',
    },
  };
}

/** A supplier's complete CMRT 6.5/6.6 on the template: no metal used (Q1 No for all four), so nothing else is required. */
export function filledCmrtCells(company: string): CellEdits {
  return {
    Declaration: {
      D8: company,
      D9: 'A. Company',
      D15: 'Compliance Officer',
      D16: 'cmrt@supplier.example',
      D17: '+49 30 1234 5678',
      D18: 'Managing Director',
      D20: 'md@supplier.example',
      D22: '06-Jan-2025',
      D26: 'No',
      D27: 'No',
      D28: 'No',
      D29: 'No',
    },
  };
}
