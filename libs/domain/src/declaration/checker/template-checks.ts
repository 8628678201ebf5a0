import { PRODUCT_FIRST_ROW, productCell, smelterCell, SMELTER_FIRST_ROW } from '../cell-map';
import type { CompanyBlock, ProductRow, SmelterRow } from '../declaration.schema';
import type { Finding } from '../finding';
import { templateFinding, type TemplateRuleId } from './template-rule-catalogue';
import { comparable, isBlank, present, quoted } from './text';

/**
 * Checker rules the EMRT and AMRT share with the CMRT's in substance (company block, "Smelter not
 * listed" rows, Product List B6), written once over each template's cells and rule ids.
 */

export const SMELTER_NOT_LISTED = 'Smelter not listed';

type CompanyRule =
  | 'company-name'
  | 'declaration-scope'
  | 'scope-description'
  | 'contact-name'
  | 'contact-email'
  | 'contact-phone'
  | 'authorizer'
  | 'authorizer-email'
  | 'effective-date';

export interface CompanyBlockCheck {
  /** Rule id per company rule, e.g. 'contact-name' -> 'emrt.checker.contact-name'. */
  ruleIds: Record<CompanyRule, TemplateRuleId>;
  /** The template's cell per field, e.g. contactName -> "D19". */
  cells: Record<keyof CompanyBlock, string>;
}

const REQUIRED: ReadonlyArray<{ rule: CompanyRule; field: keyof CompanyBlock; what: string }> = [
  { rule: 'company-name', field: 'name', what: 'your company name' },
  { rule: 'declaration-scope', field: 'scope', what: 'the declaration scope (Company, Product or User defined)' },
  { rule: 'contact-name', field: 'contactName', what: 'the name of the contact person' },
  { rule: 'contact-phone', field: 'contactPhone', what: 'a phone number for the contact person' },
  { rule: 'authorizer', field: 'authorizer', what: 'the name of the authorized company representative' },
  { rule: 'effective-date', field: 'effectiveDate', what: 'the date the form was completed (DD-MMM-YYYY)' },
];

const EMAILS: ReadonlyArray<{ rule: CompanyRule; field: 'contactEmail' | 'authorizerEmail'; whose: string }> = [
  { rule: 'contact-email', field: 'contactEmail', whose: 'the contact person' },
  { rule: 'authorizer-email', field: 'authorizerEmail', whose: 'the authorized company representative' },
];

/** Required company cells, the description a user-defined scope needs, and the "@" test on both e-mails. */
export function checkCompanyCells(company: CompanyBlock, check: CompanyBlockCheck): Finding[] {
  const at = (field: keyof CompanyBlock) => `Declaration!${check.cells[field]}`;
  const findings: Finding[] = REQUIRED.filter(({ field }) => isBlank(company[field])).map(({ rule, field, what }) =>
    templateFinding(check.ruleIds[rule], {
      field: `company.${field}`,
      cell: at(field),
      message: `Provide ${what} on the Declaration tab cell ${check.cells[field]}.`,
    }),
  );
  if (company.scope === 'user-defined' && isBlank(company.scopeDescription)) {
    findings.push(
      templateFinding(check.ruleIds['scope-description'], {
        field: 'company.scopeDescription',
        cell: at('scopeDescription'),
        message: `Provide a description of the scope on the Declaration tab cell ${check.cells.scopeDescription}: the scope is "User defined".`,
      }),
    );
  }
  for (const { rule, field, whose } of EMAILS) {
    const value = present(company[field]);
    if (value !== undefined && value.includes('@')) continue;
    findings.push(
      templateFinding(check.ruleIds[rule], {
        field: `company.${field}`,
        cell: at(field),
        message:
          value === undefined
            ? `Provide an e-mail address for ${whose} on the Declaration tab cell ${check.cells[field]}.`
            : `Provide a valid e-mail address for ${whose} on the Declaration tab cell ${check.cells[field]}: ${quoted(value)} contains no "@".`,
        ...(value === undefined ? {} : { kind: 'inaccurate' as const }),
      }),
    );
  }
  return findings;
}

/** A Smelter List row of any template: the metal column holds a mineral (or its name). */
export type AnySmelterRow = Omit<SmelterRow, 'metal'> & { metal?: string };

/** Rows with their worksheet row (the recorded one, else the position below the header). */
export function smelterRows(smelters: readonly AnySmelterRow[]): { smelter: AnySmelterRow; index: number; row: number }[] {
  return smelters.map((smelter, index) => ({ smelter, index, row: smelter.row ?? SMELTER_FIRST_ROW + index }));
}

/** Where a missing smelter would go: the first row below the last one used. */
export function nextFreeSmelterRow(smelters: readonly AnySmelterRow[], lastRow: number): number {
  const last = smelterRows(smelters).reduce((max, { row }) => Math.max(max, row), SMELTER_FIRST_ROW - 1);
  return Math.min(last + 1, lastRow);
}

/** Checker: a "Smelter not listed" row needs the smelter's name (D) and country (E). */
export function checkSmelterNotListed(smelters: readonly AnySmelterRow[], ruleId: TemplateRuleId): Finding[] {
  const findings: Finding[] = [];
  for (const { smelter, index, row } of smelterRows(smelters)) {
    if (comparable(smelter.lookupName) !== comparable(SMELTER_NOT_LISTED)) continue;
    for (const [column, what] of [
      ['name', 'name'],
      ['country', 'country'],
    ] as const) {
      if (!isBlank(smelter[column])) continue;
      findings.push(
        templateFinding(ruleId, {
          field: `smelters[${index}].${column}`,
          cell: smelterCell(column, row),
          message: `Enter the smelter ${what} on the Smelter List tab cell ${column === 'name' ? 'D' : 'E'}${row}: the row says "${SMELTER_NOT_LISTED}".`,
        }),
      );
    }
  }
  return findings;
}

/** Checker: scope B ("Product (or List of Products)") needs 'Product List'!B6. */
export function checkProductListStart(scope: CompanyBlock['scope'], products: readonly ProductRow[], ruleId: TemplateRuleId): Finding[] {
  if (scope !== 'product') return [];
  const index = products.findIndex((product, position) => (product.row ?? PRODUCT_FIRST_ROW + position) === PRODUCT_FIRST_ROW);
  if (index >= 0 && !isBlank(products[index].number)) return [];
  return [
    templateFinding(ruleId, {
      field: index >= 0 ? `products[${index}].number` : 'products[0].number',
      cell: productCell('number', PRODUCT_FIRST_ROW),
      message: `Provide at least one product number on the Product List tab, starting in cell B${PRODUCT_FIRST_ROW}: the declaration scope is "Product (or List of Products)".`,
    }),
  ];
}
