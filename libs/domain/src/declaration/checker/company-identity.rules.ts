import { nameSimilarity } from '../../smelter/smelter-name';
import type { Declaration } from '../declaration.schema';
import type { Finding } from '../finding';
import { finding } from './rule-catalogue';
import { isBlank } from './text';

/** Below this word overlap (legal forms ignored) the names are taken to be different companies. */
const SAME_COMPANY = 0.5;

/**
 * A file filed under the wrong supplier is an inconsistency a reviewer must see: the company in D8
 * should be the supplier the response is recorded for. Only a warning, because registered names and
 * legal names legitimately differ ("Acme" and "Acme Components GmbH" overlap and pass).
 */
export function checkCompanyIdentity(declaration: Declaration, expectedCompanyName: string | undefined): Finding[] {
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
