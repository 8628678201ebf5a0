import type { DeclarationInput, Metal } from '@dd/domain';
import { DEMO_SMELTERS, NON_CONFORMANT_SMELTER, SAMPLE, type DemoSupplier } from './demo-data';

const IN_SCOPE = (q3: 'Yes' | 'No') => ({
  q1: { answer: 'Yes' },
  q2: { answer: 'Yes' },
  q3: { answer: q3, ...(q3 === 'Yes' ? { comment: `Some ore is reported from Rwanda by the smelter ${SAMPLE}` } : {}) },
  q4: { answer: 'No' },
  q5: { answer: 'No' },
  q6: { answer: '100%' },
  q7: { answer: 'Yes' },
  q8: { answer: 'Yes' },
});
const OUT_OF_SCOPE = { q1: { answer: 'No' } };

export interface DemoAnswer {
  scope: 'company' | 'product';
  metals: Metal[];
  /** In-scope metals whose smelters source from the covered countries (Q3 Yes); the others answer No. */
  coveredCountries: Metal[];
  /** Smelter ids named on the Smelter List. */
  smelters: string[];
  /** Leave the contact e-mail and the authorizer blank: the Checker opens an "incomplete" follow-up. */
  incomplete?: boolean;
}

/** A CMRT 6.4 answer as the supplier would fill it, through the JSON of RecordResponse. */
export function demoDeclaration(supplier: DemoSupplier, answer: DemoAnswer, receivedAt: string): DeclarationInput {
  const slug = supplier.supplierId.replace(/^demo-/, '');
  const day = receivedAt.slice(0, 10);
  const minerals = Object.fromEntries(
    (['tantalum', 'tin', 'gold', 'tungsten'] as const).map((metal) => [
      metal,
      answer.metals.includes(metal) ? IN_SCOPE(answer.coveredCountries.includes(metal) ? 'Yes' : 'No') : OUT_OF_SCOPE,
    ]),
  ) as DeclarationInput['minerals'];
  return {
    templateVersion: '6.4',
    language: 'English',
    company: {
      name: supplier.name,
      scope: answer.scope,
      contactName: 'Sample Contact',
      contactEmail: answer.incomplete ? '' : `cmrt@${slug}.demo.example`,
      contactPhone: '+00 000 0000',
      authorizer: answer.incomplete ? '' : 'Sample Authorizer',
      authorizerTitle: 'Quality Director',
      authorizerEmail: `quality@${slug}.demo.example`,
      effectiveDate: day,
    },
    minerals,
    companyQuestions: {
      A: { answer: 'Yes' },
      B: { answer: 'Yes', comment: `https://${slug}.demo.example/responsible-minerals-policy` },
      C: { answer: 'Yes' },
      D: { answer: 'Yes' },
      E: { answer: 'Yes, in conformance with IPC1755 (e.g., CMRT)' },
      F: { answer: 'Yes' },
      G: { answer: 'Yes' },
      H: { answer: 'No' },
    },
    smelters: answer.smelters.map((smelterId, index) => {
      const smelter = DEMO_SMELTERS.find((candidate) => candidate.smelterId === smelterId);
      if (!smelter) throw new Error(`no demo smelter ${smelterId}`);
      return {
        row: 5 + index,
        metal: smelter.metal,
        lookupName: smelter.name,
        name: smelter.name,
        country: smelter.country,
        smelterId: smelter.smelterId,
        idSource: 'RMI',
      };
    }),
    products: answer.scope === 'product' ? [{ row: 6, number: `${slug.toUpperCase()}-PCBA-01`, name: `Main board ${SAMPLE}` }] : [],
  };
}

/** What each responder answers: mostly company level naming conformant smelters. */
export function demoAnswerFor(supplierId: string, productLevel: { conformant: readonly string[]; nonConformant: string }): DemoAnswer {
  if (supplierId === productLevel.nonConformant) {
    return {
      scope: 'product',
      metals: ['tin', 'gold', 'tantalum'],
      coveredCountries: ['tin'],
      smelters: [NON_CONFORMANT_SMELTER.smelterId, 'CID009001', 'CID009005', 'CID009003'],
    };
  }
  if (productLevel.conformant.includes(supplierId)) {
    return { scope: 'product', metals: ['tin', 'gold'], coveredCountries: [], smelters: ['CID009001', 'CID009005'] };
  }
  // Some sub-tier suppliers also use tantalum or tungsten, or name a refiner whose RMAP assessment is under way.
  const n = Number(supplierId.replace(/\D/g, '')) || 0;
  const metals: Metal[] = ['tin', 'gold', ...(n % 4 === 1 ? (['tantalum'] as const) : []), ...(n % 5 === 2 ? (['tungsten'] as const) : [])];
  const smelters = [
    'CID009001',
    n % 3 === 0 ? 'CID009006' : 'CID009005',
    ...(metals.includes('tantalum') ? ['CID009003'] : []),
    ...(metals.includes('tungsten') ? ['CID009004'] : []),
  ];
  return { scope: 'company', metals, coveredCountries: [], smelters };
}
