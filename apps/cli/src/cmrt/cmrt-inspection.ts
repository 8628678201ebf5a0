import {
  COMPANY_CELLS,
  DECLARATION_SHEET,
  METALS,
  evaluateDeclaration,
  inScopeMetals,
  sortFindings,
  summariseFindings,
  type CompanyBlock,
  type Finding,
  type Metal,
} from '@dd/domain';
import type { CmrtFile } from '@dd/engine';

/** What `cmrt inspect` shows: the file as read and every finding, without a store. */
export interface CmrtInspection {
  file: { fileName: string; size: number; sha256: string };
  templateVersion: string;
  language: string;
  company: CompanyBlock;
  inScopeMetals: Metal[];
  smelters: { rows: number; byMetal: Partial<Record<Metal, number>> };
  products: number;
  findingCounts: { error: number; warning: number; 'red-flag': number; info: number };
  /** Follow-ups the error findings would open. */
  followUpKinds: string[];
  findings: Finding[];
  declaration: CmrtFile['read']['declaration'];
}

export function inspectCmrt(cmrt: CmrtFile, receivedAt: string): CmrtInspection {
  const { declaration, readerFindings } = cmrt.read;
  const findings = sortFindings([...readerFindings, ...evaluateDeclaration(declaration, { receivedAt })]);
  const summary = summariseFindings(findings);
  const byMetal: Partial<Record<Metal, number>> = {};
  for (const row of declaration.smelters) if (row.metal) byMetal[row.metal] = (byMetal[row.metal] ?? 0) + 1;
  return {
    file: { fileName: cmrt.source.fileName, size: cmrt.source.size, sha256: cmrt.source.sha256 },
    templateVersion: cmrt.read.templateVersion,
    language: cmrt.read.language,
    company: declaration.company,
    inScopeMetals: inScopeMetals(declaration),
    smelters: { rows: declaration.smelters.length, byMetal },
    products: declaration.products.length,
    findingCounts: { error: summary.errors, warning: summary.warnings, 'red-flag': summary.redFlags, info: summary.infos },
    followUpKinds: summary.followUpKinds,
    findings,
    declaration,
  };
}

const COMPANY_LABELS: Record<keyof CompanyBlock, string> = {
  name: 'Company name',
  scope: 'Declaration scope',
  scopeDescription: 'Description of scope',
  uniqueId: 'Company unique ID',
  uniqueIdAuthority: 'Unique ID authority',
  address: 'Address',
  contactName: 'Contact name',
  contactEmail: 'Contact e-mail',
  contactPhone: 'Contact phone',
  authorizer: 'Authorizer',
  authorizerTitle: 'Authorizer title',
  authorizerEmail: 'Authorizer e-mail',
  authorizerPhone: 'Authorizer phone',
  effectiveDate: 'Effective date',
};

/** The company block as "label (cell): value" lines, blanks shown as such. */
export function companyLines(company: CompanyBlock): Array<[string, string]> {
  return (Object.keys(COMPANY_LABELS) as Array<keyof CompanyBlock>).map((field) => [
    `${COMPANY_LABELS[field]} (${DECLARATION_SHEET}!${COMPANY_CELLS[field]})`,
    company[field] ?? '(blank)',
  ]);
}

export function metalCounts(byMetal: Partial<Record<Metal, number>>): string {
  const parts = METALS.filter((metal) => byMetal[metal]).map((metal) => `${metal} ${byMetal[metal]}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
