import type { CompanyQuestion, MineralQuestion } from '../declaration.schema';
import { isBlank } from './text';

/**
 * The dropdown values the CMRT 6.x allows per question (domain.md §1.3, §1.4). Answer values stay
 * English in every display language. Matching ignores case, whitespace, hyphens and the bracket
 * style, so "yes ", "IPC-1755 [e.g., CMRT]" and "IPC1755 (e.g., CMRT)" all read as the template value.
 */
export const YES = 'Yes';
export const NO = 'No';
export const UNKNOWN = 'Unknown';
export const FULL_RESPONSE = '100%';

export const SURVEY_IPC1755 = 'Yes, in conformance with IPC1755 (e.g., CMRT)';
export const SURVEY_OTHER_FORMAT = 'Yes, using other format (describe)';

const YES_NO = [YES, NO] as const;
const YES_NO_UNKNOWN = [YES, NO, UNKNOWN] as const;

export const MINERAL_ANSWER_OPTIONS: Record<MineralQuestion, readonly string[]> = {
  q1: YES_NO,
  q2: YES_NO,
  q3: YES_NO_UNKNOWN,
  q4: YES_NO_UNKNOWN,
  q5: YES_NO_UNKNOWN,
  q6: [FULL_RESPONSE, 'Greater than 90%', 'Greater than 75%', 'Greater than 50%', '50% or less', 'None'],
  q7: YES_NO,
  q8: YES_NO,
};

export const COMPANY_ANSWER_OPTIONS: Record<CompanyQuestion, readonly string[]> = {
  A: YES_NO,
  B: YES_NO,
  C: YES_NO,
  D: YES_NO,
  E: [SURVEY_IPC1755, SURVEY_OTHER_FORMAT, NO],
  F: YES_NO,
  G: YES_NO,
  H: ['Yes, with the SEC', 'Yes, with the EU', 'Yes, with the SEC and the EU', NO],
};

/** Other spellings seen for the same dropdown value (L-table text vs. DV cell value, §1.4). */
const ALIASES: Record<string, string> = {
  'Yes, using IPC1755 (e.g., CMRT)': SURVEY_IPC1755,
  'Yes, using IPC-1755 [e.g., CMRT]': SURVEY_IPC1755,
  'Yes, in conformance with IPC-1755 [e.g., CMRT]': SURVEY_IPC1755,
};

function answerKey(value: string): string {
  return value
    .toLowerCase()
    .replace(/[\s\-\u2010-\u2015]/g, '')
    .replace(/\[/g, '(')
    .replace(/\]/g, ')');
}

const ALIAS_BY_KEY = new Map(Object.entries(ALIASES).map(([alias, canonical]) => [answerKey(alias), canonical]));

export type AnswerReading = { status: 'blank' } | { status: 'valid'; value: string } | { status: 'invalid'; raw: string };

/** Reads one answer cell against its dropdown values. */
export function readAnswer(value: string | undefined, options: readonly string[]): AnswerReading {
  if (isBlank(value)) return { status: 'blank' };
  const key = answerKey(value as string);
  const direct = options.find((option) => answerKey(option) === key);
  const aliased = ALIAS_BY_KEY.get(key);
  const canonical = direct ?? (aliased !== undefined && options.includes(aliased) ? aliased : undefined);
  return canonical === undefined ? { status: 'invalid', raw: (value as string).trim() } : { status: 'valid', value: canonical };
}

/** The canonical dropdown value, or undefined when blank or not an allowed value. */
export function canonicalAnswer(value: string | undefined, options: readonly string[]): string | undefined {
  const reading = readAnswer(value, options);
  return reading.status === 'valid' ? reading.value : undefined;
}

/** Lists the allowed values for a message: "Yes" or "No". */
export function describeOptions(options: readonly string[]): string {
  const quotedOptions = options.map((option) => `"${option}"`);
  return quotedOptions.length <= 2
    ? quotedOptions.join(' or ')
    : `${quotedOptions.slice(0, -1).join(', ')} or ${quotedOptions[quotedOptions.length - 1]}`;
}
