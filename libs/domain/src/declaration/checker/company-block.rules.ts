import { COMPANY_CELLS, companyCell } from '../cell-map';
import type { CompanyBlock, Declaration } from '../declaration.schema';
import type { Finding } from '../finding';
import type { EvaluationContext } from './evaluate-declaration';
import { finding, type RuleId } from './rule-catalogue';
import { isBlank, isPlaceholder, isSameAsReference, present, quoted } from './text';
import { calendarDay, isPlausibleEmail, parseEffectiveDate } from './value-formats';

/** Company information block, Declaration D8-D22 (domain.md §1.2; Checker rows 4-12; review §5). */

type CompanyField = keyof CompanyBlock;

function companyFinding(ruleId: RuleId, field: CompanyField, message: string, kind?: Finding['kind']): Finding {
  return finding(ruleId, { field: `company.${field}`, cell: companyCell(field), message, ...(kind ? { kind } : {}) });
}

/** Where the Checker's "always required, fails when blank" cells are, with the supplier-facing wording. */
const REQUIRED_CELLS: ReadonlyArray<{ ruleId: RuleId; field: CompanyField; what: string }> = [
  { ruleId: 'checker.company-name', field: 'name', what: 'your company name' },
  { ruleId: 'checker.declaration-scope', field: 'scope', what: 'the declaration scope (Company, Product or User defined)' },
  { ruleId: 'checker.contact-name', field: 'contactName', what: 'the name of the contact person' },
  { ruleId: 'checker.contact-phone', field: 'contactPhone', what: 'a phone number for the contact person' },
  { ruleId: 'checker.authorizer', field: 'authorizer', what: 'the name of the authorized company representative' },
  { ruleId: 'checker.effective-date', field: 'effectiveDate', what: 'the date the form was completed (DD-MMM-YYYY)' },
];

function requiredCells(company: CompanyBlock): Finding[] {
  return REQUIRED_CELLS.filter(({ field }) => isBlank(company[field])).map(({ ruleId, field, what }) =>
    companyFinding(ruleId, field, `Provide ${what} on the Declaration tab cell ${COMPANY_CELLS[field]}.`),
  );
}

/** Checker row 6: the description is required when the scope is neither A (company) nor B (product). */
function scopeDescription(company: CompanyBlock): Finding[] {
  if (company.scope !== 'user-defined' || !isBlank(company.scopeDescription)) return [];
  return [
    companyFinding(
      'checker.scope-description',
      'scopeDescription',
      'Provide a description of the scope on the Declaration tab cell D10: the scope is "User defined".',
    ),
  ];
}

const EMAIL_CELLS: ReadonlyArray<{ field: 'contactEmail' | 'authorizerEmail'; checker: RuleId; format: RuleId; whose: string }> = [
  { field: 'contactEmail', checker: 'checker.contact-email', format: 'review.contact-email-format', whose: 'the contact person' },
  {
    field: 'authorizerEmail',
    checker: 'checker.authorizer-email',
    format: 'review.authorizer-email-format',
    whose: 'the authorized company representative',
  },
];

/** Checker rows 8 and 11 ("@" test), then the review's plausibility check for what passes it. */
function emails(company: CompanyBlock): Finding[] {
  return EMAIL_CELLS.flatMap(({ field, checker, format, whose }) => {
    const cell = COMPANY_CELLS[field];
    const value = present(company[field]);
    if (value === undefined) {
      return [companyFinding(checker, field, `Provide an e-mail address for ${whose} on the Declaration tab cell ${cell}.`)];
    }
    if (!value.includes('@')) {
      return [
        companyFinding(
          checker,
          field,
          `Provide a valid e-mail address for ${whose} on the Declaration tab cell ${cell}: ${quoted(value)} contains no "@".`,
          'inaccurate',
        ),
      ];
    }
    if (!isPlausibleEmail(value)) {
      return [
        companyFinding(
          format,
          field,
          `Check the e-mail address for ${whose} on the Declaration tab cell ${cell}: ${quoted(value)} is not a valid address (look for a comma instead of a dot, a missing domain or spaces).`,
        ),
      ];
    }
    return [];
  });
}

/** Review §5: "same" / "n/a" instead of a person. The template forbids "same" for the authorizer. */
function placeholderPeople(company: CompanyBlock): Finding[] {
  const findings: Finding[] = [];
  for (const field of ['contactName', 'contactPhone'] as const) {
    const value = company[field];
    if (isSameAsReference(value) || isPlaceholder(value)) {
      findings.push(
        companyFinding(
          'review.contact-placeholder',
          field,
          `Give the actual contact details on the Declaration tab cell ${COMPANY_CELLS[field]} instead of ${quoted(value)}.`,
        ),
      );
    }
  }
  if (isSameAsReference(company.authorizer)) {
    findings.push(
      companyFinding(
        'review.authorizer-same',
        'authorizer',
        `Enter the authorized company representative's name on the Declaration tab cell D18: ${quoted(company.authorizer)} is not allowed.`,
      ),
    );
  } else if (isPlaceholder(company.authorizer)) {
    findings.push(
      companyFinding(
        'review.authorizer-placeholder',
        'authorizer',
        `Enter the authorized company representative's name on the Declaration tab cell D18 instead of ${quoted(company.authorizer)}.`,
      ),
    );
  }
  return findings;
}

/** The template's data validation accepts dates after 31-Dec-2006 (serial > 39082). */
const EARLIEST_EFFECTIVE_DATE = '2007-01-01';

function effectiveDate(company: CompanyBlock, context: EvaluationContext): Finding[] {
  const raw = present(company.effectiveDate);
  if (raw === undefined) return [];
  const date = parseEffectiveDate(raw);
  if (date === undefined) {
    return [
      companyFinding(
        'review.effective-date-unparseable',
        'effectiveDate',
        `Enter the effective date on the Declaration tab cell D22 as a date in DD-MMM-YYYY format (e.g. 02-May-2024): ${quoted(raw)} is not a date.`,
      ),
    ];
  }
  if (date < EARLIEST_EFFECTIVE_DATE) {
    return [
      companyFinding(
        'review.effective-date-too-early',
        'effectiveDate',
        `Correct the effective date on the Declaration tab cell D22: ${date} is before 1-Jan-2007, which the template does not accept.`,
      ),
    ];
  }
  const received = calendarDay(context.receivedAt);
  if (received !== undefined && date > received) {
    return [
      companyFinding(
        'review.effective-date-in-future',
        'effectiveDate',
        `Check the effective date on the Declaration tab cell D22: ${date} is after the day the response was received (${received}).`,
      ),
    ];
  }
  return outdatedEffectiveDate(date, context);
}

/**
 * A declaration is about the reporting period: one dated before the period began, or more than
 * twelve months before we asked, describes an older supply chain (a copy of last year's answer).
 */
function outdatedEffectiveDate(date: string, context: EvaluationContext): Finding[] {
  const periodStart = context.period !== undefined ? `${context.period}-01-01` : undefined;
  // Counted back from the request; an answer recorded as received before it (keyed in late) from its receipt.
  const received = calendarDay(context.receivedAt);
  const asked =
    context.requestedOn !== undefined && received !== undefined && received < context.requestedOn ? received : context.requestedOn;
  const yearBeforeRequest = asked !== undefined ? twelveMonthsBefore(asked) : undefined;
  let why: string | undefined;
  if (periodStart !== undefined && date < periodStart) why = `before the reporting period ${context.period}`;
  else if (yearBeforeRequest !== undefined && date < yearBeforeRequest) {
    why = `more than twelve months before the request of ${asked}`;
  }
  if (why === undefined) return [];
  return [
    companyFinding(
      'review.effective-date-outdated',
      'effectiveDate',
      `Send a current declaration: the effective date on the Declaration tab cell D22 (${date}) is ${why}.`,
    ),
  ];
}

function twelveMonthsBefore(day: string): string {
  const [year, month, date] = day.split('-');
  return `${Number(year) - 1}-${month}-${date}`;
}

export function checkCompanyBlock(declaration: Declaration, context: EvaluationContext): Finding[] {
  const { company } = declaration;
  return [
    ...requiredCells(company),
    ...scopeDescription(company),
    ...emails(company),
    ...placeholderPeople(company),
    ...effectiveDate(company, context),
  ];
}
