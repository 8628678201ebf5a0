import { AmrtDeclaration } from '../amrt-declaration.schema';
import { evaluateAmrtDeclaration } from './evaluate-template-declaration';

/** The AMRT 1.3 Checker rules (its Checker sheet; domain.md §1.11), over JSON declarations. */
function completeAmrt(): AmrtDeclaration {
  return AmrtDeclaration.parse({
    templateVersion: '1.3',
    company: {
      name: 'Alu Parts SA',
      scope: 'company',
      contactName: 'Ana Lima',
      contactEmail: 'ana@example.com',
      contactPhone: '+351 21 000',
      authorizer: 'Rui Costa',
      authorizerEmail: 'rui@example.com',
      effectiveDate: '2025-06-15',
    },
    minerals: [
      { mineral: 'Aluminum', q1: { answer: 'Yes' }, q2: { answer: '100%' } },
      { mineral: 'Cadmium', other: true, q1: { answer: 'No' } },
    ],
    smelters: [{ row: 5, metal: 'Aluminum', lookupName: 'Aluminerie Alouette Inc.', country: 'CANADA', smelterId: 'CID004629' }],
  });
}

const cells = (declaration: AmrtDeclaration) => evaluateAmrtDeclaration(declaration).map((finding) => `${finding.ruleId} ${finding.cell}`);

describe('AMRT Checker rules', () => {
  it('find nothing in a complete AMRT answer, and question 2 is never required (the Checker does not count it)', () => {
    expect(cells(completeAmrt())).toEqual([]);
    const declaration = completeAmrt();
    delete declaration.minerals[0].q2;
    expect(cells(declaration)).toEqual([]);
  });

  it('name the AMRT cells of the company block (D20-D27)', () => {
    const declaration = completeAmrt();
    declaration.company = { name: 'Alu Parts SA', scope: 'company', contactEmail: 'ana at example.com' };
    expect(cells(declaration)).toEqual([
      'amrt.checker.contact-name Declaration!D20',
      'amrt.checker.contact-email Declaration!D21',
      'amrt.checker.contact-phone Declaration!D22',
      'amrt.checker.authorizer Declaration!D23',
      'amrt.checker.authorizer-email Declaration!D25',
      'amrt.checker.effective-date Declaration!D27',
    ]);
  });

  it('question 1 per mineral on rows 31-40, and smelters for a mineral unless question 1 is No, Unknown or Not declaring', () => {
    const declaration = completeAmrt();
    delete declaration.minerals[1].q1;
    expect(cells(declaration)).toEqual(['amrt.checker.q1-required Declaration!D32', 'amrt.checker.smelters-for-mineral Smelter List!B6']);
    declaration.minerals[1].q1 = { answer: 'Unknown' };
    expect(cells(declaration)).toEqual([]);
  });

  it('a smelter row counts for its mineral only with both a look-up value and a country (Smelter List X = B&"+")', () => {
    const declaration = completeAmrt();
    delete declaration.smelters[0].country;
    expect(cells(declaration)).toEqual(['amrt.checker.smelters-for-mineral Smelter List!B6']);
  });

  it('"Other [specify below]" without a name points at the cell below its selector', () => {
    const declaration = completeAmrt();
    declaration.minerals.push({ other: true, selector: 'H12' });
    expect(cells(declaration)).toEqual(['amrt.checker.other-mineral-name Declaration!H15']);
  });

  it('no mineral at all', () => {
    const declaration = completeAmrt();
    declaration.minerals = [];
    expect(cells(declaration)).toEqual(['amrt.checker.minerals-selected Declaration!D12']);
  });

  it('the schema refuses a mineral without a name unless it was chosen as "Other"', () => {
    expect(AmrtDeclaration.safeParse({ minerals: [{ q1: { answer: 'Yes' } }] }).success).toBe(false);
    expect(AmrtDeclaration.safeParse({ minerals: [{ other: true }] }).success).toBe(true);
  });
});
