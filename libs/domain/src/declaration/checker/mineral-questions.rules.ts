import { METALS, METAL_LABELS, type Metal } from '../../shared/metals';
import { mineralCell, mineralQuestionRow } from '../cell-map';
import { MINERAL_QUESTIONS, type Declaration, type MineralQuestion } from '../declaration.schema';
import type { Finding } from '../finding';
import { isMetalInScope } from '../metal-scope';
import { FULL_RESPONSE, MINERAL_ANSWER_OPTIONS, NO, UNKNOWN, YES, canonicalAnswer, describeOptions, readAnswer } from './answer-values';
import { finding, type FindingDraft, type RuleId } from './rule-catalogue';
import { isDeclaredOutOfScope, requiresDetailedAnswers, requiresQ2 } from './scope-requirements';
import { isBlank, quoted } from './text';

/** Questions 1-8 per metal, Declaration D26-D71 (domain.md §1.3; Checker rows 14-52; review §5). */

const DETAILED_QUESTIONS = ['q3', 'q4', 'q5', 'q6', 'q7', 'q8'] as const satisfies readonly MineralQuestion[];

const REQUIRED_RULE: Record<MineralQuestion, RuleId> = {
  q1: 'checker.q1-required',
  q2: 'checker.q2-required',
  q3: 'checker.q3-required',
  q4: 'checker.q4-required',
  q5: 'checker.q5-required',
  q6: 'checker.q6-required',
  q7: 'checker.q7-required',
  q8: 'checker.q8-required',
};

/** What each question asks, phrased for "Declare …" messages. */
const ASKS: Record<MineralQuestion, (metal: string) => string> = {
  q1: (m) => `whether ${m} is intentionally added or used in the product(s) or in the production process`,
  q2: (m) => `whether any ${m} remains in the product(s)`,
  q3: (m) => `whether any smelters in your supply chain source ${m} from the covered countries (the DRC or an adjoining country)`,
  q4: (m) => `whether any smelters in your supply chain source ${m} from conflict-affected and high-risk areas`,
  q5: (m) => `whether 100 percent of the ${m} originates from recycled or scrap sources`,
  q6: (m) => `what percentage of relevant suppliers have responded to your supply chain survey for ${m}`,
  q7: (m) => `whether you have identified all of the ${m} smelters supplying your supply chain`,
  q8: (m) => `whether all applicable ${m} smelter information received by your company has been reported in this declaration`,
};

function questionNumber(question: MineralQuestion): string {
  return question.slice(1);
}

function answerDraft(metal: Metal, question: MineralQuestion, message: string, part: 'answer' | 'comment' = 'answer'): FindingDraft {
  return { field: `minerals.${metal}.${question}.${part}`, cell: mineralCell(question, metal, part), metal, message };
}

function cellName(metal: Metal, question: MineralQuestion, part: 'answer' | 'comment' = 'answer'): string {
  return `${part === 'answer' ? 'D' : 'G'}${mineralQuestionRow(question, metal)}`;
}

/** Why a question is required while Q1/Q2 are still open: the Checker's "≠ No" quirk, spelled out. */
function quirkNote(declaration: Declaration, metal: Metal, question: MineralQuestion): string {
  const answers = declaration.minerals[metal];
  const q1 = canonicalAnswer(answers.q1?.answer, MINERAL_ANSWER_OPTIONS.q1);
  const q2 = canonicalAnswer(answers.q2?.answer, MINERAL_ANSWER_OPTIONS.q2);
  if (question === 'q1') return '';
  if (question === 'q2') return q1 === YES ? '' : ' It is required until question 1 is answered "No".';
  return q1 === YES && q2 === YES ? '' : ' It is required unless question 1 or 2 is answered "No".';
}

/** Is the question evaluated at all? Q1 always; Q2 unless Q1 = No; Q3-Q8 unless Q1 or Q2 = No. */
function isRequired(declaration: Declaration, metal: Metal, question: MineralQuestion): boolean {
  if (question === 'q1') return true;
  if (question === 'q2') return requiresQ2(declaration, metal);
  return requiresDetailedAnswers(declaration, metal);
}

/** Checker "blank" rules plus the review's "not a dropdown value" rule, for every required question. */
function answerCompleteness(declaration: Declaration, metal: Metal): Finding[] {
  const label = METAL_LABELS[metal];
  return MINERAL_QUESTIONS.filter((question) => isRequired(declaration, metal, question)).flatMap((question) => {
    const options = MINERAL_ANSWER_OPTIONS[question];
    const reading = readAnswer(declaration.minerals[metal][question]?.answer, options);
    const cell = cellName(metal, question);
    if (reading.status === 'blank') {
      const message = `Declare ${ASKS[question](label)} (question ${questionNumber(question)}) on the Declaration tab cell ${cell}.${quirkNote(declaration, metal, question)}`;
      return [finding(REQUIRED_RULE[question], answerDraft(metal, question, message))];
    }
    if (reading.status === 'invalid') {
      const message = `Select ${describeOptions(options)} for question ${questionNumber(question)} (${label}) on the Declaration tab cell ${cell}: ${quoted(reading.raw)} is not one of the template's answers.`;
      return [finding('review.mineral-answer-invalid', answerDraft(metal, question, message))];
    }
    return [];
  });
}

/** Answers left on a metal declared out of scope: the Checker ignores them, so only note them. */
function ignoredAnswers(declaration: Declaration, metal: Metal): Finding[] {
  if (!isDeclaredOutOfScope(declaration, metal)) return [];
  const answers = declaration.minerals[metal];
  const q1IsNo = !requiresQ2(declaration, metal);
  const candidates: readonly MineralQuestion[] = q1IsNo ? ['q2', ...DETAILED_QUESTIONS] : DETAILED_QUESTIONS;
  const ignored = candidates.filter((question) => !isBlank(answers[question]?.answer));
  if (ignored.length === 0) return [];
  const label = METAL_LABELS[metal];
  const numbers = ignored.map(questionNumber);
  const list =
    numbers.length === 1 ? `Question ${numbers[0]}` : `Questions ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
  const because = q1IsNo ? 'question 1 is "No"' : 'question 2 is "No"';
  const message = `${list} for ${label} ${numbers.length === 1 ? 'is' : 'are'} answered although ${because}; ${label} is out of scope, so these answers are ignored.`;
  return [finding('review.out-of-scope-answers-ignored', answerDraft(metal, ignored[0], message))];
}

/** Sourcing red flags for a metal in scope (Q1 = Yes and Q2 = Yes). */
function redFlags(declaration: Declaration, metal: Metal): Finding[] {
  if (!isMetalInScope(declaration, metal)) return [];
  const answers = declaration.minerals[metal];
  const value = (question: MineralQuestion) => canonicalAnswer(answers[question]?.answer, MINERAL_ANSWER_OPTIONS[question]);
  const label = METAL_LABELS[metal];
  const findings: Finding[] = [];
  const flag = (ruleId: RuleId, question: MineralQuestion, message: string, part: 'answer' | 'comment' = 'answer') =>
    findings.push(finding(ruleId, answerDraft(metal, question, message, part)));

  const q3 = value('q3');
  const q4 = value('q4');
  const q6 = value('q6');
  const q7 = value('q7');
  const q8 = value('q8');
  const at = (question: MineralQuestion) => `question ${questionNumber(question)} on the Declaration tab cell ${cellName(metal, question)}`;

  if (q3 === YES)
    flag(
      'review.covered-countries-sourcing',
      'q3',
      `${label}: smelters in the supply chain source from the covered countries (the DRC or an adjoining country) (${at('q3')} is "Yes").`,
    );
  if (q3 === UNKNOWN)
    flag(
      'review.covered-countries-unknown',
      'q3',
      `${label}: it is unknown whether smelters in the supply chain source from the covered countries (${at('q3')} is "Unknown").`,
    );
  if (q4 === YES)
    flag(
      'review.cahra-sourcing',
      'q4',
      `${label}: smelters in the supply chain source from conflict-affected and high-risk areas (${at('q4')} is "Yes").`,
    );
  if (q4 === UNKNOWN)
    flag(
      'review.cahra-unknown',
      'q4',
      `${label}: it is unknown whether smelters in the supply chain source from conflict-affected and high-risk areas (${at('q4')} is "Unknown").`,
    );
  for (const question of ['q3', 'q4'] as const) {
    if (value(question) === YES && isBlank(answers[question]?.comment)) {
      flag(
        'review.sourcing-yes-without-comment',
        question,
        `Explain the "Yes" to question ${questionNumber(question)} for ${label} in the comment on the Declaration tab cell ${cellName(metal, question, 'comment')} (which smelters and which countries).`,
        'comment',
      );
    }
  }
  if (q3 === NO && q7 === NO) {
    flag(
      'review.covered-countries-unverified',
      'q3',
      `${label}: question 3 (cell ${cellName(metal, 'q3')}) says no smelter sources from the covered countries, but question 7 (cell ${cellName(metal, 'q7')}) says not all smelters are identified, so this cannot be known.`,
    );
  }
  if (q6 !== undefined && q6 !== FULL_RESPONSE) {
    flag(
      'review.supplier-response-below-100',
      'q6',
      `${label}: not all relevant suppliers have responded to the supply chain survey (${at('q6')} is "${q6}").`,
    );
  }
  if (q7 === NO)
    flag(
      'review.smelters-not-all-identified',
      'q7',
      `${label}: not all smelters supplying the supply chain have been identified (${at('q7')} is "No").`,
    );
  if (q8 === NO)
    flag(
      'review.smelter-info-not-all-reported',
      'q8',
      `${label}: not all smelter information received has been reported in this declaration (${at('q8')} is "No").`,
    );
  return findings;
}

export function checkMineralQuestions(declaration: Declaration): Finding[] {
  return METALS.flatMap((metal) => [
    ...answerCompleteness(declaration, metal),
    ...ignoredAnswers(declaration, metal),
    ...redFlags(declaration, metal),
  ]);
}
