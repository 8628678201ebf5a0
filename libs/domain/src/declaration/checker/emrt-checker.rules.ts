import { cellAddress, DECLARATION_SHEET, smelterCell } from '../cell-map';
import {
  EMRT_COMPANY_CELLS,
  EMRT_COMPANY_QUESTIONS,
  EMRT_COMPANY_QUESTION_ROWS,
  EMRT_MINERAL_QUESTIONS,
  EMRT_SMELTER_LAST_ROW,
  emrtCompanyQuestionCell,
  emrtMineralCell,
  emrtMineralRow,
  type EmrtCompanyQuestion,
  type EmrtMineralQuestion,
} from '../emrt-cell-map';
import type { EmrtDeclaration, EmrtMineralAnswers } from '../emrt-declaration.schema';
import type { Finding } from '../finding';
import { EMRT_COMPANY_ANSWER_OPTIONS, EMRT_MINERAL_ANSWER_OPTIONS, NOT_DECLARING } from '../template-answers';
import { EMRT_MINERAL_LABELS } from '../template-minerals';
import { canonicalAnswer } from './answer-values';
import { checkCompanyCells, checkProductListStart, checkSmelterNotListed, nextFreeSmelterRow } from './template-checks';
import { templateFinding, type EmrtRuleId } from './template-rule-catalogue';
import { isBlank, present } from './text';

/**
 * The EMRT 2.x Checker (domain.md §1.10; the Checker sheet's rows 4-124), as findings with cells.
 * The rules as the Checker intends them: the sheet's own formulas point a few completeness cells at
 * the wrong row (G61, G94 ... = G39), which this does not copy. As in the CMRT, a blank question 1
 * or 2 keeps the later questions required (the Checker tests "is not No", not "is Yes").
 */

/** Q1 answers that take a mineral out of the declaration, and the Q2 answers that end it there. */
const Q1_OUT = ['No', 'Unknown', NOT_DECLARING];
const Q2_OUT = ['No', 'Unknown'];

interface Slotted {
  entry: EmrtMineralAnswers;
  index: number;
  slot: number;
}

function slotted(declaration: EmrtDeclaration): Slotted[] {
  return declaration.minerals.map((entry, index) => ({ entry, index, slot: entry.slot ?? index }));
}

function answer(entry: EmrtMineralAnswers, question: EmrtMineralQuestion | 'C'): string | undefined {
  return canonicalAnswer(entry[question]?.answer, EMRT_MINERAL_ANSWER_OPTIONS[question]);
}

/** Checker column F of the Q2 rows: Q2 is required unless Q1 is No, Unknown or Not declaring. */
export function emrtRequiresQ2(entry: EmrtMineralAnswers): boolean {
  return !Q1_OUT.includes(answer(entry, 'q1') ?? '');
}

/** Checker column F of the Q3-Q7 and C rows: also unless Q2 is No or Unknown. */
export function emrtRequiresDetailedAnswers(entry: EmrtMineralAnswers): boolean {
  return emrtRequiresQ2(entry) && !Q2_OUT.includes(answer(entry, 'q2') ?? '');
}

const QUESTION_RULE: Record<EmrtMineralQuestion | 'C', EmrtRuleId> = {
  q1: 'emrt.checker.q1-required',
  q2: 'emrt.checker.q2-required',
  q3: 'emrt.checker.q3-required',
  q4: 'emrt.checker.q4-required',
  q5: 'emrt.checker.q5-required',
  q6: 'emrt.checker.q6-required',
  q7: 'emrt.checker.q7-required',
  C: 'emrt.checker.company-c-required',
};

/** What each question asks about one mineral, for "Declare ..." messages (wording of the L table). */
const ASKS: Record<EmrtMineralQuestion | 'C', (mineral: string) => string> = {
  q1: (m) => `whether ${m} is intentionally added or used in the product(s) or in the production process (question 1)`,
  q2: (m) => `whether any ${m} remains in the product(s) (question 2)`,
  q3: (m) => `whether any smelters or processors in your supply chain source ${m} from conflict-affected and high-risk areas (question 3)`,
  q4: (m) => `whether 100 percent of the ${m} originates from recycled or scrap sources (question 4)`,
  q5: (m) => `what percentage of relevant suppliers have responded to your supply chain survey for ${m} (question 5)`,
  q6: (m) => `whether you have identified all of the smelters or processors supplying ${m} to your supply chain (question 6)`,
  q7: (m) => `whether all applicable ${m} smelter or processor information received has been reported in this declaration (question 7)`,
  C: (m) =>
    `whether you require your direct suppliers to source ${m} from smelters whose due diligence practices have been validated by an independent third-party audit program (question C)`,
};

function mineralQuestions({ entry, index, slot }: Slotted): Finding[] {
  const label = EMRT_MINERAL_LABELS[entry.mineral];
  const required = (question: EmrtMineralQuestion | 'C') =>
    question === 'q1' ? true : question === 'q2' ? emrtRequiresQ2(entry) : emrtRequiresDetailedAnswers(entry);
  return ([...EMRT_MINERAL_QUESTIONS, 'C'] as const)
    .filter((question) => required(question) && isBlank(entry[question]?.answer))
    .map((question) => {
      const settled = question === 'q1' || (answer(entry, 'q1') === 'Yes' && (question === 'q2' || answer(entry, 'q2') === 'Yes'));
      const quirk = settled
        ? ''
        : ` It is required unless question 1 is "No", "Unknown" or "Not declaring"${question === 'q2' ? '' : ' or question 2 is "No" or "Unknown"'}.`;
      return templateFinding(QUESTION_RULE[question], {
        field: `minerals[${index}].${question}.answer`,
        cell: emrtMineralCell(question, slot),
        message: `Declare ${ASKS[question](label)} on the Declaration tab cell D${emrtMineralRow(question, slot)}.${quirk}`,
      });
    });
}

const COMPANY_RULE: Record<EmrtCompanyQuestion, EmrtRuleId> = {
  A: 'emrt.checker.company-a-required',
  B: 'emrt.checker.company-b-required',
  D: 'emrt.checker.company-d-required',
  E: 'emrt.checker.company-e-required',
  F: 'emrt.checker.company-f-required',
  G: 'emrt.checker.company-g-required',
};

const COMPANY_ASKS: Record<EmrtCompanyQuestion, string> = {
  A: 'whether you have established a responsible minerals sourcing policy',
  B: 'whether your responsible minerals sourcing policy is publicly available on your website',
  D: 'whether you have implemented due diligence measures for responsible sourcing',
  E: 'whether your company conducts supply chain survey(s) of your relevant suppliers on the specified minerals',
  F: "whether you review due diligence information received from your suppliers against your company's expectations",
  G: 'whether your review process includes corrective action management',
};

/** Checker rows 94-111: A, B, D-G are required once any mineral requires question 3 (SUM(F39:F48) > 0). */
function companyQuestions(declaration: EmrtDeclaration, anyDetailed: boolean): Finding[] {
  if (!anyDetailed) return [];
  const findings = EMRT_COMPANY_QUESTIONS.filter((question) => isBlank(declaration.companyQuestions[question]?.answer)).map((question) =>
    templateFinding(COMPANY_RULE[question], {
      field: `companyQuestions.${question}.answer`,
      cell: emrtCompanyQuestionCell(question),
      message: `Answer question ${question} (${COMPANY_ASKS[question]}) on the Declaration tab cell D${EMRT_COMPANY_QUESTION_ROWS[question]}.`,
    }),
  );
  const b = declaration.companyQuestions.B;
  const url = present(b?.comment);
  if (canonicalAnswer(b?.answer, EMRT_COMPANY_ANSWER_OPTIONS.B) === 'Yes' && (url === undefined || url.length <= 1)) {
    findings.push(
      templateFinding('emrt.checker.policy-url', {
        field: 'companyQuestions.B.comment',
        cell: emrtCompanyQuestionCell('B', 'comment'),
        message: `Enter the URL of your sourcing policy on the Declaration tab cell G${EMRT_COMPANY_QUESTION_ROWS.B}, because question B is "Yes".`,
      }),
    );
  }
  return findings;
}

/** Checker rows 114-119: a mineral that requires question 3 needs a Smelter List row with that mineral and a look-up value. */
function smeltersPerMineral(declaration: EmrtDeclaration, minerals: readonly Slotted[]): Finding[] {
  return minerals
    .filter(({ entry }) => emrtRequiresDetailedAnswers(entry))
    .filter(({ entry }) => !declaration.smelters.some((smelter) => smelter.metal === entry.mineral && !isBlank(smelter.lookupName)))
    .map(({ entry }) => {
      const label = EMRT_MINERAL_LABELS[entry.mineral];
      return templateFinding('emrt.checker.smelters-for-mineral', {
        field: 'smelters',
        cell: smelterCell('metal', nextFreeSmelterRow(declaration.smelters, EMRT_SMELTER_LAST_ROW)),
        message: `Provide the list of ${label} smelters or processors contributing material to your supply chain on the Smelter List tab (mineral in column B, smelter in column C).`,
      });
    });
}

export function checkEmrtDeclaration(declaration: EmrtDeclaration): Finding[] {
  const minerals = slotted(declaration);
  const anyDetailed = minerals.some(({ entry }) => emrtRequiresDetailedAnswers(entry));
  const noMineral =
    declaration.minerals.length === 0
      ? [
          templateFinding('emrt.checker.minerals-selected', {
            field: 'minerals',
            cell: cellAddress(DECLARATION_SHEET, 'D12'),
            message: 'Select at least one mineral in the Declaration tab cells D12 - G13.',
          }),
        ]
      : [];
  return [
    ...checkCompanyCells(declaration.company, {
      cells: EMRT_COMPANY_CELLS,
      ruleIds: {
        'company-name': 'emrt.checker.company-name',
        'declaration-scope': 'emrt.checker.declaration-scope',
        'scope-description': 'emrt.checker.scope-description',
        'contact-name': 'emrt.checker.contact-name',
        'contact-email': 'emrt.checker.contact-email',
        'contact-phone': 'emrt.checker.contact-phone',
        authorizer: 'emrt.checker.authorizer',
        'authorizer-email': 'emrt.checker.authorizer-email',
        'effective-date': 'emrt.checker.effective-date',
      },
    }),
    ...noMineral,
    ...minerals.flatMap(mineralQuestions),
    ...companyQuestions(declaration, anyDetailed),
    ...smeltersPerMineral(declaration, minerals),
    ...checkSmelterNotListed(declaration.smelters, 'emrt.checker.smelter-not-listed-details'),
    ...checkProductListStart(declaration.company.scope, declaration.products, 'emrt.checker.product-list'),
  ];
}
