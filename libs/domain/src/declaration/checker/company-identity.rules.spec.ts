import { completeDeclaration, fixtureContext } from './declaration.fixture';
import { evaluateDeclaration } from './evaluate-declaration';

describe('the company in D8 and the supplier the response is recorded for', () => {
  const findingsFor = (name: string, expectedCompanyName?: string) => {
    const declaration = completeDeclaration();
    declaration.company.name = name;
    return evaluateDeclaration(declaration, fixtureContext({ expectedCompanyName })).filter(
      (f) => f.ruleId === 'review.company-name-mismatch',
    );
  };

  it("given another company's file, then an error at Declaration!D8 that makes the response unusable", () => {
    expect(findingsFor('Central Glass Co., Ltd.', 'JX Advanced Metals Corporation')).toEqual([
      {
        ruleId: 'review.company-name-mismatch',
        severity: 'error',
        kind: 'unusable',
        field: 'company.name',
        cell: 'Declaration!D8',
        message: expect.stringContaining('JX Advanced Metals Corporation'),
      },
    ]);
  });

  it('given the same company under its legal or short name, then nothing', () => {
    expect(findingsFor('Acme Components GmbH', 'Acme Components')).toEqual([]);
    expect(findingsFor('JX ADVANCED METALS CORPORATION', 'JX Advanced Metals Corporation')).toEqual([]);
    expect(findingsFor('Acme Components GmbH')).toEqual([]);
  });
});
