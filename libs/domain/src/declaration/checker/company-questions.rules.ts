import { COMPANY_QUESTION_ROWS, companyQuestionCell } from '../cell-map';
import { COMPANY_QUESTIONS, type CompanyQuestion, type Declaration } from '../declaration.schema';
import type { Finding } from '../finding';
import { COMPANY_ANSWER_OPTIONS, NO, SURVEY_OTHER_FORMAT, YES, canonicalAnswer, describeOptions, readAnswer } from './answer-values';
import { finding, type FindingDraft, type RuleId } from './rule-catalogue';
import { requiresCompanyQuestions } from './scope-requirements';
import { isBlank, present, quoted } from './text';
import { containsUrl } from './value-formats';

/**
 * Company-level questions A-H, Declaration D75-D89 (domain.md §1.4; Checker rows 54-63; review §5).
 * They are required, and reviewed, only while some metal requires question 3; when every metal is
 * declared out of scope the block is optional and not evaluated.
 */

const REQUIRED_RULE: Record<CompanyQuestion, RuleId> = {
  A: 'checker.company-a-required',
  B: 'checker.company-b-required',
  C: 'checker.company-c-required',
  D: 'checker.company-d-required',
  E: 'checker.company-e-required',
  F: 'checker.company-f-required',
  G: 'checker.company-g-required',
  H: 'checker.company-h-required',
};

const ASKS: Record<CompanyQuestion, string> = {
  A: 'whether you have established a responsible minerals sourcing policy',
  B: 'whether your responsible minerals sourcing policy is publicly available on your website',
  C: 'whether you require your direct suppliers to source the 3TG from smelters whose due diligence practices have been validated by an independent third-party audit program',
  D: 'whether you have implemented due diligence measures for responsible sourcing',
  E: 'whether your company conducts conflict minerals survey(s) of your relevant suppliers',
  F: 'whether you review due diligence information received from your suppliers against your company\u2019s expectations',
  G: 'whether your review process includes corrective action management',
  H: 'whether your company is required to file an annual conflict minerals disclosure',
};

/** Company answers of "No" that are due-diligence gaps (OECD steps 1-3), with what the gap means. */
const GAPS: ReadonlyArray<{ question: CompanyQuestion; ruleId: RuleId; gap: string }> = [
  { question: 'A', ruleId: 'review.no-sourcing-policy', gap: 'has no responsible minerals sourcing policy' },
  {
    question: 'C',
    ruleId: 'review.no-validated-smelter-requirement',
    gap: 'does not require its direct suppliers to source from smelters validated by an independent third-party audit',
  },
  { question: 'D', ruleId: 'review.no-due-diligence-measures', gap: 'has not implemented due diligence measures for responsible sourcing' },
  { question: 'E', ruleId: 'review.no-supplier-survey', gap: 'does not survey its relevant suppliers' },
  { question: 'F', ruleId: 'review.no-supplier-review', gap: 'does not review the due diligence information received from its suppliers' },
  { question: 'G', ruleId: 'review.no-corrective-action', gap: 'has no corrective action management in its review process' },
];

function draft(question: CompanyQuestion, message: string, part: 'answer' | 'comment' = 'answer'): FindingDraft {
  return { field: `companyQuestions.${question}.${part}`, cell: companyQuestionCell(question, part), message };
}

function cellName(question: CompanyQuestion, part: 'answer' | 'comment' = 'answer'): string {
  return `${part === 'answer' ? 'D' : 'G'}${COMPANY_QUESTION_ROWS[question]}`;
}

function answerCompleteness(declaration: Declaration): Finding[] {
  return COMPANY_QUESTIONS.flatMap((question) => {
    const options = COMPANY_ANSWER_OPTIONS[question];
    const reading = readAnswer(declaration.companyQuestions[question]?.answer, options);
    if (reading.status === 'blank') {
      return [
        finding(
          REQUIRED_RULE[question],
          draft(question, `Answer question ${question} (${ASKS[question]}) on the Declaration tab cell ${cellName(question)}.`),
        ),
      ];
    }
    if (reading.status === 'invalid') {
      return [
        finding(
          'review.company-answer-invalid',
          draft(
            question,
            `Select ${describeOptions(options)} for question ${question} on the Declaration tab cell ${cellName(question)}: ${quoted(reading.raw)} is not one of the template's answers.`,
          ),
        ),
      ];
    }
    return [];
  });
}

/** Checker row 56: B = Yes needs the policy URL in G77; the Checker only tests LEN(G77) > 1. */
function policyUrl(declaration: Declaration): Finding[] {
  const b = declaration.companyQuestions.B;
  if (canonicalAnswer(b?.answer, COMPANY_ANSWER_OPTIONS.B) !== YES) return [];
  const comment = present(b?.comment);
  if (comment === undefined || comment.length <= 1) {
    return [
      finding(
        'checker.policy-url',
        draft(
          'B',
          'Enter the URL of your sourcing policy on the Declaration tab cell G77, because question B is "Yes" (e.g. www.companyname.com/policy).',
          'comment',
        ),
      ),
    ];
  }
  if (!containsUrl(comment)) {
    return [
      finding(
        'review.policy-url-not-url',
        draft(
          'B',
          `Enter the web address of your sourcing policy on the Declaration tab cell G77: ${quoted(comment)} is not a URL.`,
          'comment',
        ),
      ),
    ];
  }
  return [];
}

/** E = "Yes, using other format (describe)" asks for the format in G83. */
function surveyFormat(declaration: Declaration): Finding[] {
  const e = declaration.companyQuestions.E;
  if (canonicalAnswer(e?.answer, COMPANY_ANSWER_OPTIONS.E) !== SURVEY_OTHER_FORMAT || !isBlank(e?.comment)) return [];
  return [
    finding(
      'review.survey-format-undescribed',
      draft(
        'E',
        'Describe the survey format you use on the Declaration tab cell G83, because question E is "Yes, using other format (describe)".',
        'comment',
      ),
    ),
  ];
}

function dueDiligenceGaps(declaration: Declaration): Finding[] {
  return GAPS.filter(
    ({ question }) => canonicalAnswer(declaration.companyQuestions[question]?.answer, COMPANY_ANSWER_OPTIONS[question]) === NO,
  ).map(({ question, ruleId, gap }) =>
    finding(
      ruleId,
      draft(question, `The supplier ${gap} (question ${question} on the Declaration tab cell ${cellName(question)} is "No").`),
    ),
  );
}

export function checkCompanyQuestions(declaration: Declaration): Finding[] {
  if (!requiresCompanyQuestions(declaration)) return [];
  return [...answerCompleteness(declaration), ...policyUrl(declaration), ...surveyFormat(declaration), ...dueDiligenceGaps(declaration)];
}
