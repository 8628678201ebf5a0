import type { AmrtMineralQuestion } from './amrt-cell-map';
import type { EmrtCompanyQuestion, EmrtMineralQuestion } from './emrt-cell-map';

/**
 * The dropdown values of the EMRT 2.x and AMRT 1.3 Declarations (read from the official workbooks'
 * data validations: EMRT B144:B174, AMRT B56:B67; domain.md §1.10-1.11). As in the CMRT, the values
 * stay English whatever the display language.
 */
const YES_NO = ['Yes', 'No'] as const;
const YES_NO_UNKNOWN = ['Yes', 'No', 'Unknown'] as const;
export const NOT_DECLARING = 'Not declaring';

export const EMRT_MINERAL_ANSWER_OPTIONS: Record<EmrtMineralQuestion | 'C', readonly string[]> = {
  q1: ['Yes', 'No', 'Unknown', NOT_DECLARING],
  q2: YES_NO_UNKNOWN,
  q3: YES_NO_UNKNOWN,
  q4: YES_NO_UNKNOWN,
  q5: ['100%', 'Greater than 90%', 'Greater than 75%', 'Greater than 50%', '50% or less', 'None', 'Did not survey'],
  q6: YES_NO_UNKNOWN,
  q7: YES_NO_UNKNOWN,
  C: ['Yes', 'Yes, when more processors are validated', 'No'],
};

export const EMRT_COMPANY_ANSWER_OPTIONS: Record<EmrtCompanyQuestion, readonly string[]> = {
  A: YES_NO,
  B: YES_NO,
  D: YES_NO,
  E: ['Yes, in conformance with IPC1755 (e.g. EMRT)', 'Yes, Using Other Format (Describe)', 'No'],
  F: YES_NO,
  G: YES_NO,
};

/** Question 2's "100%" is the number 1 in the template's source cell (B60). */
export const AMRT_MINERAL_ANSWER_OPTIONS: Record<AmrtMineralQuestion, readonly string[]> = {
  q1: ['Yes', 'No', 'Unknown', NOT_DECLARING],
  q2: ['100%', 'Greater than 90%', 'Greater than 75%', 'Greater than 50%', '50% or less', 'None', 'Unknown', 'Did not survey'],
};
