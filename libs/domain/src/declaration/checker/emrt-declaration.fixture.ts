import { EmrtDeclaration, type EmrtDeclarationInput } from '../emrt-declaration.schema';

/**
 * A complete EMRT 2.1 answer that passes every EMRT Checker rule: cobalt and mica declared (in scope),
 * copper selected but not declared, nothing from CAHRAs. For the specs of every package (`@dd/domain/testing`).
 */
export function completeEmrtDeclaration(companyName = 'Cobalt Components GmbH'): EmrtDeclaration {
  const input: EmrtDeclarationInput = {
    templateVersion: '2.1',
    company: {
      name: companyName,
      scope: 'company',
      contactName: 'Jane Roe',
      contactEmail: 'jane.roe@example.com',
      contactPhone: '+49 30 1234',
      authorizer: 'John Doe',
      authorizerEmail: 'john.doe@example.com',
      effectiveDate: '2025-05-01',
    },
    minerals: [
      {
        mineral: 'cobalt',
        q1: { answer: 'Yes' },
        q2: { answer: 'Yes' },
        q3: { answer: 'No' },
        q4: { answer: 'No' },
        q5: { answer: '100%' },
        q6: { answer: 'Yes' },
        q7: { answer: 'Yes' },
        C: { answer: 'Yes' },
      },
      { mineral: 'copper', q1: { answer: 'Not declaring' } },
      {
        mineral: 'mica',
        q1: { answer: 'Yes' },
        q2: { answer: 'Yes' },
        q3: { answer: 'No' },
        q4: { answer: 'No' },
        q5: { answer: 'Did not survey' },
        q6: { answer: 'No' },
        q7: { answer: 'Unknown' },
        C: { answer: 'No' },
      },
    ],
    companyQuestions: {
      A: { answer: 'Yes' },
      B: { answer: 'Yes', comment: 'https://example.com/policy' },
      D: { answer: 'Yes' },
      E: { answer: 'Yes, in conformance with IPC1755 (e.g. EMRT)' },
      F: { answer: 'Yes' },
      G: { answer: 'Yes' },
    },
    smelters: [
      { row: 5, metal: 'cobalt', lookupName: 'Anhui Hanrui New Material Co., Ltd.', country: 'CHINA', smelterId: 'CID003927' },
      { row: 6, metal: 'mica', lookupName: 'Smelter not listed', name: 'Mica Mill', country: 'INDIA' },
    ],
  };
  return EmrtDeclaration.parse(input);
}
