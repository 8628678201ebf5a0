import {
  AMRT_COMPANY_CELLS,
  AMRT_SELECTOR_REPLACEMENT_OFFSET,
  AMRT_SMELTER_LAST_ROW,
  amrtMineralCell,
  amrtMineralRow,
} from '../amrt-cell-map';
import type { AmrtDeclaration, AmrtMineralAnswers } from '../amrt-declaration.schema';
import { cellAddress, DECLARATION_SHEET, smelterCell } from '../cell-map';
import type { Finding } from '../finding';
import { AMRT_MINERAL_ANSWER_OPTIONS, NOT_DECLARING } from '../template-answers';
import { AMRT_OTHER_MINERAL } from '../template-minerals';
import { canonicalAnswer } from './answer-values';
import { checkCompanyCells, checkProductListStart, checkSmelterNotListed, nextFreeSmelterRow } from './template-checks';
import { templateFinding } from './template-rule-catalogue';
import { comparable, isBlank } from './text';

/**
 * The AMRT 1.3 Checker (its Checker sheet, rows 4-51; domain.md §1.11), as findings with cells.
 * The Checker does not count question 2 (its "necessary?" cells are 0), so neither does this.
 */

const Q1_OUT = ['No', 'Unknown', NOT_DECLARING];

/** Checker rows 41-50: a mineral needs smelters unless question 1 is No, Unknown or Not declaring. */
export function amrtRequiresSmelters(entry: AmrtMineralAnswers): boolean {
  return !Q1_OUT.includes(canonicalAnswer(entry.q1?.answer, AMRT_MINERAL_ANSWER_OPTIONS.q1) ?? '');
}

/** The cell the "Other" name belongs in: three rows below its selector (D12 -> D15). */
function nameCell(selector: string | undefined): string {
  const match = /^([D-I])(\d+)$/.exec(selector ?? '');
  return match ? `${match[1]}${Number(match[2]) + AMRT_SELECTOR_REPLACEMENT_OFFSET}` : 'D15';
}

export function checkAmrtDeclaration(declaration: AmrtDeclaration): Finding[] {
  const named = declaration.minerals
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => entry.mineral !== undefined)
    .map(({ entry, index }, position) => ({ entry, index, slot: entry.slot ?? position, name: entry.mineral as string }));
  const findings: Finding[] = checkCompanyCells(declaration.company, {
    cells: AMRT_COMPANY_CELLS,
    ruleIds: {
      'company-name': 'amrt.checker.company-name',
      'declaration-scope': 'amrt.checker.declaration-scope',
      'scope-description': 'amrt.checker.scope-description',
      'contact-name': 'amrt.checker.contact-name',
      'contact-email': 'amrt.checker.contact-email',
      'contact-phone': 'amrt.checker.contact-phone',
      authorizer: 'amrt.checker.authorizer',
      'authorizer-email': 'amrt.checker.authorizer-email',
      'effective-date': 'amrt.checker.effective-date',
    },
  });

  if (named.length === 0) {
    findings.push(
      templateFinding('amrt.checker.minerals-selected', {
        field: 'minerals',
        cell: cellAddress(DECLARATION_SHEET, 'D12'),
        message: 'Select at least one mineral or metal in the Declaration tab cells D12 - I13.',
      }),
    );
  }
  declaration.minerals.forEach((entry, index) => {
    if (entry.mineral !== undefined || entry.other !== true) return;
    const cell = nameCell(entry.selector);
    findings.push(
      templateFinding('amrt.checker.other-mineral-name', {
        field: `minerals[${index}].mineral`,
        cell: cellAddress(DECLARATION_SHEET, cell),
        message: `Enter the mineral or metal on the Declaration tab cell ${cell}: "${AMRT_OTHER_MINERAL}" was chosen${entry.selector ? ` in ${entry.selector}` : ''} without naming it.`,
      }),
    );
  });

  for (const { entry, index, slot, name } of named) {
    if (isBlank(entry.q1?.answer)) {
      findings.push(
        templateFinding('amrt.checker.q1-required', {
          field: `minerals[${index}].q1.answer`,
          cell: amrtMineralCell('q1', slot),
          message: `Declare whether ${name} is intentionally added or used in the product(s) or in the production process (question 1) on the Declaration tab cell D${amrtMineralRow('q1', slot)}.`,
        }),
      );
    }
  }

  // Checker rows 41-50 count Smelter List rows with the mineral in B and both a look-up (C) and a country (E).
  for (const { entry, name } of named) {
    if (!amrtRequiresSmelters(entry)) continue;
    const listed = declaration.smelters.some(
      (smelter) => comparable(smelter.metal) === comparable(name) && !isBlank(smelter.lookupName) && !isBlank(smelter.country),
    );
    if (listed) continue;
    findings.push(
      templateFinding('amrt.checker.smelters-for-mineral', {
        field: 'smelters',
        cell: smelterCell('metal', nextFreeSmelterRow(declaration.smelters, AMRT_SMELTER_LAST_ROW)),
        message: `Provide the list of ${name} smelters contributing material to your supply chain on the Smelter List tab (mineral in column B, smelter in column C, country in column E).`,
      }),
    );
  }

  return [
    ...findings,
    ...checkSmelterNotListed(declaration.smelters, 'amrt.checker.smelter-not-listed-details'),
    ...checkProductListStart(declaration.company.scope, declaration.products, 'amrt.checker.product-list'),
  ];
}
