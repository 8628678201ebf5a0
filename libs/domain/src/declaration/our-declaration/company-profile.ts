import { z } from 'zod';
import { SingleLineText } from '../../shared/text';

/**
 * Who we are, for the company block of the declarations we give our customers (CMRT Declaration
 * D8-D21; domain.md §1.2) and the one company answer no record of ours holds: whether we must file
 * an annual conflict minerals disclosure (question H, a legal status). Kept in a JSON file the
 * company maintains (DD_COMPANY_FILE); every field is checked with an error that names it.
 */
/** One line, no control or bidirectional characters (shared/text.ts): it goes into a file our customers read. */
const Text = (max = 200) => SingleLineText.min(1, 'must not be empty').max(max);
const Email = z.email('expected an e-mail address, e.g. compliance@example.com');

/** The CMRT's Checker refuses "same" for the authorizer (domain.md §1.2): a person must sign. */
const NOT_A_PLACEHOLDER = /^(same|same as above|n\/?a|none|-)$/i;

export const ANNUAL_DISCLOSURES = ['Yes, with the SEC', 'Yes, with the EU', 'Yes, with the SEC and the EU', 'No'] as const;

export const CompanyProfile = z
  .object({
    /** Legal name, no abbreviations (D8). */
    name: Text(),
    /**
     * A. Company (default): every product of ours; B. Product: the products listed in `products`
     * (or, without that list, every product with a 3TG necessary), written on the Product List.
     */
    scope: z.enum(['company', 'product']).default('company'),
    /** Product ids of the product-level declaration (scope "product"). */
    products: z.array(Text(100)).min(1).optional(),
    uniqueId: Text().optional(),
    uniqueIdAuthority: Text().optional(),
    address: Text(500).optional(),
    contact: z.object({ name: Text(), email: Email, phone: Text(50) }).strict(),
    authorizer: z
      .object({
        name: Text().refine((name) => !NOT_A_PLACEHOLDER.test(name), 'must name a person, not "same" or "n/a"'),
        title: Text().optional(),
        email: Email,
        phone: Text(50).optional(),
      })
      .strict(),
    /** Question H: is the company required to file an annual conflict minerals disclosure? */
    annualDisclosure: z.enum(ANNUAL_DISCLOSURES),
  })
  .strict()
  .refine((profile) => profile.products === undefined || profile.scope === 'product', {
    path: ['products'],
    message: 'lists the products of a product-level declaration: set "scope": "product" or leave it out',
  });
export type CompanyProfile = z.infer<typeof CompanyProfile>;
export type CompanyProfileInput = z.input<typeof CompanyProfile>;

/** "contact.email: expected an e-mail address ...; annualDisclosure: ..." for one error message. */
export function companyProfileProblems(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ');
}
