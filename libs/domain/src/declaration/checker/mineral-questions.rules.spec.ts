import type { Metal } from '../../shared/metals';
import type { Declaration, MineralQuestion } from '../declaration.schema';
import { evaluateCompleteDeclarationWith, findingsWithRule, type RuleCase } from './declaration.fixture';

function answer(d: Declaration, metal: Metal, question: MineralQuestion, value: string | undefined, comment?: string): void {
  d.minerals[metal][question] = { ...(value !== undefined ? { answer: value } : {}), ...(comment !== undefined ? { comment } : {}) };
}

const requiredCases: RuleCase[] = (
  [
    ['q3', 'D41', 'No'],
    ['q4', 'D47', 'No'],
    ['q5', 'D53', 'No'],
    ['q6', 'D59', '100%'],
    ['q7', 'D65', 'Yes'],
    ['q8', 'D71', 'Yes'],
  ] as const
).map(([question, cell, value]) => ({
  given: `tungsten in scope with question ${question.slice(1)} blank`,
  arrange: (d) => answer(d, 'tungsten', question, undefined),
  expected: {
    ruleId: `checker.${question}-required`,
    severity: 'error',
    kind: 'incomplete',
    metal: 'tungsten',
    field: `minerals.tungsten.${question}.answer`,
    cell: `Declaration!${cell}`,
  },
  fix: (d) => answer(d, 'tungsten', question, value),
}));

const cases: RuleCase[] = [
  {
    given: 'question 1 for tungsten blank',
    arrange: (d) => answer(d, 'tungsten', 'q1', undefined),
    expected: {
      ruleId: 'checker.q1-required',
      severity: 'error',
      kind: 'incomplete',
      metal: 'tungsten',
      field: 'minerals.tungsten.q1.answer',
      cell: 'Declaration!D29',
    },
    fix: (d) => answer(d, 'tungsten', 'q1', 'Yes'),
  },
  {
    given: 'question 1 for tin answered with spaces only',
    arrange: (d) => answer(d, 'tin', 'q1', '   '),
    expected: { ruleId: 'checker.q1-required', severity: 'error', metal: 'tin', field: 'minerals.tin.q1.answer', cell: 'Declaration!D27' },
    fix: (d) => answer(d, 'tin', 'q1', 'No'),
  },
  {
    given: 'question 2 for tungsten blank while question 1 is Yes',
    arrange: (d) => answer(d, 'tungsten', 'q2', undefined),
    expected: {
      ruleId: 'checker.q2-required',
      severity: 'error',
      kind: 'incomplete',
      metal: 'tungsten',
      field: 'minerals.tungsten.q2.answer',
      cell: 'Declaration!D35',
    },
    fix: (d) => answer(d, 'tungsten', 'q2', 'Yes'),
  },
  ...requiredCases,
  {
    given: 'question 1 for tungsten answered "Maybe"',
    arrange: (d) => answer(d, 'tungsten', 'q1', 'Maybe'),
    expected: {
      ruleId: 'review.mineral-answer-invalid',
      severity: 'error',
      kind: 'inaccurate',
      metal: 'tungsten',
      field: 'minerals.tungsten.q1.answer',
      cell: 'Declaration!D29',
    },
    fix: (d) => answer(d, 'tungsten', 'q1', 'yes '),
  },
  {
    given: 'question 6 for tungsten answered "80%"',
    arrange: (d) => answer(d, 'tungsten', 'q6', '80%'),
    expected: {
      ruleId: 'review.mineral-answer-invalid',
      severity: 'error',
      kind: 'inaccurate',
      metal: 'tungsten',
      field: 'minerals.tungsten.q6.answer',
      cell: 'Declaration!D59',
    },
    fix: (d) => answer(d, 'tungsten', 'q6', '100%'),
  },
  {
    given: 'tin out of scope (Q1 = No) with questions 3 and 6 still answered',
    arrange: (d) => {
      answer(d, 'tin', 'q3', 'Yes');
      answer(d, 'tin', 'q6', '80%');
    },
    expected: {
      ruleId: 'review.out-of-scope-answers-ignored',
      severity: 'info',
      metal: 'tin',
      field: 'minerals.tin.q3.answer',
      cell: 'Declaration!D39',
    },
    fix: (d) => (d.minerals.tin = { q1: { answer: 'No' } }),
  },
  {
    given: 'gold out of scope because Q2 = No, with question 3 answered',
    arrange: (d) => {
      answer(d, 'gold', 'q1', 'Yes');
      answer(d, 'gold', 'q2', 'No');
      answer(d, 'gold', 'q3', 'Unknown');
    },
    expected: {
      ruleId: 'review.out-of-scope-answers-ignored',
      severity: 'info',
      metal: 'gold',
      field: 'minerals.gold.q3.answer',
      cell: 'Declaration!D40',
    },
    fix: (d) => answer(d, 'gold', 'q3', undefined),
  },
  {
    given: 'tungsten Q3 = Yes (covered countries)',
    arrange: (d) => answer(d, 'tungsten', 'q3', 'Yes', 'CID002082 sources from Rwanda'),
    expected: {
      ruleId: 'review.covered-countries-sourcing',
      severity: 'red-flag',
      metal: 'tungsten',
      field: 'minerals.tungsten.q3.answer',
      cell: 'Declaration!D41',
    },
    fix: (d) => answer(d, 'tungsten', 'q3', 'No'),
  },
  {
    given: 'tungsten Q3 = Unknown',
    arrange: (d) => answer(d, 'tungsten', 'q3', 'Unknown'),
    expected: {
      ruleId: 'review.covered-countries-unknown',
      severity: 'red-flag',
      metal: 'tungsten',
      field: 'minerals.tungsten.q3.answer',
      cell: 'Declaration!D41',
    },
    fix: (d) => answer(d, 'tungsten', 'q3', 'No'),
  },
  {
    given: 'tungsten Q4 = Yes (CAHRA)',
    arrange: (d) => answer(d, 'tungsten', 'q4', 'Yes', 'see smelter list'),
    expected: {
      ruleId: 'review.cahra-sourcing',
      severity: 'red-flag',
      metal: 'tungsten',
      field: 'minerals.tungsten.q4.answer',
      cell: 'Declaration!D47',
    },
    fix: (d) => answer(d, 'tungsten', 'q4', 'No'),
  },
  {
    given: 'tungsten Q4 = Unknown',
    arrange: (d) => answer(d, 'tungsten', 'q4', 'unknown'),
    expected: {
      ruleId: 'review.cahra-unknown',
      severity: 'red-flag',
      metal: 'tungsten',
      field: 'minerals.tungsten.q4.answer',
      cell: 'Declaration!D47',
    },
    fix: (d) => answer(d, 'tungsten', 'q4', 'No'),
  },
  {
    given: 'tungsten Q3 = Yes without a substantiating comment',
    arrange: (d) => answer(d, 'tungsten', 'q3', 'Yes'),
    expected: {
      ruleId: 'review.sourcing-yes-without-comment',
      severity: 'warning',
      kind: 'incomplete',
      metal: 'tungsten',
      field: 'minerals.tungsten.q3.comment',
      cell: 'Declaration!G41',
    },
    fix: (d) => answer(d, 'tungsten', 'q3', 'Yes', 'CID002082 sources from Rwanda (iTSCi)'),
  },
  {
    given: 'tungsten Q3 = No while Q7 = No',
    arrange: (d) => answer(d, 'tungsten', 'q7', 'No'),
    expected: {
      ruleId: 'review.covered-countries-unverified',
      severity: 'red-flag',
      metal: 'tungsten',
      field: 'minerals.tungsten.q3.answer',
      cell: 'Declaration!D41',
    },
    fix: (d) => answer(d, 'tungsten', 'q3', 'Unknown'),
  },
  {
    given: 'tungsten Q6 = Greater than 90%',
    arrange: (d) => answer(d, 'tungsten', 'q6', 'Greater than 90%'),
    expected: {
      ruleId: 'review.supplier-response-below-100',
      severity: 'red-flag',
      metal: 'tungsten',
      field: 'minerals.tungsten.q6.answer',
      cell: 'Declaration!D59',
    },
    fix: (d) => answer(d, 'tungsten', 'q6', '100%'),
  },
  {
    given: 'tungsten Q7 = No',
    arrange: (d) => answer(d, 'tungsten', 'q7', 'No'),
    expected: {
      ruleId: 'review.smelters-not-all-identified',
      severity: 'red-flag',
      metal: 'tungsten',
      field: 'minerals.tungsten.q7.answer',
      cell: 'Declaration!D65',
    },
    fix: (d) => answer(d, 'tungsten', 'q7', 'Yes'),
  },
  {
    given: 'tungsten Q8 = No',
    arrange: (d) => answer(d, 'tungsten', 'q8', 'No'),
    expected: {
      ruleId: 'review.smelter-info-not-all-reported',
      severity: 'red-flag',
      metal: 'tungsten',
      field: 'minerals.tungsten.q8.answer',
      cell: 'Declaration!D71',
    },
    fix: (d) => answer(d, 'tungsten', 'q8', 'Yes'),
  },
];

describe('mineral question rules (Declaration D26-D71)', () => {
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

  describe('the Checker quirks of §1.7', () => {
    it('given tantalum Q1 blank, when evaluated, then Q2 and Q3-Q8 for tantalum are required as well', () => {
      const findings = evaluateCompleteDeclarationWith((d) => (d.minerals.tantalum = {}));
      const tantalumErrors = findings.filter((f) => f.metal === 'tantalum' && f.severity === 'error' && f.cell?.startsWith('Declaration!'));
      expect(tantalumErrors.map((f) => [f.ruleId, f.cell])).toEqual([
        ['checker.q1-required', 'Declaration!D26'],
        ['checker.q2-required', 'Declaration!D32'],
        ['checker.q3-required', 'Declaration!D38'],
        ['checker.q4-required', 'Declaration!D44'],
        ['checker.q5-required', 'Declaration!D50'],
        ['checker.q6-required', 'Declaration!D56'],
        ['checker.q7-required', 'Declaration!D62'],
        ['checker.q8-required', 'Declaration!D68'],
      ]);
      expect(tantalumErrors[1].message).toContain('It is required until question 1 is answered "No"');
      expect(tantalumErrors[2].message).toContain('It is required unless question 1 or 2 is answered "No"');
    });

    it('given tin Q1 = No and Q2 blank, when evaluated, then nothing is required for tin', () => {
      const findings = evaluateCompleteDeclarationWith();
      expect(findings.filter((f) => f.metal === 'tin')).toEqual([]);
    });

    it('given gold Q1 = Yes and Q2 = No, when evaluated, then Q3-Q8 for gold are not required', () => {
      const findings = evaluateCompleteDeclarationWith((d) => {
        answer(d, 'gold', 'q1', 'Yes');
        answer(d, 'gold', 'q2', 'No');
      });
      expect(findings.filter((f) => f.metal === 'gold')).toEqual([]);
    });

    it('given tungsten Q1 = Yes and Q2 blank, when evaluated, then Q3-Q8 remain required and only Q2 is reported blank', () => {
      const findings = evaluateCompleteDeclarationWith((d) => {
        answer(d, 'tungsten', 'q2', undefined);
        answer(d, 'tungsten', 'q5', undefined);
      });
      expect(findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['checker.q2-required', 'checker.q5-required']);
    });
  });

  it('given answers with odd case and spacing ("YES", " no ", "greater than 90 %"), when evaluated, then they are read as the dropdown values', () => {
    const findings = evaluateCompleteDeclarationWith((d) => {
      answer(d, 'tungsten', 'q1', 'YES');
      answer(d, 'tungsten', 'q3', ' no ');
      answer(d, 'tungsten', 'q6', 'greater than 90 %');
    });
    expect(findingsWithRule(findings, 'review.mineral-answer-invalid')).toEqual([]);
    expect(findingsWithRule(findings, 'review.supplier-response-below-100')).toHaveLength(1);
  });

  it('given an out-of-scope metal with unreadable or risky Q3-Q8 answers, when evaluated, then they yield an info only, never an error or red flag', () => {
    const findings = evaluateCompleteDeclarationWith((d) => {
      answer(d, 'tin', 'q3', 'Yes');
      answer(d, 'tin', 'q6', '80%');
      answer(d, 'tin', 'q7', 'No');
    });
    expect(findings.filter((f) => f.metal === 'tin').map((f) => [f.ruleId, f.severity])).toEqual([
      ['review.out-of-scope-answers-ignored', 'info'],
    ]);
    expect(findings.find((f) => f.metal === 'tin')?.message).toBe(
      'Questions 3, 6 and 7 for Tin are answered although question 1 is "No"; Tin is out of scope, so these answers are ignored.',
    );
  });

  it('given Q5 = Yes, No or Unknown for tungsten, when evaluated, then Q5 is never a red flag', () => {
    for (const value of ['Yes', 'No', 'Unknown']) {
      const findings = evaluateCompleteDeclarationWith((d) => answer(d, 'tungsten', 'q5', value));
      expect(findings).toEqual([]);
    }
  });

  it('given tantalum Q1 blank and Q3 = Yes, when evaluated, then no red flag until tantalum is in scope', () => {
    const findings = evaluateCompleteDeclarationWith((d) => (d.minerals.tantalum = { q3: { answer: 'Yes' } }));
    expect(findings.filter((f) => f.severity === 'red-flag' && f.metal === 'tantalum')).toEqual([]);
  });
});
