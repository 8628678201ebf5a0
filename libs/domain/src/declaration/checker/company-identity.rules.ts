import { nameSimilarity } from '../../smelter/smelter-name';
import type { Declaration } from '../declaration.schema';
import type { Finding } from '../finding';
import { finding } from './rule-catalogue';
import { isBlank } from './text';

/** Below this word overlap (legal forms ignored) the names are taken to be different companies. */
const SAME_COMPANY = 0.5;

/**
 * A workbook naming another company in D8 is not this supplier's answer (a customer's file passed on,
 * a file filed under the wrong supplier): an error that makes the response unusable and asks for the
 * supplier's own (response-usability.ts). Registered and legal names legitimately differ, so only
 * names that share less than half their words count ("Acme" and "Acme Components GmbH" overlap and pass).
 */
export function checkCompanyIdentity(declaration: Pick<Declaration, 'company'>, expectedCompanyName: string | undefined): Finding[] {
  const name = declaration.company.name;
  if (!expectedCompanyName || isBlank(name) || nameSimilarity(name!, expectedCompanyName) >= SAME_COMPANY) return [];
  return [
    finding('review.company-name-mismatch', {
      field: 'company.name',
      cell: 'Declaration!D8',
      message: `The company in D8 ("${name!.trim()}") does not look like ${expectedCompanyName}, the supplier this response was recorded for.`,
    }),
  ];
}
