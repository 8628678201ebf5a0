import {
  AMRT_COMPANY_CELLS,
  AMRT_MINERAL_QUESTIONS,
  AMRT_QUESTION_FIRST_ROW,
  AMRT_SELECTOR_REPLACEMENT_OFFSET,
  MINERALS_SCOPE_FIRST_ROW,
  MINERALS_SCOPE_LAST_ROW,
} from '@dd/domain';
import type { AmrtDeclaration, AmrtMineralAnswers, AmrtMineralReason } from '@dd/domain';
import { AMRT_MINERAL_ANSWER_OPTIONS } from '@dd/domain';
import { AMRT_LISTED_MINERALS, AMRT_OTHER_MINERAL, amrtListedMineral } from '@dd/domain';
import { readAnswer, readCompanyBlock } from './declaration-sheet';
import { readMineralSelection } from './mineral-selection';
import { LONG_TEXT_MAX, type SheetReader } from './sheet-reader';

/**
 * The Declaration sheet of an AMRT 1.3 (domain.md §1.11): company block D8-D27, the minerals chosen
 * in the selector (a listed one, or "Other [specify below]" named in the cell three rows below),
 * and questions 1 (intentionally added) and 2 (share of suppliers that responded) for each.
 */
const isOther = (text: string) => letters(text) === letters(AMRT_OTHER_MINERAL);

function letters(text: string): string {
  return text.toLowerCase().replace(/[^a-z]/g, '');
}

export function readAmrtDeclarationSheet(reader: SheetReader, date1904: boolean): Pick<AmrtDeclaration, 'company' | 'minerals'> {
  const company = readCompanyBlock(reader, date1904, AMRT_COMPANY_CELLS);
  const selection = readMineralSelection(reader, isOther, AMRT_SELECTOR_REPLACEMENT_OFFSET);

  const minerals: AmrtMineralAnswers[] = [];
  for (const selected of selection.minerals) {
    const listed = amrtListedMineral(selected.name);
    if (!listed && !selected.replaced) {
      reader.findings.add({
        ruleId: 'reader.mineral-unknown',
        severity: 'warning',
        field: `minerals[${minerals.length}].mineral`,
        cell: reader.cellRef(selected.selector),
        message: `"${selected.name}" in ${reader.cellRef(selected.selector)} is not one of the AMRT's minerals (${AMRT_LISTED_MINERALS.join(', ')}); minerals not listed are chosen as "${AMRT_OTHER_MINERAL}" and named in the cell below. It was read as written.`,
      });
    }
    const field = `minerals[${minerals.length}]`;
    const entry: AmrtMineralAnswers = {
      mineral: listed ?? selected.name,
      ...(selected.replaced ? { other: true } : {}),
      selector: selected.selector,
      slot: selected.slot,
    };
    for (const question of AMRT_MINERAL_QUESTIONS) {
      const row = AMRT_QUESTION_FIRST_ROW[question] + selected.slot;
      const answer = readAnswer(reader, row, `${field}.${question}`, AMRT_MINERAL_ANSWER_OPTIONS[question], { percent: question === 'q2' });
      if (answer) entry[question] = answer;
    }
    minerals.push(entry);
  }
  // "Other" chosen but never named: kept, so the Checker rule can point at the missing name.
  for (const selector of selection.unnamedReplacements) minerals.push({ other: true, selector });
  return { company, minerals };
}

/** The optional Minerals Scope sheet: mineral (B8:B17) and reason for its inclusion (C). */
export function readMineralReasons(reader: SheetReader): AmrtMineralReason[] {
  const reasons: AmrtMineralReason[] = [];
  for (let row = MINERALS_SCOPE_FIRST_ROW; row <= MINERALS_SCOPE_LAST_ROW; row++) {
    const index = reasons.length;
    const mineral = reader.text(`B${row}`, `mineralReasons[${index}].mineral`);
    const reason = reader.text(`C${row}`, `mineralReasons[${index}].reason`, LONG_TEXT_MAX);
    if (mineral === undefined && reason === undefined) continue;
    reasons.push({ row, ...(mineral !== undefined ? { mineral } : {}), ...(reason !== undefined ? { reason } : {}) });
  }
  return reasons;
}
