import type { CompanyQuestion, MineralQuestion } from '@dd/domain';

/**
 * The dropdown values of the Declaration answers (6.x; domain.md §1.3-1.4), used to give every
 * answer its canonical spelling. Suppliers paste values, type "yes", or use an older wording
 * ("IPC-1755 [e.g., CMRT]" from the language table instead of the dropdown's
 * "IPC1755 (e.g., CMRT)"); comparing on letters and digits only maps all of those to the
 * dropdown value. Anything else is kept as typed and reported.
 */
const YES_NO = ['Yes', 'No'];
const YES_NO_UNKNOWN = ['Yes', 'No', 'Unknown'];
const SURVEY_RESPONSE = ['100%', 'Greater than 90%', 'Greater than 75%', 'Greater than 50%', '50% or less', 'None'];

export const MINERAL_ANSWERS: Record<MineralQuestion, readonly string[]> = {
  q1: YES_NO,
  q2: YES_NO,
  q3: YES_NO_UNKNOWN,
  q4: YES_NO_UNKNOWN,
  q5: YES_NO_UNKNOWN,
  q6: SURVEY_RESPONSE,
  q7: YES_NO,
  q8: YES_NO,
};

export const COMPANY_ANSWERS: Record<CompanyQuestion, readonly string[]> = {
  A: YES_NO,
  B: YES_NO,
  C: YES_NO,
  D: YES_NO,
  E: ['Yes, in conformance with IPC1755 (e.g., CMRT)', 'Yes, using other format (describe)', 'No'],
  F: YES_NO,
  G: YES_NO,
  H: ['Yes, with the SEC', 'Yes, with the EU', 'Yes, with the SEC and the EU', 'No'],
};

export type AnswerReading = { answer: string; expected: boolean };

/** The canonical dropdown value when `text` is one (in any spelling), else the text itself. */
export function canonicalAnswer(text: string, allowed: readonly string[]): AnswerReading {
  const key = answerKey(text);
  const match = allowed.find((value) => answerKey(value) === key);
  return match ? { answer: match, expected: true } : { answer: text, expected: false };
}

/**
 * Question 6 offers "100%" from a source cell that holds the number 1 formatted as a percentage,
 * so a picked answer may arrive as the number 1 rather than the text.
 */
export function percentText(value: number): string {
  return `${Number((value * 100).toFixed(6))}%`;
}

function answerKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}
