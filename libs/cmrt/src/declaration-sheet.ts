import {
  ANSWER_COLUMN,
  COMMENT_COLUMN,
  COMPANY_CELLS,
  COMPANY_QUESTION_ROWS,
  MINERAL_QUESTION_FIRST_ROW,
  mineralQuestionRow,
} from '@dd/domain';
import {
  COMPANY_QUESTIONS,
  MINERAL_QUESTIONS,
  type Answer,
  type CompanyBlock,
  type CompanyQuestion,
  type CompanyQuestions,
  type Declaration,
  type DeclarationScope,
  type MineralAnswers,
  type MineralQuestion,
} from '@dd/domain';
import { METALS, type Metal } from '@dd/domain';
import { COMPANY_ANSWERS, MINERAL_ANSWERS, canonicalAnswer, percentText } from './cmrt-answers';
import { readEffectiveDate } from './cmrt-dates';
import { languageAt, languageFromCell } from './cmrt-language';
import { scopeFromText } from './cmrt-scope';
import { cellText, numberText } from './cmrt-values';
import type { CmrtLayout } from './cmrt-version';
import { LONG_TEXT_MAX, SheetReader, TEXT_MAX } from './sheet-reader';

/** Declaration cells outside the answer blocks (domain.md §1.1; title D2 and revision J3: template-identity.ts). */
const LANGUAGE_CELL = 'D3';
const LANGUAGE_INDEX_CELL = 'P3';

/**
 * Rows and columns of the Declaration the reader needs: CMRT answers end at row 89, EMRT answers
 * at row 137 (company question G); P3 is column 16.
 */
export const DECLARATION_RANGE = { lastRow: 140, lastColumn: 16 };

/** Where the 5.x question labels are looked for (the CMRT's dropdown sources start below). */
const CMRT_LABEL_SCAN_LAST_ROW = 120;

const UNKNOWN_LANGUAGE = 'Unknown';

/** `languages`: how many the template's language table offers (CMRT 10, EMRT and AMRT 6), for the P3 index. */
export function readLanguage(reader: SheetReader, languages: 10 | 6 = 10): { language: string; known: boolean } {
  const shown = cellText(reader.value(LANGUAGE_CELL, 'language'));
  const fromText = languageFromCell(shown);
  if (fromText) return { language: fromText, known: true };
  const index = reader.value(LANGUAGE_INDEX_CELL, 'language');
  const fromIndex = languageAt(typeof index === 'number' ? index : undefined, languages);
  if (fromIndex) return { language: fromIndex, known: true };
  reader.findings.add({
    ruleId: 'reader.language-unknown',
    severity: 'info',
    field: 'language',
    cell: reader.cellRef(LANGUAGE_CELL),
    message: shown
      ? `The display language "${shown}" in ${reader.cellRef(LANGUAGE_CELL)} is not one of the template's languages.`
      : `No display language is selected in ${reader.cellRef(LANGUAGE_CELL)}.`,
  });
  return { language: shown ? shown.slice(0, 50) : UNKNOWN_LANGUAGE, known: false };
}

/** Company block cells by field: the CMRT's D8-D22 unless another template's map is given. */
export type CompanyCells = Record<keyof CompanyBlock, string>;

/** D8-D22 (or the template's cells), in the schema's field order; empty cells are left out. */
export function readCompanyBlock(reader: SheetReader, date1904: boolean, cells: CompanyCells = COMPANY_CELLS): CompanyBlock {
  const company: Record<string, string> = {};
  for (const field of Object.keys(cells) as (keyof CompanyBlock)[]) {
    const value =
      field === 'scope'
        ? readScope(reader, cells.scope)
        : field === 'effectiveDate'
          ? readDate(reader, date1904, cells.effectiveDate)
          : reader.text(cells[field], `company.${field}`, field === 'scopeDescription' ? LONG_TEXT_MAX : TEXT_MAX);
    if (value !== undefined) company[field] = value;
  }
  return company as CompanyBlock;
}

function readScope(reader: SheetReader, address: string): DeclarationScope | undefined {
  const text = reader.text(address, 'company.scope');
  if (text === undefined) return undefined;
  const scope = scopeFromText(text);
  if (!scope) {
    reader.findings.add({
      ruleId: 'reader.scope-unknown',
      severity: 'warning',
      field: 'company.scope',
      cell: reader.cellRef(address),
      message: `The declaration scope "${text}" in ${reader.cellRef(address)} is not one of "A. Company", "B. Product (or List of Products)" or "C. User defined".`,
    });
  }
  return scope;
}

/** D22 (or the template's cell) as YYYY-MM-DD; text that is not a date is kept as written, with a finding. */
function readDate(reader: SheetReader, date1904: boolean, address: string): string | undefined {
  const value = reader.value(address, 'company.effectiveDate');
  const text = cellText(value);
  if (value === undefined || text === undefined) return undefined;
  const reading = readEffectiveDate(typeof value === 'string' ? text : value, date1904);
  if ('date' in reading) return reading.date;
  reader.findings.add({
    ruleId: 'reader.effective-date-unreadable',
    severity: 'warning',
    field: 'company.effectiveDate',
    cell: reader.cellRef(address),
    message: `The effective date in ${reader.cellRef(address)} could not be read as a date: ${reading.problem}. It was kept as written.`,
  });
  return text.slice(0, TEXT_MAX);
}

/** Where the question answers are: first row of each question's four metal rows, and A-H rows. */
interface QuestionLayout {
  mineral: Partial<Record<MineralQuestion, number>>;
  company: Partial<Record<CompanyQuestion, number>>;
  /** 5.x question C ("require DRC conflict-free suppliers") has no 6.x counterpart. */
  droppedCompanyRows: { label: string; row: number }[];
  /** Whether answers are checked against the 6.x dropdown lists. */
  checkAnswers: boolean;
}

const CMRT_6_LAYOUT: QuestionLayout = {
  mineral: MINERAL_QUESTION_FIRST_ROW,
  company: COMPANY_QUESTION_ROWS,
  droppedCompanyRows: [],
  checkAnswers: true,
};

/**
 * 5.x asked Q1-Q7 and A-I (domain.md §1.4: 6.0 added Q4 on CAHRAs, dropped C and relettered).
 * Their meaning, mapped onto the 6.x slots: 5.x Q4 (100 % recycled) is 6.x Q5, 5.x Q5 (survey
 * response) is Q6, Q6 -> Q7, Q7 -> Q8; 5.x D..I are 6.x C..H.
 */
const MINERAL_5X: Record<number, MineralQuestion> = { 1: 'q1', 2: 'q2', 3: 'q3', 4: 'q5', 5: 'q6', 6: 'q7', 7: 'q8' };
const COMPANY_5X: Record<string, CompanyQuestion | null> = { A: 'A', B: 'B', C: null, D: 'C', E: 'D', F: 'E', G: 'F', H: 'G', I: 'H' };

/**
 * 5.x rows are not known from a real file, so they are found from the labels in column B:
 * a question's cached label starts with its number ("1) ...") or letter ("A. ..."), in every
 * display language (checked on the 6.x Chinese templates), with the four metal rows
 * (Ta, Sn, Au, W) right below a numbered question as in 6.x.
 */
function locate5xLayout(reader: SheetReader): QuestionLayout | undefined {
  const layout: QuestionLayout = { mineral: {}, company: {}, droppedCompanyRows: [], checkAnswers: false };
  let lastQuestionRow = 0;
  for (let row = 20; row <= CMRT_LABEL_SCAN_LAST_ROW; row++) {
    const label = cellText(reader.get(row, 2));
    if (!label) continue;
    const numbered = /^\s*([1-7])\s*[)）]/.exec(label);
    if (numbered) {
      const question = MINERAL_5X[Number(numbered[1])];
      if (layout.mineral[question] === undefined) layout.mineral[question] = row + 1;
      lastQuestionRow = row;
      continue;
    }
    const lettered = lastQuestionRow > 0 ? /^\s*([A-I])\s*[.．]\s*\S/.exec(label) : null;
    if (lettered && row > lastQuestionRow + 4) {
      const target = COMPANY_5X[lettered[1]];
      if (target === null) layout.droppedCompanyRows.push({ label: lettered[1], row });
      else if (target !== undefined && layout.company[target] === undefined) layout.company[target] = row;
    }
  }
  return layout.mineral.q1 !== undefined ? layout : undefined;
}

export function questionLayoutFor(layout: CmrtLayout, reader: SheetReader): QuestionLayout | undefined {
  return layout === 'cmrt-6' ? CMRT_6_LAYOUT : locate5xLayout(reader);
}

/** A metal's row within a question's four-row block, as cell-map.ts lays it out. */
function metalOffset(metal: Metal): number {
  return mineralQuestionRow('q1', metal) - MINERAL_QUESTION_FIRST_ROW.q1;
}

export function readMineralAnswers(reader: SheetReader, layout: QuestionLayout): Declaration['minerals'] {
  const minerals: Declaration['minerals'] = { tantalum: {}, tin: {}, gold: {}, tungsten: {} };
  for (const metal of METALS) {
    const answers: MineralAnswers = {};
    for (const question of MINERAL_QUESTIONS) {
      const firstRow = layout.mineral[question];
      if (firstRow === undefined) continue;
      const row = firstRow + metalOffset(metal);
      const answer = readAnswer(reader, row, `minerals.${metal}.${question}`, layout.checkAnswers ? MINERAL_ANSWERS[question] : undefined, {
        metal,
        percent: question === 'q6',
      });
      if (answer) answers[question] = answer;
    }
    minerals[metal] = answers;
  }
  return minerals;
}

export function readCompanyQuestions(reader: SheetReader, layout: QuestionLayout): CompanyQuestions {
  const questions: CompanyQuestions = {};
  for (const question of COMPANY_QUESTIONS) {
    const row = layout.company[question];
    if (row === undefined) continue;
    const answer = readAnswer(reader, row, `companyQuestions.${question}`, layout.checkAnswers ? COMPANY_ANSWERS[question] : undefined, {});
    if (answer) questions[question] = answer;
  }
  for (const dropped of layout.droppedCompanyRows) {
    const value = reader.text(`${ANSWER_COLUMN}${dropped.row}`, 'companyQuestions');
    if (value === undefined) continue;
    reader.findings.add({
      ruleId: 'reader.legacy-question-not-mapped',
      severity: 'info',
      field: 'companyQuestions',
      cell: reader.cellRef(`${ANSWER_COLUMN}${dropped.row}`),
      message: `CMRT 5.x question ${dropped.label} (answered "${value}") has no counterpart in CMRT 6 and was not carried over.`,
    });
  }
  return questions;
}

/**
 * One answer (column D) and its comment (column G) on `row`, the answer in its dropdown spelling
 * when it is one of `allowed` (a finding otherwise). `percent`: the "100%" option may arrive as the
 * number 1 from its source cell.
 */
export function readAnswer(
  reader: SheetReader,
  row: number,
  field: string,
  allowed: readonly string[] | undefined,
  options: { metal?: Metal; percent?: boolean },
): Answer | undefined {
  const answerAddress = `${ANSWER_COLUMN}${row}`;
  const raw = reader.peek(answerAddress);
  let text: string | undefined;
  if (typeof raw === 'number' && options.percent && raw > 0 && raw <= 1) text = percentText(raw);
  else if (typeof raw === 'number') text = raw === 0 ? undefined : numberText(raw);
  else text = reader.text(answerAddress, `${field}.answer`);

  const result: Answer = {};
  if (text !== undefined) {
    const reading = allowed ? canonicalAnswer(text, allowed) : { answer: text, expected: true };
    result.answer = reading.answer;
    if (!reading.expected && allowed) {
      reader.findings.add({
        ruleId: 'reader.answer-unexpected',
        severity: 'warning',
        field: `${field}.answer`,
        cell: reader.cellRef(answerAddress),
        ...(options.metal ? { metal: options.metal } : {}),
        message: `${reader.cellRef(answerAddress)} holds "${text}", which is not one of the template's answers (${allowed.join(', ')}).`,
      });
    }
  }
  const comment = reader.text(`${COMMENT_COLUMN}${row}`, `${field}.comment`, LONG_TEXT_MAX);
  if (comment !== undefined) result.comment = comment;
  return result.answer !== undefined || result.comment !== undefined ? result : undefined;
}
