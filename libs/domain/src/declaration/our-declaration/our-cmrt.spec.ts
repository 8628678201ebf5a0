import { evaluateDeclaration } from '../checker';
import type { Declaration, MineralAnswers } from '../declaration.schema';
import { DeciderSpecification } from '../../shared/decider-specification';
import { CompanyProfile, type CompanyProfileInput } from './company-profile';
import { customerDeclarationDecider } from './customer-declaration.decider';
import type { RecordCustomerDeclaration } from './customer-declaration.events';
import { responseBand } from './declaration-rules';
import { DeclarationNotDerivable, deriveOurCmrt, type OurDeclarationRecords, type SupplierAnswers } from './our-cmrt';

const PROFILE: CompanyProfileInput = {
  name: 'Acme Components GmbH',
  uniqueId: '123456789',
  uniqueIdAuthority: 'DUNS',
  contact: { name: 'Maria Keller', email: 'maria.keller@acme.example', phone: '+49 711 000000' },
  authorizer: { name: 'Jonas Weber', title: 'Head of Procurement', email: 'jonas.weber@acme.example' },
  annualDisclosure: 'Yes, with the SEC',
};

/** A supplier's answers: the given metals in its scope, each with the given Q3-Q8 answers. */
function supplier(
  supplierId: string,
  metals: Partial<Record<'tin' | 'gold' | 'tantalum' | 'tungsten', Partial<Record<keyof MineralAnswers, string>>>>,
): SupplierAnswers {
  const minerals: Declaration['minerals'] = { tantalum: {}, tin: {}, gold: {}, tungsten: {} };
  for (const [metal, answers] of Object.entries(metals)) {
    const given = { q1: 'Yes', q2: 'Yes', q3: 'No', q4: 'No', q5: 'No', q6: '100%', q7: 'Yes', q8: 'Yes', ...answers };
    minerals[metal as keyof typeof minerals] = Object.fromEntries(
      Object.entries(given).map(([question, answer]) => [question, { answer }]),
    );
  }
  return { supplierId, responseNumber: 1, minerals };
}

/** Tin in two products from suppliers s1-s3; gold in one from s3; no tantalum or tungsten anywhere. */
function records(overrides: Partial<OurDeclarationRecords> = {}, profile: Partial<CompanyProfileInput> = {}): OurDeclarationRecords {
  return {
    period: 2026,
    effectiveDate: '2027-02-15',
    company: CompanyProfile.parse({ ...PROFILE, ...profile }),
    products: [
      { productId: 'P-1', name: 'Sensor', metalsNecessary: ['tin'], supplierIds: ['s1', 's2'] },
      { productId: 'P-2', name: 'Board', metalsNecessary: ['tin', 'gold'], supplierIds: ['s3'] },
      { productId: 'P-3', name: 'Bracket', metalsNecessary: [], supplierIds: ['s4'] },
    ],
    answers: [supplier('s1', { tin: {} }), supplier('s2', { tin: {} }), supplier('s3', { tin: {}, gold: {} })],
    suppliers: ['s1', 's2', 's3', 's4'].map((supplierId) => ({ supplierId, parentSupplierId: null })),
    smelters: [
      { metal: 'tin', smelterId: 'CID000002', standardName: 'Tin Two', country: 'MALAYSIA', namedBy: ['s1'] },
      { metal: 'gold', smelterId: 'CID000001', standardName: 'Gold One', country: null, namedBy: ['s3'] },
      { metal: 'tin', smelterId: 'CID000002', standardName: 'Tin Two', country: 'MALAYSIA', namedBy: ['s1'] },
      { metal: 'tin', smelterId: 'CID000001', standardName: 'Tin One', country: 'INDONESIA', namedBy: ['s3'] },
      { metal: 'tungsten', smelterId: 'CID000009', standardName: 'Tungsten Nine', country: 'CHINA', namedBy: ['s4'] },
    ],
    openSmelterRows: [],
    management: {
      policy: { version: '2026-1', url: 'https://acme.example/policy.pdf', adoptedAt: '2027-01-06T09:00:00.000Z' },
      teamAssigned: true,
      contractClauses: 3,
      requestsSent: 4,
      responded: 3,
    },
    ...overrides,
  };
}

describe('our CMRT from our records', () => {
  it('given complete records, when derived, then the company block comes from the profile and the declaration passes the Checker', () => {
    const declaration = deriveOurCmrt(records());
    expect(declaration.company).toEqual({
      name: 'Acme Components GmbH',
      scope: 'company',
      uniqueId: '123456789',
      uniqueIdAuthority: 'DUNS',
      contactName: 'Maria Keller',
      contactEmail: 'maria.keller@acme.example',
      contactPhone: '+49 711 000000',
      authorizer: 'Jonas Weber',
      authorizerTitle: 'Head of Procurement',
      authorizerEmail: 'jonas.weber@acme.example',
      effectiveDate: '2027-02-15',
    });
    expect(evaluateDeclaration(declaration, { receivedAt: '2027-02-15T12:00:00.000Z' })).toEqual([]);
  });

  describe('questions 1 and 2: the metals our products need', () => {
    it('given products needing tin and gold, then Q1 = Q2 = Yes for those, and Q1 No (nothing further) for tantalum and tungsten', () => {
      const { minerals } = deriveOurCmrt(records());
      expect([minerals.tin.q1, minerals.tin.q2, minerals.gold.q1, minerals.gold.q2]).toEqual(Array(4).fill({ answer: 'Yes' }));
      expect(minerals.tantalum).toEqual({ q1: { answer: 'No' } });
      expect(minerals.tungsten).toEqual({ q1: { answer: 'No' } });
    });

    it('given a product-level declaration listing P-1 only, then only tin is declared and the Product List holds P-1', () => {
      const declaration = deriveOurCmrt(records({}, { scope: 'product', products: ['P-1'] }));
      expect(declaration.company.scope).toBe('product');
      expect(declaration.minerals.gold.q1).toEqual({ answer: 'No' });
      expect(declaration.products).toEqual([{ number: 'P-1', name: 'Sensor' }]);
    });

    it('given a product-level declaration without a list, then it speaks for every product with a 3TG necessary', () => {
      expect(deriveOurCmrt(records({}, { scope: 'product' })).products.map((product) => product.number)).toEqual(['P-1', 'P-2']);
    });

    it('given a profile listing an unregistered product, then nothing is derived', () => {
      expect(() => deriveOurCmrt(records({}, { scope: 'product', products: ['P-1', 'P-404'] }))).toThrow(
        new DeclarationNotDerivable('unknown-products', 'the company profile lists products that are not registered: P-404'),
      );
    });
  });

  describe('questions 3 and 4: covered countries and CAHRAs', () => {
    it('given one supplier of tin saying Yes, then our Q3 is Yes naming it', () => {
      const answers = [supplier('s1', { tin: { q3: 'Yes' } }), supplier('s2', { tin: {} }), supplier('s3', { tin: {}, gold: {} })];
      expect(deriveOurCmrt(records({ answers })).minerals.tin.q3).toEqual({
        answer: 'Yes',
        comment: 'Declared by 1 supplier(s): s1; see the Smelter List',
      });
    });

    it('given every relevant supplier answering No, then No', () => {
      const { tin } = deriveOurCmrt(records()).minerals;
      expect(tin.q3).toEqual({ answer: 'No', comment: '3 of 3 relevant suppliers answered usably' });
      expect(tin.q4?.answer).toBe('No');
    });

    it('given a relevant supplier without a usable response, then Unknown', () => {
      const { tin } = deriveOurCmrt(records({ answers: [supplier('s1', { tin: {} }), supplier('s3', { tin: {}, gold: {} })] })).minerals;
      expect(tin.q3).toEqual({ answer: 'Unknown', comment: '2 of 3 relevant suppliers answered usably' });
    });

    it('given a supplier answering Unknown to Q4, then Unknown', () => {
      const answers = [supplier('s1', { tin: { q4: 'Unknown' } }), supplier('s2', { tin: {} }), supplier('s3', { tin: {}, gold: {} })];
      expect(deriveOurCmrt(records({ answers })).minerals.tin.q4?.answer).toBe('Unknown');
    });
  });

  describe('question 5: 100 % recycled or scrap', () => {
    it('given all relevant suppliers answering Yes, then Yes; one No makes it No', () => {
      const all = [
        supplier('s1', { tin: { q5: 'Yes' } }),
        supplier('s2', { tin: { q5: 'Yes' } }),
        supplier('s3', { tin: { q5: 'Yes' }, gold: {} }),
      ];
      expect(deriveOurCmrt(records({ answers: all })).minerals.tin.q5?.answer).toBe('Yes');
      expect(deriveOurCmrt(records({ answers: [...all.slice(0, 2), supplier('s3', { tin: { q5: 'No' } })] })).minerals.tin.q5?.answer).toBe(
        'No',
      );
    });

    it('given a relevant supplier without a usable response and no No, then Unknown', () => {
      const answers = [supplier('s1', { tin: { q5: 'Yes' } }), supplier('s3', { tin: { q5: 'Yes' }, gold: {} })];
      expect(deriveOurCmrt(records({ answers })).minerals.tin.q5?.answer).toBe('Unknown');
    });
  });

  describe('question 6: share of relevant suppliers with a usable response', () => {
    it('given a sub-tier supplier under s3 that has not answered, then it counts as relevant for tin and gold', () => {
      const suppliers = [...records().suppliers, { supplierId: 's3-sub', parentSupplierId: 's3' }];
      const { minerals } = deriveOurCmrt(records({ suppliers }));
      expect(minerals.tin.q6).toEqual({ answer: 'Greater than 50%', comment: '3 of 4 relevant suppliers answered usably' });
      expect(minerals.gold.q6).toEqual({ answer: '50% or less', comment: '1 of 2 relevant suppliers answered usably' });
      expect(minerals.gold.q3?.answer).toBe('Unknown');
    });

    it('given 2 of 3 tin suppliers, then "Greater than 50%"; gold 1 of 1, "100%"', () => {
      const { minerals } = deriveOurCmrt(records({ answers: [supplier('s1', { tin: {} }), supplier('s3', { tin: {}, gold: {} })] }));
      expect(minerals.tin.q6).toEqual({ answer: 'Greater than 50%', comment: '2 of 3 relevant suppliers answered usably' });
      expect(minerals.gold.q6?.answer).toBe('100%');
    });

    it.each([
      [0, 10, 'None'],
      [5, 10, '50% or less'],
      [6, 10, 'Greater than 50%'],
      [8, 10, 'Greater than 75%'],
      [10, 11, 'Greater than 90%'],
      [10, 10, '100%'],
      [0, 0, 'None'],
    ])('given %i of %i, then %s', (responded, relevant, band) => expect(responseBand(responded, relevant)).toBe(band));
  });

  describe('questions 7 and 8: smelters identified and reported', () => {
    it('given every supplier identified all and no open row, then Yes and Yes', () => {
      const { tin } = deriveOurCmrt(records()).minerals;
      expect([tin.q7, tin.q8]).toEqual([{ answer: 'Yes' }, { answer: 'Yes' }]);
    });

    it('given a "not yet identified" tin row, then Q7 No but Q8 Yes (no smelter information left out)', () => {
      const { tin, gold } = deriveOurCmrt(records({ openSmelterRows: [{ metal: 'tin', status: 'unidentified' }] })).minerals;
      expect(tin.q7).toEqual({ answer: 'No', comment: '1 Smelter List row(s) not identified yet' });
      expect(tin.q8).toEqual({ answer: 'Yes' });
      expect(gold.q7).toEqual({ answer: 'Yes' });
    });

    it('given an unresolved tin row, then Q8 No', () => {
      expect(deriveOurCmrt(records({ openSmelterRows: [{ metal: 'tin', status: 'unresolved' }] })).minerals.tin.q8).toEqual({
        answer: 'No',
        comment: '1 Smelter List row(s) received name a smelter not placed yet',
      });
    });

    it('given a supplier that has not identified all its smelters, then Q7 No', () => {
      const answers = [supplier('s1', { tin: { q7: 'No' } }), supplier('s2', { tin: {} }), supplier('s3', { tin: {}, gold: {} })];
      expect(deriveOurCmrt(records({ answers })).minerals.tin.q7).toEqual({
        answer: 'No',
        comment: '1 supplier(s) have not identified all their smelters',
      });
    });
  });

  describe('company questions A-H: management systems', () => {
    it('given a policy with URL, clauses, a team and a survey with responses, then A-G Yes (B with the URL) and H from the profile', () => {
      expect(deriveOurCmrt(records()).companyQuestions).toEqual({
        A: { answer: 'Yes', comment: 'Policy 2026-1 adopted 2027-01-06' },
        B: { answer: 'Yes', comment: 'https://acme.example/policy.pdf' },
        C: { answer: 'Yes', comment: 'Sourcing clause in 3 supplier contract(s)' },
        D: { answer: 'Yes' },
        E: { answer: 'Yes, in conformance with IPC1755 (e.g., CMRT)' },
        F: { answer: 'Yes' },
        G: { answer: 'Yes' },
        H: { answer: 'Yes, with the SEC' },
      });
    });

    it('given no records of the period, then A-G No', () => {
      const management = { policy: null, teamAssigned: false, contractClauses: 0, requestsSent: 0, responded: 0 };
      const questions = deriveOurCmrt(records({ management })).companyQuestions;
      expect(Object.values(questions).map((answer) => answer?.answer)).toEqual([
        'No',
        'No',
        'No',
        'No',
        'No',
        'No',
        'No',
        'Yes, with the SEC',
      ]);
    });
  });

  describe('the Smelter List', () => {
    it('given a product-level declaration for P-1, then only the smelters its suppliers (s1, s2) name', () => {
      expect(deriveOurCmrt(records({}, { scope: 'product', products: ['P-1'] })).smelters.map((row) => row.smelterId)).toEqual([
        'CID000002',
      ]);
    });

    it('given smelters named twice and one of a metal we do not declare, then each in-scope smelter once, by metal then id', () => {
      expect(deriveOurCmrt(records()).smelters).toEqual([
        { metal: 'tin', lookupName: 'Tin One', name: 'Tin One', country: 'INDONESIA', smelterId: 'CID000001' },
        { metal: 'tin', lookupName: 'Tin Two', name: 'Tin Two', country: 'MALAYSIA', smelterId: 'CID000002' },
        { metal: 'gold', lookupName: 'Gold One', name: 'Gold One', country: 'Unknown', smelterId: 'CID000001' },
      ]);
    });
  });
});

describe('the company profile', () => {
  it('names each field that is wrong', () => {
    const parsed = CompanyProfile.safeParse({
      ...PROFILE,
      contact: { ...PROFILE.contact, email: 'nobody' },
      authorizer: { ...PROFILE.authorizer, name: 'same' },
      annualDisclosure: 'maybe',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.path.join('.'))).toEqual(['contact.email', 'authorizer.name', 'annualDisclosure']);
  });

  it('refuses a control or bidirectional character in text our customers will read', () => {
    const parsed = CompanyProfile.safeParse({ ...PROFILE, name: 'Acme \u202Ecod.exe' });
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ['name'], message: expect.stringContaining('U+202E') })]);
  });

  it('refuses a product list on a company-level declaration', () => {
    expect(CompanyProfile.safeParse({ ...PROFILE, products: ['P-1'] }).error?.issues[0]).toMatchObject({ path: ['products'] });
  });
});

describe('RecordCustomerDeclaration', () => {
  const spec = DeciderSpecification.for(customerDeclarationDecider);
  const issued: RecordCustomerDeclaration = {
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

  it('given none yet, when recorded, then the first declaration of the period is issued', () => {
    spec
      .given([])
      .when({ type: 'RecordCustomerDeclaration', data: issued }, undefined)
      .then([{ type: 'CustomerDeclarationIssued', data: { ...issued, issueNumber: 1 } }]);
  });

  it('given one issued, when another is recorded, then it is the second', () => {
    spec
      .given([{ type: 'CustomerDeclarationIssued', data: { ...issued, issueNumber: 1 } }])
      .when({ type: 'RecordCustomerDeclaration', data: { ...issued, sha256: 'b'.repeat(64) } }, undefined)
      .then([{ type: 'CustomerDeclarationIssued', data: { ...issued, sha256: 'b'.repeat(64), issueNumber: 2 } }]);
  });
});
