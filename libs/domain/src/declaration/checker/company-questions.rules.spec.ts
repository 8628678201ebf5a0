import { METALS } from '../../shared/metals';
import { COMPANY_QUESTIONS, type CompanyQuestion, type Declaration } from '../declaration.schema';
import { evaluateCompleteDeclarationWith, findingsWithRule, type RuleCase } from './declaration.fixture';

function answer(d: Declaration, question: CompanyQuestion, value: string | undefined, comment?: string): void {
  d.companyQuestions[question] = { ...(value !== undefined ? { answer: value } : {}), ...(comment !== undefined ? { comment } : {}) };
}

const ROWS: Record<CompanyQuestion, number> = { A: 75, B: 77, C: 79, D: 81, E: 83, F: 85, G: 87, H: 89 };
const VALID: Record<CompanyQuestion, [string, string?]> = {
  A: ['Yes'],
  B: ['Yes', 'https://www.acme-components.example/policy'],
  C: ['Yes'],
  D: ['Yes'],
  E: ['Yes, in conformance with IPC1755 (e.g., CMRT)'],
  F: ['Yes'],
  G: ['Yes'],
  H: ['No'],
};

const requiredCases: RuleCase[] = COMPANY_QUESTIONS.map((question) => ({
  given: `company question ${question} blank while tungsten is in scope`,
  arrange: (d) => answer(d, question, undefined),
  expected: {
    ruleId: `checker.company-${question.toLowerCase()}-required`,
    severity: 'error',
    kind: 'incomplete',
    field: `companyQuestions.${question}.answer`,
    cell: `Declaration!D${ROWS[question]}`,
  },
  fix: (d) => answer(d, question, ...VALID[question]),
}));

const gapCases: RuleCase[] = (
  [
    ['A', 'review.no-sourcing-policy'],
    ['C', 'review.no-validated-smelter-requirement'],
    ['D', 'review.no-due-diligence-measures'],
    ['E', 'review.no-supplier-survey'],
    ['F', 'review.no-supplier-review'],
    ['G', 'review.no-corrective-action'],
  ] as const
).map(([question, ruleId]) => ({
  given: `company question ${question} answered No`,
  arrange: (d) => answer(d, question, 'No'),
  expected: { ruleId, severity: 'red-flag', field: `companyQuestions.${question}.answer`, cell: `Declaration!D${ROWS[question]}` },
  fix: (d) => answer(d, question, ...VALID[question]),
}));

const cases: RuleCase[] = [
  ...requiredCases,
  {
    given: 'B = Yes without a URL in G77',
    arrange: (d) => answer(d, 'B', 'Yes'),
    expected: {
      ruleId: 'checker.policy-url',
      severity: 'error',
      kind: 'incomplete',
      field: 'companyQuestions.B.comment',
      cell: 'Declaration!G77',
    },
    fix: (d) => answer(d, 'B', 'Yes', 'www.acme-components.example/policy'),
  },
  {
    given: 'B = Yes with a one-character comment (the Checker tests LEN(G77) > 1)',
    arrange: (d) => answer(d, 'B', 'Yes', 'x'),
    expected: { ruleId: 'checker.policy-url', severity: 'error', field: 'companyQuestions.B.comment', cell: 'Declaration!G77' },
    fix: (d) => answer(d, 'B', 'No', 'x'),
  },
  {
    given: 'B = Yes with a comment that is not a URL',
    arrange: (d) => answer(d, 'B', 'Yes', 'Available on request'),
    expected: {
      ruleId: 'review.policy-url-not-url',
      severity: 'warning',
      kind: 'inaccurate',
      field: 'companyQuestions.B.comment',
      cell: 'Declaration!G77',
    },
    fix: (d) => answer(d, 'B', 'Yes', 'Available at https://acme-components.example/csr'),
  },
  {
    given: 'question A answered "Maybe"',
    arrange: (d) => answer(d, 'A', 'Maybe'),
    expected: {
      ruleId: 'review.company-answer-invalid',
      severity: 'error',
      kind: 'inaccurate',
      field: 'companyQuestions.A.answer',
      cell: 'Declaration!D75',
    },
    fix: (d) => answer(d, 'A', 'yes'),
  },
  {
    given: 'question H answered plain "Yes" (not one of its four values)',
    arrange: (d) => answer(d, 'H', 'Yes'),
    expected: {
      ruleId: 'review.company-answer-invalid',
      severity: 'error',
      kind: 'inaccurate',
      field: 'companyQuestions.H.answer',
      cell: 'Declaration!D89',
    },
    fix: (d) => answer(d, 'H', 'yes, with the SEC and the EU'),
  },
  {
    given: 'E = "other format" without a description',
    arrange: (d) => answer(d, 'E', 'Yes, using other format (describe)'),
    expected: {
      ruleId: 'review.survey-format-undescribed',
      severity: 'error',
      kind: 'incomplete',
      field: 'companyQuestions.E.comment',
      cell: 'Declaration!G83',
    },
    fix: (d) => answer(d, 'E', 'Yes, using other format (describe)', 'Own Excel questionnaire based on the OECD guidance'),
  },
  ...gapCases,
];

describe('company question rules (Declaration D75-D89)', () => {
  it.each(cases)(
    'given $given, when evaluated, then $expected.ruleId is reported at $expected.cell and clears once fixed',
    ({ arrange, expected, fix }) => {
      expect(findingsWithRule(evaluateCompleteDeclarationWith(arrange), expected.ruleId)).toEqual([expect.objectContaining(expected)]);
      const fixed = evaluateCompleteDeclarationWith((d) => {
        arrange(d);
        fix(d);
      });
      expect(findingsWithRule(fixed, expected.ruleId)).toEqual([]);
    },
  );

  it.each([
    'Yes, in conformance with IPC1755 (e.g., CMRT)',
    'Yes, in conformance with IPC-1755 [e.g., CMRT]',
    'Yes, using IPC-1755 [e.g., CMRT]',
    'yes, in conformance with ipc1755 (e.g.,CMRT) ',
  ])('given E spelled %j, when evaluated, then it is accepted', (value) => {
    expect(evaluateCompleteDeclarationWith((d) => answer(d, 'E', value))).toEqual([]);
  });

  it.each(['B', 'H'] as const)('given question %s answered No, when evaluated, then it is not a red flag', (question) => {
    expect(evaluateCompleteDeclarationWith((d) => answer(d, question, 'No')).filter((f) => f.severity === 'red-flag')).toEqual([]);
  });

  it('given every metal declared out of scope (Q1 = No) and A-H blank, when evaluated, then A-H are neither required nor reviewed', () => {
    const findings = evaluateCompleteDeclarationWith((d) => {
      for (const metal of METALS) d.minerals[metal] = { q1: { answer: 'No' } };
      d.companyQuestions = { A: { answer: 'No' } };
      d.smelters = [];
    });
    expect(findings).toEqual([]);
  });

  it('given all metals out of scope except tantalum whose Q1 is still blank, when evaluated, then A-H are required (the Checker quirk)', () => {
    const findings = evaluateCompleteDeclarationWith((d) => {
      for (const metal of METALS) d.minerals[metal] = { q1: { answer: 'No' } };
      d.minerals.tantalum = {};
      d.companyQuestions = {};
    });
    expect(findings.filter((f) => f.field.startsWith('companyQuestions')).map((f) => f.ruleId)).toEqual(
      COMPANY_QUESTIONS.map((q) => `checker.company-${q.toLowerCase()}-required`),
    );
  });
});
