import { Declaration, type DeclarationInput } from '../declaration.schema';
import type { Finding } from '../finding';
import { evaluateDeclaration, type EvaluationContext } from './evaluate-declaration';

/**
 * Test fixtures shared by the specs of this and other modules. `completeDeclaration()` is a fully
 * valid company-scope CMRT 6.4 response: tungsten in scope (Q1 = Q2 = Yes) with every answer given
 * and no sourcing red flag, the other three metals declared out of scope (Q1 = No), all company
 * questions answered Yes (H: files with the SEC), and a Smelter List of tungsten smelters, one of
 * them entered as "Smelter not listed" with name and country. It yields no error and no red flag.
 * Each call returns a fresh object, so a spec may change it freely.
 */

/** Received three weeks after the fixture's effective date. */
export const FIXTURE_RECEIVED_AT = '2024-06-03T09:30:00Z';

export function fixtureContext(overrides: Partial<EvaluationContext> = {}): EvaluationContext {
  return { receivedAt: FIXTURE_RECEIVED_AT, ...overrides };
}

const COMPLETE_DECLARATION: DeclarationInput = {
  templateVersion: '6.4',
  language: 'English',
  company: {
    name: 'Acme Components GmbH',
    scope: 'company',
    uniqueId: '123456789',
    uniqueIdAuthority: 'DUNS',
    address: 'Industriestrasse 1, 70565 Stuttgart, Germany',
    contactName: 'Maria Keller',
    contactEmail: 'maria.keller@acme-components.example',
    contactPhone: '+49 711 000000',
    authorizer: 'Jonas Weber',
    authorizerTitle: 'Head of Procurement',
    authorizerEmail: 'jonas.weber@acme-components.example',
    authorizerPhone: '+49 711 000001',
    effectiveDate: '2024-05-10',
  },
  minerals: {
    tantalum: { q1: { answer: 'No' } },
    tin: { q1: { answer: 'No' } },
    gold: { q1: { answer: 'No' } },
    tungsten: {
      q1: { answer: 'Yes' },
      q2: { answer: 'Yes' },
      q3: { answer: 'No' },
      q4: { answer: 'No' },
      q5: { answer: 'No' },
      q6: { answer: '100%' },
      q7: { answer: 'Yes' },
      q8: { answer: 'Yes' },
    },
  },
  companyQuestions: {
    A: { answer: 'Yes' },
    B: { answer: 'Yes', comment: 'https://www.acme-components.example/responsible-minerals-policy' },
    C: { answer: 'Yes' },
    D: { answer: 'Yes' },
    E: { answer: 'Yes, in conformance with IPC1755 (e.g., CMRT)' },
    F: { answer: 'Yes' },
    G: { answer: 'Yes' },
    H: { answer: 'Yes, with the SEC' },
  },
  smelters: [
    {
      row: 5,
      metal: 'tungsten',
      lookupName: 'Ganzhou Seadragon W & Mo Co., Ltd.',
      name: 'Ganzhou Seadragon W & Mo Co., Ltd.',
      country: 'CHINA',
      smelterId: 'CID002494',
      idSource: 'RMI',
      city: 'Ganzhou',
      stateProvince: 'Jiangxi Sheng',
    },
    {
      row: 6,
      metal: 'tungsten',
      lookupName: 'Xiamen Tungsten Co., Ltd.',
      name: 'Xiamen Tungsten Co., Ltd.',
      country: 'CHINA',
      smelterId: 'CID002082',
      smelterIdInput: 'CID002082',
      idSource: 'RMI',
      city: 'Xiamen',
      stateProvince: 'Fujian Sheng',
      recycledOrScrap: 'No',
    },
    {
      row: 7,
      metal: 'tungsten',
      lookupName: 'Smelter not listed',
      name: 'Example Tungsten Recycling Ltd.',
      country: 'JAPAN',
      idSource: 'Enter smelter details',
      mineName: 'recycled',
      mineCountry: 'recycled',
      recycledOrScrap: 'Yes',
    },
  ],
  products: [],
};

export function completeDeclaration(): Declaration {
  return Declaration.parse(COMPLETE_DECLARATION);
}

/** Given the complete declaration changed by `arrange`, when evaluated: the findings. */
export function evaluateCompleteDeclarationWith(
  arrange: (declaration: Declaration) => void = () => undefined,
  context: EvaluationContext = fixtureContext(),
): Finding[] {
  const declaration = completeDeclaration();
  arrange(declaration);
  return evaluateDeclaration(declaration, context);
}

export function findingsWithRule(findings: readonly Finding[], ruleId: string): Finding[] {
  return findings.filter((finding) => finding.ruleId === ruleId);
}

/**
 * One rule example for table-driven specs: `arrange` breaks the complete declaration so that exactly
 * one finding of `expected.ruleId` appears; `fix` (applied after `arrange`) makes it disappear again.
 */
export interface RuleCase {
  given: string;
  arrange: (declaration: Declaration) => void;
  expected: Partial<Finding> & Pick<Finding, 'ruleId' | 'severity' | 'field' | 'cell'>;
  fix: (declaration: Declaration) => void;
}
