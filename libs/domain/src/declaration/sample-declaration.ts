import { Declaration, type DeclarationInput } from './declaration.schema';

/**
 * A complete, valid company-scope CMRT 6.4 answer: tungsten in scope (Q1 = Q2 = Yes) with every answer
 * given and no sourcing red flag, the other three metals declared out of scope, all company questions
 * answered Yes (H: files with the SEC), and a Smelter List of tungsten smelters, one of them entered as
 * "Smelter not listed" with name and country. It yields no Checker error and no red flag. Specs,
 * benchmarks and the demo build their variants from it; each call returns a fresh object.
 */
const SAMPLE_DECLARATION: DeclarationInput = {
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

export function sampleDeclaration(): Declaration {
  return Declaration.parse(SAMPLE_DECLARATION);
}
