import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { CompanyProfile, companyProfileProblems } from '@dd/domain';

/**
 * What our own declarations need that no event holds: who we are (DD_COMPANY_FILE, a JSON company
 * profile) and the blank RMI CMRT and EMRT to fill in (DD_CMRT_TEMPLATE, DD_EMRT_TEMPLATE; the project does not ship RMI's file,
 * the company downloads it and names it here, or passes one per request).
 */
export interface DeclarationConfig {
  /** DD_COMPANY_FILE, resolved. */
  companyFile?: string;
  /** The profile read from it at start-up (a bad file stops the start with the field named). */
  company?: CompanyProfile;
  /** DD_CMRT_TEMPLATE, resolved: the blank RMI CMRT 6.x (.xlsx). */
  cmrtTemplate?: string;
  /** DD_EMRT_TEMPLATE, resolved: the blank RMI EMRT 2.x (.xlsx). */
  emrtTemplate?: string;
}

const DeclarationEnv = z.object({
  DD_COMPANY_FILE: z.string().trim().min(1, 'expected the path of a JSON company profile').optional(),
  DD_CMRT_TEMPLATE: z.string().trim().min(1, 'expected the path of the blank RMI CMRT (.xlsx)').optional(),
  DD_EMRT_TEMPLATE: z.string().trim().min(1, 'expected the path of the blank RMI EMRT (.xlsx)').optional(),
});

export function declarationConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DeclarationConfig {
  const parsed = DeclarationEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid configuration: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  const { DD_COMPANY_FILE: companyFile, DD_CMRT_TEMPLATE: template, DD_EMRT_TEMPLATE: emrtTemplate } = parsed.data;
  return {
    ...(companyFile ? { companyFile: resolve(companyFile), company: readCompanyProfile(resolve(companyFile)) } : {}),
    ...(template ? { cmrtTemplate: resolve(template) } : {}),
    ...(emrtTemplate ? { emrtTemplate: resolve(emrtTemplate) } : {}),
  };
}

/** The JSON company profile at `path`; throws naming the file and each wrong field. */
export function readCompanyProfile(path: string): CompanyProfile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason =
      error instanceof SyntaxError
        ? `is not JSON (${error.message})`
        : `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    throw new Error(`invalid configuration: DD_COMPANY_FILE ${path} ${reason}`, { cause: error });
  }
  const parsed = CompanyProfile.safeParse(json);
  if (!parsed.success) throw new Error(`invalid configuration: DD_COMPANY_FILE ${path}: ${companyProfileProblems(parsed.error)}`);
  return parsed.data;
}
