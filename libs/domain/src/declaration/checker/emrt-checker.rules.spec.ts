import { EmrtDeclaration } from '../emrt-declaration.schema';
import { completeEmrtDeclaration } from './emrt-declaration.fixture';
import type { Finding } from '../finding';
import { evaluateEmrtDeclaration } from './evaluate-template-declaration';
import { EMRT_RULES } from './template-rule-catalogue';

/**
 * The EMRT 2.x Checker rules (domain.md §1.10). Given a complete EMRT answer (cobalt and mica
 * declared, copper selected but not used), when one thing is broken, then exactly one finding of
 * that rule at that cell, and fixing it makes it go again.
 */
/** The shared complete EMRT, with mica's CAHRA answer left Unknown (a Checker pass, not a review red flag). */
function completeEmrt(): EmrtDeclaration {
  const declaration = completeEmrtDeclaration();
  const mica = declaration.minerals.find((entry) => entry.mineral === 'mica')!;
  mica.q3 = { answer: 'Unknown' };
  return declaration;
}

interface Case {
  given: string;
  arrange: (d: EmrtDeclaration) => void;
  expected: Pick<Finding, 'ruleId' | 'field' | 'cell'> & Partial<Finding>;
  fix: (d: EmrtDeclaration) => void;
}

const cobalt = (d: EmrtDeclaration) => d.minerals[0];
const mica = (d: EmrtDeclaration) => d.minerals[2];

const cases: Case[] = [
  {
    given: 'the company name (D8) blank',
    arrange: (d) => delete d.company.name,
    expected: { ruleId: 'emrt.checker.company-name', field: 'company.name', cell: 'Declaration!D8' },
    fix: (d) => (d.company.name = 'Cobalt Components GmbH'),
  },
  {
    given: 'a user-defined scope without its description (D10)',
    arrange: (d) => (d.company.scope = 'user-defined'),
    expected: { ruleId: 'emrt.checker.scope-description', field: 'company.scopeDescription', cell: 'Declaration!D10' },
    fix: (d) => (d.company.scopeDescription = 'Battery products'),
  },
  {
    given: 'the contact name (D19, four rows below the CMRT cell) blank',
    arrange: (d) => delete d.company.contactName,
    expected: { ruleId: 'emrt.checker.contact-name', field: 'company.contactName', cell: 'Declaration!D19' },
    fix: (d) => (d.company.contactName = 'Jane Roe'),
  },
  {
    given: 'the authorizer e-mail (D24) without "@"',
    arrange: (d) => (d.company.authorizerEmail = 'john.doe at example.com'),
    expected: { ruleId: 'emrt.checker.authorizer-email', field: 'company.authorizerEmail', cell: 'Declaration!D24', kind: 'inaccurate' },
    fix: (d) => (d.company.authorizerEmail = 'john.doe@example.com'),
  },
  {
    given: 'the effective date (D26) blank',
    arrange: (d) => delete d.company.effectiveDate,
    expected: { ruleId: 'emrt.checker.effective-date', field: 'company.effectiveDate', cell: 'Declaration!D26', kind: 'incomplete' },
    fix: (d) => (d.company.effectiveDate = '2025-05-01'),
  },
  {
    given: 'question 1 blank for mica (the third mineral: row 32)',
    arrange: (d) => delete mica(d).q1,
    expected: { ruleId: 'emrt.checker.q1-required', field: 'minerals[2].q1.answer', cell: 'Declaration!D32' },
    fix: (d) => (mica(d).q1 = { answer: 'Yes' }),
  },
  {
    given: 'question 2 blank for cobalt while its question 1 is Yes',
    arrange: (d) => delete cobalt(d).q2,
    expected: { ruleId: 'emrt.checker.q2-required', field: 'minerals[0].q2.answer', cell: 'Declaration!D42' },
    fix: (d) => (cobalt(d).q2 = { answer: 'Yes' }),
  },
  {
    given: 'question 5 blank for mica',
    arrange: (d) => delete mica(d).q5,
    expected: { ruleId: 'emrt.checker.q5-required', field: 'minerals[2].q5.answer', cell: 'Declaration!D80' },
    fix: (d) => (mica(d).q5 = { answer: 'None' }),
  },
  {
    given: 'company question C blank for cobalt (asked per mineral: row 120)',
    arrange: (d) => delete cobalt(d).C,
    expected: { ruleId: 'emrt.checker.company-c-required', field: 'minerals[0].C.answer', cell: 'Declaration!D120' },
    fix: (d) => (cobalt(d).C = { answer: 'Yes, when more processors are validated' }),
  },
  {
    given: 'company question E blank',
    arrange: (d) => delete d.companyQuestions.E,
    expected: { ruleId: 'emrt.checker.company-e-required', field: 'companyQuestions.E.answer', cell: 'Declaration!D133' },
    fix: (d) => (d.companyQuestions.E = { answer: 'No' }),
  },
  {
    given: 'B = Yes without the policy URL in G117',
    arrange: (d) => (d.companyQuestions.B = { answer: 'yes' }),
    expected: { ruleId: 'emrt.checker.policy-url', field: 'companyQuestions.B.comment', cell: 'Declaration!G117' },
    fix: (d) => (d.companyQuestions.B = { answer: 'Yes', comment: 'www.example.com' }),
  },
  {
    given: 'no cobalt row with a look-up value on the Smelter List',
    arrange: (d) => (d.smelters = d.smelters.filter((row) => row.metal !== 'cobalt')),
    expected: { ruleId: 'emrt.checker.smelters-for-mineral', field: 'smelters', cell: 'Smelter List!B7' },
    fix: (d) => d.smelters.push({ row: 5, metal: 'cobalt', lookupName: 'Anhui Hanrui New Material Co., Ltd.' }),
  },
  {
    given: 'a "Smelter not listed" row without its country',
    arrange: (d) => delete d.smelters[1].country,
    expected: { ruleId: 'emrt.checker.smelter-not-listed-details', field: 'smelters[1].country', cell: 'Smelter List!E6' },
    fix: (d) => (d.smelters[1].country = 'INDIA'),
  },
  {
    given: 'a product scope without a product in Product List B6',
    arrange: (d) => (d.company.scope = 'product'),
    expected: { ruleId: 'emrt.checker.product-list', field: 'products[0].number', cell: 'Product List!B6' },
    fix: (d) => d.products.push({ row: 6, number: 'P-1' }),
  },
  {
    given: 'no mineral selected',
    arrange: (d) => (d.minerals = []),
    expected: { ruleId: 'emrt.checker.minerals-selected', field: 'minerals', cell: 'Declaration!D12' },
    fix: (d) => d.minerals.push({ mineral: 'copper', q1: { answer: 'No' } }),
  },
];

describe('EMRT Checker rules', () => {
  it('find nothing in a complete EMRT answer', () => {
    expect(evaluateEmrtDeclaration(completeEmrt())).toEqual([]);
  });

  it.each(cases)('given $given: one finding at the cell, gone once fixed', ({ arrange, expected, fix }) => {
    const declaration = completeEmrt();
    arrange(declaration);
    const findings = evaluateEmrtDeclaration(EmrtDeclaration.parse(declaration));
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', kind: 'incomplete', ...expected })]);
    fix(declaration);
    expect(evaluateEmrtDeclaration(EmrtDeclaration.parse(declaration))).toEqual([]);
  });

  it('questions 3-7 and C are not asked once question 1 is "No", "Unknown" or "Not declaring", or question 2 is "No" or "Unknown"', () => {
    for (const [q1, q2] of [
      ['No', undefined],
      ['Unknown', undefined],
      ['Not declaring', undefined],
      ['Yes', 'No'],
      ['Yes', 'Unknown'],
    ] as const) {
      const declaration = completeEmrt();
      declaration.minerals[0] = { mineral: 'cobalt', q1: { answer: q1 }, ...(q2 ? { q2: { answer: q2 } } : {}) };
      const ruleIds = evaluateEmrtDeclaration(declaration).map((finding) => finding.ruleId);
      expect(ruleIds).toEqual([]);
    }
  });

  it('a blank question 1 keeps the later questions required (the Checker tests "is not No"), and says so', () => {
    const declaration = completeEmrt();
    declaration.minerals[0] = { mineral: 'cobalt' };
    const findings = evaluateEmrtDeclaration(declaration);
    expect(findings.map((finding) => finding.cell)).toEqual([
      'Declaration!D30',
      'Declaration!D42',
      'Declaration!D54',
      'Declaration!D66',
      'Declaration!D78',
      'Declaration!D90',
      'Declaration!D102',
      'Declaration!D120',
    ]);
    expect(findings[1].message).toMatch(
      /question 2\) on the Declaration tab cell D42\. It is required unless question 1 is "No", "Unknown" or "Not declaring"\.$/,
    );
  });

  it('place findings by the slot the reader recorded, when an unknown selector value took a row', () => {
    const declaration = completeEmrt();
    mica(declaration).slot = 3;
    delete mica(declaration).q1;
    expect(evaluateEmrtDeclaration(declaration)[0]).toMatchObject({ ruleId: 'emrt.checker.q1-required', cell: 'Declaration!D33' });
  });

  it('have one catalogue entry per rule, all errors', () => {
    expect(new Set(EMRT_RULES.map((rule) => rule.id)).size).toBe(EMRT_RULES.length);
    expect(EMRT_RULES.every((rule) => rule.severity === 'error' && rule.id.startsWith('emrt.checker.'))).toBe(true);
  });
});

describe('EmrtDeclaration schema', () => {
  it('refuses a mineral listed twice, naming the field', () => {
    const result = EmrtDeclaration.safeParse({ minerals: [{ mineral: 'cobalt' }, { mineral: 'cobalt' }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['minerals', 1, 'mineral'],
      message: '"cobalt" is listed twice (also at minerals[0])',
    });
  });

  it('refuses a 3TG metal as an EMRT mineral', () => {
    expect(EmrtDeclaration.safeParse({ minerals: [{ mineral: 'tin' }] }).success).toBe(false);
  });
});
