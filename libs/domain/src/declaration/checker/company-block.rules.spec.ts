import type { Declaration } from '../declaration.schema';
import { evaluateCompleteDeclarationWith, findingsWithRule, fixtureContext, type RuleCase } from './declaration.fixture';

const cases: RuleCase[] = [
  {
    given: 'a blank company name',
    arrange: (d) => (d.company.name = undefined),
    expected: { ruleId: 'checker.company-name', severity: 'error', kind: 'incomplete', field: 'company.name', cell: 'Declaration!D8' },
    fix: (d) => (d.company.name = 'Acme Components GmbH'),
  },
  {
    given: 'a company name of only a tab and spaces',
    arrange: (d) => (d.company.name = ' \t '),
    expected: { ruleId: 'checker.company-name', severity: 'error', field: 'company.name', cell: 'Declaration!D8' },
    fix: (d) => (d.company.name = 'Acme Components GmbH'),
  },
  {
    given: 'a company name that is the literal "0" left by a pasted formula',
    arrange: (d) => (d.company.name = '0'),
    expected: { ruleId: 'checker.company-name', severity: 'error', field: 'company.name', cell: 'Declaration!D8' },
    fix: (d) => (d.company.name = 'Acme Components GmbH'),
  },
  {
    given: 'no declaration scope',
    arrange: (d) => (d.company.scope = undefined),
    expected: {
      ruleId: 'checker.declaration-scope',
      severity: 'error',
      kind: 'incomplete',
      field: 'company.scope',
      cell: 'Declaration!D9',
    },
    fix: (d) => (d.company.scope = 'company'),
  },
  {
    given: 'a user-defined scope without description',
    arrange: (d) => (d.company.scope = 'user-defined'),
    expected: {
      ruleId: 'checker.scope-description',
      severity: 'error',
      kind: 'incomplete',
      field: 'company.scopeDescription',
      cell: 'Declaration!D10',
    },
    fix: (d) => (d.company.scopeDescription = 'All connector product lines'),
  },
  {
    given: 'a blank contact name',
    arrange: (d) => (d.company.contactName = ''),
    expected: {
      ruleId: 'checker.contact-name',
      severity: 'error',
      kind: 'incomplete',
      field: 'company.contactName',
      cell: 'Declaration!D15',
    },
    fix: (d) => (d.company.contactName = 'Maria Keller'),
  },
  {
    given: 'a blank contact e-mail',
    arrange: (d) => (d.company.contactEmail = undefined),
    expected: {
      ruleId: 'checker.contact-email',
      severity: 'error',
      kind: 'incomplete',
      field: 'company.contactEmail',
      cell: 'Declaration!D16',
    },
    fix: (d) => (d.company.contactEmail = 'maria.keller@acme-components.example'),
  },
  {
    given: 'a contact e-mail "n/a" without "@"',
    arrange: (d) => (d.company.contactEmail = 'n/a'),
    expected: {
      ruleId: 'checker.contact-email',
      severity: 'error',
      kind: 'inaccurate',
      field: 'company.contactEmail',
      cell: 'Declaration!D16',
    },
    fix: (d) => (d.company.contactEmail = 'maria.keller@acme-components.example'),
  },
  {
    given: 'a blank contact phone',
    arrange: (d) => (d.company.contactPhone = undefined),
    expected: {
      ruleId: 'checker.contact-phone',
      severity: 'error',
      kind: 'incomplete',
      field: 'company.contactPhone',
      cell: 'Declaration!D17',
    },
    fix: (d) => (d.company.contactPhone = '+49 711 000000'),
  },
  {
    given: 'a blank authorizer',
    arrange: (d) => (d.company.authorizer = undefined),
    expected: { ruleId: 'checker.authorizer', severity: 'error', kind: 'incomplete', field: 'company.authorizer', cell: 'Declaration!D18' },
    fix: (d) => (d.company.authorizer = 'Jonas Weber'),
  },
  {
    given: 'an authorizer e-mail without "@"',
    arrange: (d) => (d.company.authorizerEmail = 'jonas.weber'),
    expected: {
      ruleId: 'checker.authorizer-email',
      severity: 'error',
      kind: 'inaccurate',
      field: 'company.authorizerEmail',
      cell: 'Declaration!D20',
    },
    fix: (d) => (d.company.authorizerEmail = 'jonas.weber@acme-components.example'),
  },
  {
    given: 'a blank effective date',
    arrange: (d) => (d.company.effectiveDate = undefined),
    expected: {
      ruleId: 'checker.effective-date',
      severity: 'error',
      kind: 'incomplete',
      field: 'company.effectiveDate',
      cell: 'Declaration!D22',
    },
    fix: (d) => (d.company.effectiveDate = '10-May-2024'),
  },
  {
    given: 'a contact name "same"',
    arrange: (d) => (d.company.contactName = 'same'),
    expected: {
      ruleId: 'review.contact-placeholder',
      severity: 'warning',
      kind: 'inaccurate',
      field: 'company.contactName',
      cell: 'Declaration!D15',
    },
    fix: (d) => (d.company.contactName = 'Maria Keller'),
  },
  {
    given: 'a contact phone "N/A"',
    arrange: (d) => (d.company.contactPhone = 'N/A'),
    expected: { ruleId: 'review.contact-placeholder', severity: 'warning', field: 'company.contactPhone', cell: 'Declaration!D17' },
    fix: (d) => (d.company.contactPhone = '+49 711 000000'),
  },
  {
    given: 'an authorizer "Same as above"',
    arrange: (d) => (d.company.authorizer = 'Same as above'),
    expected: {
      ruleId: 'review.authorizer-same',
      severity: 'error',
      kind: 'inaccurate',
      field: 'company.authorizer',
      cell: 'Declaration!D18',
    },
    fix: (d) => (d.company.authorizer = 'Jonas Weber'),
  },
  {
    given: 'an authorizer "n/a"',
    arrange: (d) => (d.company.authorizer = 'n/a'),
    expected: {
      ruleId: 'review.authorizer-placeholder',
      severity: 'warning',
      kind: 'inaccurate',
      field: 'company.authorizer',
      cell: 'Declaration!D18',
    },
    fix: (d) => (d.company.authorizer = 'Jonas Weber'),
  },
  {
    given: 'a contact e-mail with a comma instead of a dot ("contact,c@example.com")',
    arrange: (d) => (d.company.contactEmail = 'contact,c@example.com'),
    expected: {
      ruleId: 'review.contact-email-format',
      severity: 'warning',
      kind: 'inaccurate',
      field: 'company.contactEmail',
      cell: 'Declaration!D16',
    },
    fix: (d) => (d.company.contactEmail = 'contact.c@example.com'),
  },
  {
    given: 'an authorizer e-mail without a domain',
    arrange: (d) => (d.company.authorizerEmail = 'jonas.weber@acme'),
    expected: {
      ruleId: 'review.authorizer-email-format',
      severity: 'warning',
      kind: 'inaccurate',
      field: 'company.authorizerEmail',
      cell: 'Declaration!D20',
    },
    fix: (d) => (d.company.authorizerEmail = 'jonas.weber@acme.example'),
  },
  {
    given: 'an effective date that is not a date',
    arrange: (d) => (d.company.effectiveDate = 'last week'),
    expected: {
      ruleId: 'review.effective-date-unparseable',
      severity: 'error',
      kind: 'inaccurate',
      field: 'company.effectiveDate',
      cell: 'Declaration!D22',
    },
    fix: (d) => (d.company.effectiveDate = '02-May-2024'),
  },
  {
    given: 'an effective date before 2007',
    arrange: (d) => (d.company.effectiveDate = '2006-12-31'),
    expected: {
      ruleId: 'review.effective-date-too-early',
      severity: 'error',
      kind: 'inaccurate',
      field: 'company.effectiveDate',
      cell: 'Declaration!D22',
    },
    fix: (d) => (d.company.effectiveDate = '01-Jan-2007'),
  },
  {
    given: 'an effective date after the day the response was received',
    arrange: (d) => (d.company.effectiveDate = '2024-06-04'),
    expected: { ruleId: 'review.effective-date-in-future', severity: 'warning', field: 'company.effectiveDate', cell: 'Declaration!D22' },
    fix: (d) => (d.company.effectiveDate = '2024-06-03'),
  },
];

describe('company block rules (Declaration D8-D22)', () => {
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

  it('given a blank company name, when evaluated, then the message names the cell like the RMI Checker does', () => {
    const [finding] = findingsWithRule(
      evaluateCompleteDeclarationWith((d) => (d.company.name = undefined)),
      'checker.company-name',
    );
    expect(finding.message).toBe('Provide your company name on the Declaration tab cell D8.');
  });

  it.each<[string, Declaration['company']['scope']]>([
    ['company', 'company'],
    ['product', 'product'],
  ])('given a %s scope without description, when evaluated, then D10 is not required', (_label, scope) => {
    const findings = evaluateCompleteDeclarationWith((d) => {
      d.company.scope = scope;
      d.products = [{ number: 'P-100' }];
    });
    expect(findingsWithRule(findings, 'checker.scope-description')).toEqual([]);
  });

  it.each([
    'maria.keller@acme-components.example',
    ' maria.keller@acme-components.example\t',
    'a@x.example; b@y.example',
    'MAILTO:maria@acme.example',
  ])('given the plausible contact e-mail %j, when evaluated, then no e-mail finding', (email) => {
    const findings = evaluateCompleteDeclarationWith((d) => (d.company.contactEmail = email));
    expect(findings.filter((f) => f.field === 'company.contactEmail')).toEqual([]);
  });

  it.each(['maria@acme', 'maria keller@acme.example', 'maria@@acme.example', 'maria@acme,example'])(
    'given the implausible contact e-mail %j that passes the "@" test, when evaluated, then a warning and no Checker error',
    (email) => {
      const findings = evaluateCompleteDeclarationWith((d) => (d.company.contactEmail = email));
      expect(findings.filter((f) => f.field === 'company.contactEmail').map((f) => [f.ruleId, f.severity])).toEqual([
        ['review.contact-email-format', 'warning'],
      ]);
    },
  );

  it.each(['2024-05-10', '10-May-2024', '10 May 2024', 'May 10, 2024', '45422', '2024-05-10T00:00:00.000Z'])(
    'given the effective date %j, when evaluated, then it is read as a date without finding',
    (effectiveDate) => {
      const findings = evaluateCompleteDeclarationWith((d) => (d.company.effectiveDate = effectiveDate));
      expect(findings.filter((f) => f.field === 'company.effectiveDate')).toEqual([]);
    },
  );

  it('given a day/month-ambiguous effective date "05/10/2024", when evaluated, then it is reported as unparseable rather than guessed', () => {
    const findings = evaluateCompleteDeclarationWith((d) => (d.company.effectiveDate = '05/10/2024'));
    expect(findingsWithRule(findings, 'review.effective-date-unparseable')).toHaveLength(1);
  });

  it('given a receipt time whose UTC day is earlier than its written day, when evaluated, then the written day counts', () => {
    const findings = evaluateCompleteDeclarationWith(
      (d) => (d.company.effectiveDate = '2024-06-04'),
      fixtureContext({ receivedAt: '2024-06-04T07:00:00+09:00' }),
    );
    expect(findingsWithRule(findings, 'review.effective-date-in-future')).toEqual([]);
  });
});

describe('an outdated effective date (D22)', () => {
  const outdated = (effectiveDate: string, context: { period?: number; requestedOn?: string; receivedAt?: string }) =>
    findingsWithRule(
      evaluateCompleteDeclarationWith((d) => (d.company.effectiveDate = effectiveDate), fixtureContext(context)),
      'review.effective-date-outdated',
    );

  it('given the 2024 period and a declaration dated 31-Dec-2023, then an outdated error asking for a current declaration', () => {
    expect(outdated('2023-12-31', { period: 2024 })).toEqual([
      {
        ruleId: 'review.effective-date-outdated',
        severity: 'error',
        kind: 'outdated',
        field: 'company.effectiveDate',
        cell: 'Declaration!D22',
        message:
          'Send a current declaration: the effective date on the Declaration tab cell D22 (2023-12-31) is before the reporting period 2024.',
      },
    ]);
  });

  it('given a request of 8-Jan-2025, then a date more than twelve months before it is outdated, one exactly twelve months before is not', () => {
    const receivedAt = '2025-01-20T09:00:00Z';
    expect(outdated('2024-01-07', { requestedOn: '2025-01-08', receivedAt })).toEqual([
      expect.objectContaining({ message: expect.stringContaining('more than twelve months before the request of 2025-01-08') }),
    ]);
    expect(outdated('2024-01-08', { requestedOn: '2025-01-08', receivedAt })).toEqual([]);
  });

  it('given a date within the period and the year before the request, or no period or request to judge by, then nothing', () => {
    expect(outdated('2024-01-01', { period: 2024, requestedOn: '2025-01-01' })).toEqual([]);
    expect(outdated('2019-05-01', {})).toEqual([]);
  });
});

describe('an outdated effective date, for an answer recorded as received before the request was sent', () => {
  it('given a receipt of 14-Jun-2024 keyed in under a request of 30-Nov-2026, then twelve months count back from the receipt', () => {
    const findings = evaluateCompleteDeclarationWith(
      (d) => (d.company.effectiveDate = '2024-05-30'),
      fixtureContext({ receivedAt: '2024-06-14T09:00:00Z', requestedOn: '2026-11-30' }),
    );
    expect(findingsWithRule(findings, 'review.effective-date-outdated')).toEqual([]);
  });
});
