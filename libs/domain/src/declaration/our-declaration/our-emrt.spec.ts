import { evaluateEmrtDeclaration } from '../checker';
import type { EmrtMineralAnswers } from '../emrt-declaration.schema';
import type { EmrtMineral } from '../template-minerals';
import { DeciderSpecification } from '../../shared/decider-specification';
import { CompanyProfile, type CompanyProfileInput } from './company-profile';
import { customerDeclarationDecider } from './customer-declaration.decider';
import { CustomerDeclarationIssued, type RecordCustomerDeclaration } from './customer-declaration.events';
import { DeclarationNotDerivable } from './our-cmrt';
import { deriveOurEmrt, relevantEmrtSuppliers, type EmrtSupplierAnswers, type OurEmrtRecords } from './our-emrt';

const PROFILE: CompanyProfileInput = {
  name: 'Acme Components GmbH',
  contact: { name: 'Maria Keller', email: 'maria.keller@acme.example', phone: '+49 711 000000' },
  authorizer: { name: 'Jonas Weber', email: 'jonas.weber@acme.example' },
  annualDisclosure: 'No',
};

type Given = Partial<Record<Exclude<keyof EmrtMineralAnswers, 'mineral' | 'slot'>, string>>;

/** A supplier's EMRT: the given minerals, each with Q1-Q7 answered as a clean "Yes, in scope, all identified" unless overridden. */
function supplier(
  supplierId: string,
  minerals: Partial<Record<EmrtMineral, Given>>,
  mines: EmrtSupplierAnswers['mines'] = [],
): EmrtSupplierAnswers {
  return {
    supplierId,
    responseNumber: 1,
    mines,
    minerals: Object.entries(minerals).map(([mineral, given]) => {
      const answers = { q1: 'Yes', q2: 'Yes', q3: 'No', q4: 'No', q5: '100%', q6: 'Yes', q7: 'Yes', ...given };
      return {
        mineral: mineral as EmrtMineral,
        ...Object.fromEntries(Object.entries(answers).map(([question, answer]) => [question, { answer }])),
      };
    }),
  };
}

/** e1 and e2 asked for an EMRT; e1 declares cobalt, e2 cobalt and mica; both answered usably. */
function records(overrides: Partial<OurEmrtRecords> = {}, profile: Partial<CompanyProfileInput> = {}): OurEmrtRecords {
  return {
    period: 2026,
    effectiveDate: '2026-03-15',
    company: CompanyProfile.parse({ ...PROFILE, ...profile }),
    products: [
      { productId: 'P-1', name: 'Battery pack', metalsNecessary: ['tin'], supplierIds: ['e1'] },
      { productId: 'P-2', name: 'Insulator', metalsNecessary: [], supplierIds: ['e2'] },
    ],
    suppliers: ['e1', 'e2', 's9'].map((supplierId) => ({ supplierId, parentSupplierId: null })),
    surveyed: ['e1', 'e2'],
    answers: [supplier('e1', { cobalt: {} }), supplier('e2', { cobalt: {}, mica: {} })],
    smelters: [
      { metal: 'cobalt', smelterId: 'CID003927', standardName: 'Anhui Hanrui New Material Co., Ltd.', country: 'CHINA', namedBy: ['e1'] },
      { metal: 'mica', smelterId: 'CID004100', standardName: 'Mica One', country: null, namedBy: ['e2'] },
      { metal: 'cobalt', smelterId: 'CID003875', standardName: 'Advanced Materials', country: 'CHINA', namedBy: ['e2'] },
    ],
    openSmelterRows: [],
    management: {
      policy: { version: 'v3', url: 'https://acme.example/policy', adoptedAt: '2026-01-10T09:00:00.000Z' },
      teamAssigned: true,
      contractClauses: 2,
      requestsSent: 2,
      responded: 2,
    },
    ...overrides,
  };
}

describe('our EMRT from our records', () => {
  it('given usable EMRT answers, when derived, then it declares their minerals in the template order and passes the EMRT Checker', () => {
    const declaration = deriveOurEmrt(records());
    expect(declaration.company).toMatchObject({ name: 'Acme Components GmbH', scope: 'company', effectiveDate: '2026-03-15' });
    expect(declaration.minerals.map((entry) => entry.mineral)).toEqual(['cobalt', 'mica']);
    expect(declaration.minerals[0]).toEqual({
      mineral: 'cobalt',
      q1: { answer: 'Yes' },
      q2: { answer: 'Yes' },
      q3: { answer: 'No', comment: '2 of 2 relevant suppliers answered usably' },
      q4: { answer: 'No', comment: '2 of 2 relevant suppliers answered usably' },
      q5: { answer: '100%', comment: '2 of 2 relevant suppliers answered usably' },
      q6: { answer: 'Yes' },
      q7: { answer: 'Yes' },
      C: { answer: 'Yes', comment: 'Sourcing clause in 2 supplier contract(s)' },
    });
    expect(declaration.companyQuestions).toEqual({
      A: { answer: 'Yes', comment: 'Policy v3 adopted 2026-01-10' },
      B: { answer: 'Yes', comment: 'https://acme.example/policy' },
      D: { answer: 'Yes' },
      E: { answer: 'Yes, in conformance with IPC1755 (e.g. EMRT)' },
      F: { answer: 'Yes' },
      G: { answer: 'Yes' },
    });
    expect(evaluateEmrtDeclaration(declaration)).toEqual([]);
  });

  it('given no usable EMRT answer from a relevant supplier, then nothing is derived', () => {
    expect(() => deriveOurEmrt(records({ answers: [] }))).toThrow(
      new DeclarationNotDerivable(
        'no-emrt-answers',
        'no usable EMRT answer of 2026 from a relevant supplier: our EMRT is made from their answers',
      ),
    );
    // An answer from a supplier we did not ask for an EMRT does not count either.
    expect(() => deriveOurEmrt(records({ answers: [supplier('s9', { cobalt: {} })] }))).toThrow(DeclarationNotDerivable);
  });

  describe('questions 1 and 2: which minerals we declare', () => {
    it('given one supplier saying cobalt is intentionally added and another No, then Q1 Yes', () => {
      const answers = [supplier('e1', { cobalt: { q1: 'No' } }), supplier('e2', { cobalt: {} })];
      expect(deriveOurEmrt(records({ answers })).minerals[0]).toMatchObject({ q1: { answer: 'Yes' }, q2: { answer: 'Yes' } });
    });

    it('given every supplier selecting mica saying No to Q1, and all answered, then Q1 No and nothing further for mica', () => {
      const answers = [supplier('e1', { cobalt: {} }), supplier('e2', { mica: { q1: 'No' } })];
      expect(deriveOurEmrt(records({ answers })).minerals[1]).toEqual({
        mineral: 'mica',
        q1: { answer: 'No', comment: '2 of 2 relevant suppliers answered usably' },
      });
    });

    it('given a relevant supplier that has not answered, then a mineral nobody says Yes to is Unknown, not No', () => {
      const answers = [supplier('e2', { cobalt: {}, mica: { q1: 'No' } })];
      expect(deriveOurEmrt(records({ answers })).minerals[1]).toEqual({
        mineral: 'mica',
        q1: { answer: 'Unknown', comment: '1 of 2 relevant suppliers answered usably' },
      });
    });

    it('given Q1 Yes but Q2 No from everyone saying Q1 Yes, then Q2 No and no questions 3-7 or C', () => {
      const answers = [supplier('e1', { cobalt: { q2: 'No' } }), supplier('e2', { cobalt: { q2: 'No' } })];
      const cobalt = deriveOurEmrt(records({ answers })).minerals[0];
      expect(cobalt).toEqual({
        mineral: 'cobalt',
        q1: { answer: 'Yes' },
        q2: { answer: 'No', comment: '2 of 2 relevant suppliers answered usably' },
      });
    });
  });

  describe('questions 3-7: the CMRT rules over the suppliers declaring the mineral', () => {
    it('given one supplier sourcing cobalt from a CAHRA, then Q3 Yes naming it', () => {
      const answers = [supplier('e1', { cobalt: { q3: 'Yes' } }), supplier('e2', { cobalt: {}, mica: {} })];
      expect(deriveOurEmrt(records({ answers })).minerals[0].q3).toEqual({
        answer: 'Yes',
        comment: 'Declared by 1 supplier(s): e1; see the Smelter List',
      });
    });

    it('given one supplier not 100 % recycled and one not answered, then Q4 No and Q5 the response band', () => {
      const cobalt = deriveOurEmrt(records({ answers: [supplier('e2', { cobalt: { q4: 'No' } })] })).minerals[0];
      expect(cobalt.q4).toEqual({ answer: 'No', comment: '1 of 2 relevant suppliers answered usably' });
      expect(cobalt.q5).toEqual({ answer: '50% or less', comment: '1 of 2 relevant suppliers answered usably' });
    });

    it('given an open cobalt row in the smelter register, then Q6 and Q7 No with the reason', () => {
      const cobalt = deriveOurEmrt(records({ openSmelterRows: [{ mineral: 'cobalt', status: 'unresolved' }] })).minerals[0];
      expect(cobalt.q6).toEqual({ answer: 'No', comment: '1 Smelter List row(s) not identified yet' });
      expect(cobalt.q7).toEqual({ answer: 'No', comment: '1 Smelter List row(s) received name a smelter not placed yet' });
    });
  });

  describe('the Smelter List and the Mine List', () => {
    it('given identified EMRT smelters of the year, then the Smelter List holds those of the minerals we declare, by mineral and id', () => {
      expect(deriveOurEmrt(records()).smelters).toEqual([
        { metal: 'cobalt', lookupName: 'Advanced Materials', name: 'Advanced Materials', country: 'CHINA', smelterId: 'CID003875' },
        {
          metal: 'cobalt',
          lookupName: 'Anhui Hanrui New Material Co., Ltd.',
          name: 'Anhui Hanrui New Material Co., Ltd.',
          country: 'CHINA',
          smelterId: 'CID003927',
        },
        { metal: 'mica', lookupName: 'Mica One', name: 'Mica One', country: 'Unknown', smelterId: 'CID004100' },
      ]);
    });

    it('given a mineral not in our scope, then its smelters are left out', () => {
      const answers = [supplier('e1', { cobalt: {} }), supplier('e2', { cobalt: {}, mica: { q2: 'No' } })];
      expect(deriveOurEmrt(records({ answers })).smelters.map((smelter) => smelter.metal)).toEqual(['cobalt', 'cobalt']);
    });

    it('given mines on the suppliers answers, then each mine once, without the suppliers contacts, next steps or comments', () => {
      const kamoto = { metal: 'cobalt' as const, mineName: 'Kamoto', country: 'CONGO, DEMOCRATIC REPUBLIC OF THE', city: 'Kolwezi' };
      const answers = [
        supplier('e1', { cobalt: {} }, [
          { row: 5, ...kamoto, contactName: 'Jean', contactEmail: 'jean@mine.example', comments: 'visited' },
        ]),
        supplier('e2', { cobalt: {}, mica: { q2: 'No' } }, [
          { row: 9, ...kamoto, mineName: 'KAMOTO' },
          { row: 10, metal: 'mica', mineName: 'Mica Hill' },
        ]),
      ];
      expect(deriveOurEmrt(records({ answers })).mines).toEqual([kamoto]);
    });
  });

  describe('scope', () => {
    it('given a product-level declaration of P-1, then only the EMRT suppliers of P-1 count and the Product List holds P-1', () => {
      const company = records({}, { scope: 'product', products: ['P-1'] });
      expect([...relevantEmrtSuppliers(company)]).toEqual(['e1']);
      const declaration = deriveOurEmrt(company);
      expect(declaration.minerals.map((entry) => entry.mineral)).toEqual(['cobalt']);
      expect(declaration.smelters.map((smelter) => smelter.smelterId)).toEqual(['CID003927']);
      expect(declaration.products).toEqual([{ number: 'P-1', name: 'Battery pack' }]);
    });
  });
});

describe('RecordCustomerDeclaration of an EMRT', () => {
  const spec = DeciderSpecification.for(customerDeclarationDecider);
  const cmrt: RecordCustomerDeclaration = {
    period: 2026,
    family: 'cmrt',
    sha256: 'a'.repeat(64),
    byteLength: 1000,
    templateVersion: '6.5',
    scope: 'company',
    metalsInScope: ['tin'],
    smelterCount: 2,
    productCount: 0,
    effectiveDate: '2027-02-15',
    issuedBy: 'alice',
    fileName: 'our-cmrt-2026.xlsx',
  };
  const emrt: RecordCustomerDeclaration = {
    ...cmrt,
    family: 'emrt',
    templateVersion: '2.1',
    metalsInScope: [],
    mineralsInScope: ['cobalt', 'mica'],
    fileName: 'Acme_EMRT_2.1_2026.xlsx',
  };

  it("given our CMRT issued, when our EMRT is recorded, then it is the period's second declaration, family emrt with its minerals", () => {
    spec
      .given([{ type: 'CustomerDeclarationIssued', data: { ...cmrt, issueNumber: 1 } }])
      .when({ type: 'RecordCustomerDeclaration', data: emrt }, undefined)
      .then([{ type: 'CustomerDeclarationIssued', data: { ...emrt, issueNumber: 2 } }]);
  });

  it('reads a CMRT declaration recorded before EMRTs could be declared unchanged (no mineralsInScope)', () => {
    const recorded = { ...cmrt, issueNumber: 1 };
    expect(CustomerDeclarationIssued.parse(recorded)).toEqual(recorded);
    expect(CustomerDeclarationIssued.safeParse({ ...emrt, family: 'amrt', issueNumber: 1 }).success).toBe(false);
  });
});
