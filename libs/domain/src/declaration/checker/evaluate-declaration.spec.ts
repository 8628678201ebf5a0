import { Declaration } from '../declaration.schema';
import { Finding } from '../finding';
import { centralGlassSample, jxAdvancedMetalsSample, sampleEvaluationContext } from './cmrt-samples.fixture';
import { completeDeclaration, evaluateCompleteDeclarationWith, fixtureContext } from './declaration.fixture';
import { RULES, RULE_IDS, evaluateDeclaration, summariseFindings } from './index';

/** A response that breaks many rules at once, across all three sheets. */
function messyDeclaration(): Declaration {
  return Declaration.parse({
    company: {
      name: 'Messy Metals',
      scope: 'product',
      contactName: 'same',
      contactEmail: 'sales,messy@metals',
      authorizer: 'same',
      authorizerEmail: 'n/a',
      effectiveDate: '31/12/2024',
    },
    minerals: {
      tantalum: {
        q1: { answer: 'Yes' },
        q2: { answer: 'Yes' },
        q3: { answer: 'Unknown' },
        q4: { answer: 'Yes' },
        q6: { answer: 'Greater than 50%' },
        q7: { answer: 'No' },
        q8: { answer: 'No' },
      },
      tin: { q1: { answer: 'No' }, q3: { answer: 'Yes' } },
      gold: { q1: { answer: 'Maybe' } },
      tungsten: {},
    },
    companyQuestions: {
      A: { answer: 'No' },
      B: { answer: 'Yes', comment: 'on our website' },
      E: { answer: 'Yes, using other format (describe)' },
      G: { answer: 'No' },
    },
    smelters: [
      { metal: 'tin', lookupName: 'Smelter not listed' },
      { metal: 'tantalum', lookupName: 'Smelter not yet identified' },
      { lookupName: 'N/A', smelterId: 'CID1' },
      { metal: 'tantalum', lookupName: 'TANIOBIS GmbH', smelterId: 'CID002545' },
      { metal: 'tantalum', lookupName: 'TANIOBIS GmbH', smelterId: 'CID002545' },
    ],
    products: [{ name: 'Capacitor' }, { name: 'Resistor' }],
  });
}

describe('evaluateDeclaration', () => {
  it('given the complete fixture declaration, when evaluated, then there are no findings at all', () => {
    const findings = evaluateDeclaration(completeDeclaration(), fixtureContext());
    expect(findings).toEqual([]);
    expect(summariseFindings(findings)).toEqual({ errors: 0, warnings: 0, redFlags: 0, infos: 0, followUpKinds: [] });
  });

  it('given a messy declaration, when evaluated twice or after a JSON round trip, then the findings are identical', () => {
    const first = evaluateDeclaration(messyDeclaration(), fixtureContext());
    expect(evaluateDeclaration(messyDeclaration(), fixtureContext())).toEqual(first);
    const declaration = messyDeclaration();
    expect(evaluateDeclaration(declaration, fixtureContext())).toEqual(
      evaluateDeclaration(Declaration.parse(JSON.parse(JSON.stringify(declaration))), fixtureContext()),
    );
  });

  describe('given a messy declaration that breaks rules on every sheet, when evaluated', () => {
    const findings = evaluateDeclaration(messyDeclaration(), fixtureContext());
    const ruleSeverity = new Map<string, string>(RULES.map((rule) => [rule.id, rule.severity]));

    it('then every finding is a valid Finding with a catalogued rule id and the catalogued severity', () => {
      for (const finding of findings) {
        expect(() => Finding.parse(finding)).not.toThrow();
        expect(RULE_IDS).toContain(finding.ruleId);
        expect(finding.severity).toBe(ruleSeverity.get(finding.ruleId));
      }
    });

    it('then every error says which kind of follow-up it needs', () => {
      const errors = findings.filter((f) => f.severity === 'error');
      expect(errors.length).toBeGreaterThan(10);
      expect(errors.filter((f) => f.kind === undefined)).toEqual([]);
    });

    it('then findings are ordered by sheet, then row, then rule', () => {
      const sheets = findings.map((f) => f.cell?.split('!')[0]);
      const firstSmelter = sheets.indexOf('Smelter List');
      const firstProduct = sheets.indexOf('Product List');
      expect(sheets.lastIndexOf('Declaration')).toBeLessThan(firstSmelter);
      expect(sheets.lastIndexOf('Smelter List')).toBeLessThan(firstProduct);
      const rows = (sheet: string) =>
        findings.filter((f) => f.cell?.startsWith(`${sheet}!`)).map((f) => Number(/\d+$/.exec(f.cell ?? '')?.[0]));
      for (const sheet of ['Declaration', 'Smelter List', 'Product List']) {
        const sheetRows = rows(sheet);
        expect(sheetRows).toEqual([...sheetRows].sort((a, b) => a - b));
      }
    });

    it('then the expected mix of rules is reported', () => {
      const ids = new Set(findings.map((f) => f.ruleId));
      for (const id of [
        'checker.authorizer-email',
        'review.authorizer-same',
        'review.contact-placeholder',
        'review.contact-email-format',
        'review.effective-date-unparseable',
        'review.mineral-answer-invalid',
        'checker.q5-required',
        'review.covered-countries-unknown',
        'review.cahra-sourcing',
        'review.supplier-response-below-100',
        'review.out-of-scope-answers-ignored',
        'review.no-sourcing-policy',
        'review.policy-url-not-url',
        'review.survey-format-undescribed',
        'checker.smelters-for-metal',
        'checker.smelter-not-listed-details',
        'review.smelter-not-yet-identified',
        'review.smelter-metal-out-of-scope',
        'review.smelter-metal-missing',
        'review.duplicate-smelter-row',
        'checker.product-list',
        'review.product-number-missing',
      ]) {
        expect(ids).toContain(id);
      }
    });
  });

  it('given an empty (blank template) declaration, when evaluated, then the review calls it blank beside what the Checker lists as missing, and one unusable follow-up asks for a proper answer', () => {
    const findings = evaluateDeclaration(Declaration.parse({}), fixtureContext());
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: 'review.declaration-blank', severity: 'error', kind: 'unusable', cell: 'Declaration!D8' }),
        expect.objectContaining({ ruleId: 'checker.company-name', severity: 'error', kind: 'incomplete', cell: 'Declaration!D8' }),
        expect.objectContaining({ ruleId: 'checker.q1-required', cell: 'Declaration!D26' }),
      ]),
    );
    expect(findings.length).toBeGreaterThan(40);
    expect(summariseFindings(findings).followUpKinds).toEqual(['unusable']);
  });
});

describe('the real CMRT 6.4 samples (shared/cmrt/samples), as JSON declarations', () => {
  it('given Central Glass, when evaluated, then no errors and one warning on the contact e-mail "contact,c@example.com" at D16', () => {
    const findings = evaluateDeclaration(centralGlassSample(), sampleEvaluationContext());
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'review.contact-email-format',
        severity: 'warning',
        kind: 'inaccurate',
        field: 'company.contactEmail',
        cell: 'Declaration!D16',
      }),
    ]);
    expect(summariseFindings(findings)).toEqual({ errors: 0, warnings: 1, redFlags: 0, infos: 0, followUpKinds: [] });
  });

  it('given JX Advanced Metals, when evaluated, then no errors or warnings, and covered-country and CAHRA red flags for tantalum and tungsten', () => {
    const findings = evaluateDeclaration(jxAdvancedMetalsSample(), sampleEvaluationContext());
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.severity === 'red-flag').map((f) => [f.ruleId, f.metal, f.cell])).toEqual([
      ['review.covered-countries-sourcing', 'tantalum', 'Declaration!D38'],
      ['review.covered-countries-sourcing', 'tungsten', 'Declaration!D41'],
      ['review.cahra-sourcing', 'tantalum', 'Declaration!D44'],
      ['review.cahra-sourcing', 'tungsten', 'Declaration!D47'],
    ]);
    // Rows 9-10 (Ulba), 22-26 (Xiamen Tungsten) and 27/31 (CID002320) name one smelter once per mine
    // of origin: information, not duplicates.
    expect(findings.filter((f) => f.severity === 'warning')).toEqual([]);
    expect(summariseFindings(findings)).toEqual({ errors: 0, warnings: 0, redFlags: 4, infos: 0, followUpKinds: [] });
  });

  it('given JX Advanced Metals without its Product List, when evaluated, then the Checker asks for the first product number in B6', () => {
    const sample = jxAdvancedMetalsSample();
    sample.products = [];
    const findings = evaluateDeclaration(sample, sampleEvaluationContext());
    expect(findings.filter((f) => f.severity === 'error').map((f) => [f.ruleId, f.cell])).toEqual([
      ['checker.product-list', 'Product List!B6'],
    ]);
  });
});

describe('summariseFindings', () => {
  it('given findings of every severity, when summarised, then it counts them and lists the sorted unique kinds of the errors', () => {
    const findings = evaluateCompleteDeclarationWith((d) => {
      d.company.name = undefined; // error incomplete
      d.minerals.tungsten.q6 = { answer: '80%' }; // error inaccurate
      d.smelters.push({ row: 8, metal: 'tin', lookupName: 'Thaisarco', smelterId: 'CID001898' }); // warning inconsistent (not counted in kinds)
      d.minerals.tungsten.q7 = { answer: 'No' }; // red flags Q7 and Q3-vs-Q7
      d.minerals.tin.q3 = { answer: 'Yes' }; // info
    });
    expect(summariseFindings(findings)).toEqual({
      errors: 2,
      warnings: 1,
      redFlags: 2,
      infos: 1,
      followUpKinds: ['inaccurate', 'incomplete'],
    });
  });

  it('given no findings, when summarised, then all counts are zero', () => {
    expect(summariseFindings([])).toEqual({ errors: 0, warnings: 0, redFlags: 0, infos: 0, followUpKinds: [] });
  });
});

describe('the rule catalogue', () => {
  it('has unique ids, each prefixed checker. or review., and every error rule has a default follow-up kind', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^(checker|review)\.[a-z0-9-]+$/);
      if (rule.severity === 'error') expect(rule).toHaveProperty('kind');
    }
  });
});
