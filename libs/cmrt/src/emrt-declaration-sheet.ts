import {
  EMRT_COMPANY_CELLS,
  EMRT_COMPANY_QUESTIONS,
  EMRT_COMPANY_QUESTION_ROWS,
  EMRT_MINERAL_QUESTIONS,
  EMRT_MINERAL_SLOTS,
  EMRT_QUESTION_FIRST_ROW,
  EMRT_SELECTOR_REPLACEMENT_OFFSET,
} from '@dd/domain';
import type { EmrtCompanyQuestions, EmrtDeclaration, EmrtMineralAnswers } from '@dd/domain';
import { EMRT_COMPANY_ANSWER_OPTIONS, EMRT_MINERAL_ANSWER_OPTIONS } from '@dd/domain';
import { EMRT_MINERAL_LABELS, emrtMineralFromText } from '@dd/domain';
import { cellText } from './cmrt-values';
import { readAnswer, readCompanyBlock } from './declaration-sheet';
import { readMineralSelection, type SelectedMineral } from './mineral-selection';
import type { SheetReader } from './sheet-reader';

/**
 * The Declaration sheet of an EMRT 2.x (domain.md §1.10): company block D8-D26, the minerals chosen
 * in the selector, questions 1-7 and C for each of them on the rows the template gives it, and
 * company questions A, B, D-G.
 */
const PER_MINERAL = [...EMRT_MINERAL_QUESTIONS, 'C'] as const;

const EXPECTED_MINERALS = Object.values(EMRT_MINERAL_LABELS).join(', ');

export function readEmrtDeclarationSheet(
  reader: SheetReader,
  date1904: boolean,
): Pick<EmrtDeclaration, 'company' | 'minerals' | 'companyQuestions'> {
  const company = readCompanyBlock(reader, date1904, EMRT_COMPANY_CELLS);
  const selection = readMineralSelection(reader, (text) => /^\(\s*delete\b/i.test(text), EMRT_SELECTOR_REPLACEMENT_OFFSET);

  const minerals: EmrtMineralAnswers[] = [];
  for (const selected of selection.minerals) {
    const mineral = emrtMineralFromText(selected.name);
    if (!mineral) {
      reportUnknownMineral(reader, selected);
      continue;
    }
    const field = `minerals[${minerals.length}]`;
    const entry: EmrtMineralAnswers = { mineral, slot: selected.slot };
    for (const question of PER_MINERAL) {
      const row = EMRT_QUESTION_FIRST_ROW[question] + selected.slot;
      const answer = readAnswer(reader, row, `${field}.${question}`, EMRT_MINERAL_ANSWER_OPTIONS[question], { percent: question === 'q5' });
      if (answer) entry[question] = answer;
    }
    minerals.push(entry);
  }
  reportAnswersWithoutMineral(reader, selection.minerals.length);

  const companyQuestions: EmrtCompanyQuestions = {};
  for (const question of EMRT_COMPANY_QUESTIONS) {
    const answer = readAnswer(
      reader,
      EMRT_COMPANY_QUESTION_ROWS[question],
      `companyQuestions.${question}`,
      EMRT_COMPANY_ANSWER_OPTIONS[question],
      {},
    );
    if (answer) companyQuestions[question] = answer;
  }
  return { company, minerals, companyQuestions };
}

function reportUnknownMineral(reader: SheetReader, selected: SelectedMineral): void {
  const rows = PER_MINERAL.map((question) => `D${EMRT_QUESTION_FIRST_ROW[question] + selected.slot}`);
  reader.findings.add({
    ruleId: 'reader.mineral-unknown',
    severity: 'warning',
    field: 'minerals',
    cell: reader.cellRef(selected.nameCell),
    message: `"${selected.name}" in ${reader.cellRef(selected.nameCell)} is not one of the EMRT's minerals (${EXPECTED_MINERALS}); its answers (${rows.join(', ')}) were not read.`,
  });
}

/**
 * Answers left on rows no selected mineral labels (a mineral deselected after answering): the
 * template no longer shows whose they are, so they are noted, not read.
 */
function reportAnswersWithoutMineral(reader: SheetReader, used: number): void {
  const cells: string[] = [];
  for (const question of PER_MINERAL) {
    for (let slot = used; slot < EMRT_MINERAL_SLOTS; slot++) {
      const address = `D${EMRT_QUESTION_FIRST_ROW[question] + slot}`;
      if (cellText(reader.peek(address)) !== undefined) cells.push(address);
    }
  }
  if (cells.length === 0) return;
  const shown = cells.slice(0, 10).join(', ') + (cells.length > 10 ? ', ...' : '');
  reader.findings.add({
    ruleId: 'reader.answers-without-mineral',
    severity: 'info',
    field: 'minerals',
    cell: reader.cellRef(cells[0]),
    message: `${cells.length} answer(s) stand on rows that no selected mineral labels (${shown}); they were not read. Select the mineral again on the Declaration tab (D12:G13) or clear them.`,
  });
}
