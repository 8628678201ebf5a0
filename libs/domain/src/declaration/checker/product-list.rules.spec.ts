import type { Declaration } from '../declaration.schema';
import { evaluateCompleteDeclarationWith, findingsWithRule, type RuleCase } from './declaration.fixture';

function productScope(d: Declaration): void {
  d.company.scope = 'product';
}

const cases: RuleCase[] = [
  {
    given: 'a product-scope declaration with an empty Product List',
    arrange: productScope,
    expected: {
      ruleId: 'checker.product-list',
      severity: 'error',
      kind: 'incomplete',
      field: 'products[0].number',
      cell: 'Product List!B6',
    },
    fix: (d) => (d.products = [{ number: 'P-100', name: 'Connector' }]),
  },
  {
    given: 'a product-scope declaration whose first product number (B6) is the literal "0"',
    arrange: (d) => {
      productScope(d);
      d.products = [{ row: 6, number: '0', name: 'Connector' }];
    },
    expected: { ruleId: 'checker.product-list', severity: 'error', field: 'products[0].number', cell: 'Product List!B6' },
    fix: (d) => (d.products[0].number = 'P-100'),
  },
  {
    given: 'a product-scope declaration whose products start at row 7, leaving B6 empty',
    arrange: (d) => {
      productScope(d);
      d.products = [{ row: 7, number: 'P-100' }];
    },
    expected: { ruleId: 'checker.product-list', severity: 'error', field: 'products', cell: 'Product List!B6' },
    fix: (d) => d.products.unshift({ row: 6, number: 'P-099' }),
  },
  {
    given: 'a product-scope declaration with a second product that has a name but no number',
    arrange: (d) => {
      productScope(d);
      d.products = [{ number: 'P-100' }, { name: 'Connector housing' }];
    },
    expected: {
      ruleId: 'review.product-number-missing',
      severity: 'error',
      kind: 'incomplete',
      field: 'products[1].number',
      cell: 'Product List!B7',
    },
    fix: (d) => (d.products[1].number = 'P-101'),
  },
  {
    given: 'a company-scope declaration that lists products',
    arrange: (d) => (d.products = [{ number: 'P-100' }, { number: 'P-101' }]),
    expected: { ruleId: 'review.products-outside-product-scope', severity: 'info', field: 'products[0].number', cell: 'Product List!B6' },
    fix: productScope,
  },
];

describe('Product List rules', () => {
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

  it('given a product-scope declaration with numbered products and a blank trailing row, when evaluated, then no finding', () => {
    const findings = evaluateCompleteDeclarationWith((d) => {
      productScope(d);
      d.products = [{ number: 'P-100' }, { number: 'P-101', name: 'Housing' }, { name: ' ', comments: '0' }];
    });
    expect(findings).toEqual([]);
  });

  it('given a user-defined scope with a description and no products, when evaluated, then the Product List is not required', () => {
    const findings = evaluateCompleteDeclarationWith((d) => {
      d.company.scope = 'user-defined';
      d.company.scopeDescription = 'Automotive connector family X';
    });
    expect(findings).toEqual([]);
  });
});
