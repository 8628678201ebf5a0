import { Declaration, type DeclarationInput } from '@dd/domain';

/**
 * The CMRT answers the benchmark's responses carry: a complete company-scope CMRT 6.4 (tungsten in
 * scope, every question answered, no Checker error) with `smelters` rows on the Smelter List, and
 * optionally covered-country sourcing declared for tungsten (Q3 = Yes), which the review turns into
 * a red flag. Kept here rather than borrowed from the domain's test fixtures, which are not part of
 * its public API; parsed by the domain's own schema, so a change of shape fails loudly.
 */
export function benchDeclaration(options: { smelters: number; coveredCountrySourcing: boolean }): Declaration {
  const input: DeclarationInput = {
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
        q3: options.coveredCountrySourcing ? { answer: 'Yes', comment: 'Some ore from Rwanda' } : { answer: 'No' },
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
    smelters: Array.from({ length: options.smelters }, (_, index) => ({
      row: 5 + index,
      metal: 'tungsten' as const,
      lookupName: 'Xiamen Tungsten Co., Ltd.',
      name: 'Xiamen Tungsten Co., Ltd.',
      country: 'CHINA',
      smelterId: `CID${String(2000 + index).padStart(6, '0')}`,
      smelterIdInput: `CID${String(2000 + index).padStart(6, '0')}`,
      idSource: 'RMI',
      city: 'Xiamen',
      stateProvince: 'Fujian Sheng',
      recycledOrScrap: 'No',
    })),
    products: [],
  };
  return Declaration.parse(input);
}
