import { reviewEmrtDeclaration } from '../declaration/checker/emrt-review.rules';
import { completeEmrtDeclaration } from '../declaration/checker/emrt-declaration.fixture';
import { summariseFindings } from '../declaration/checker/summarise-findings';
import type { EmrtDeclaration } from '../declaration/emrt-declaration.schema';
import type { EmrtResponseRecorded } from '../survey/survey.events';
import { risksFromEmrtResponse } from './risks-from-findings.policy';

/**
 * EMRT minerals in the risk register: given an EMRT answer, when it is reviewed and recorded, then a
 * mineral sourced from conflict-affected and high-risk areas (question 3, domain.md §1.10) is a red flag
 * at its cell and a cahra-sourcing risk of that mineral, as a 3TG metal's would be.
 */
function recorded(declaration: EmrtDeclaration): EmrtResponseRecorded {
  const findings = reviewEmrtDeclaration(declaration, { expectedCompanyName: 'Cobalt Components GmbH' });
  return {
    supplierId: 'cobalt-co',
    period: 2024,
    family: 'emrt',
    requestNumber: 1,
    responseNumber: 1,
    receivedAt: '2025-01-20T08:00:00.000Z',
    declaration,
    source: { kind: 'json' },
    inScopeMinerals: ['cobalt', 'mica'],
    findings,
    followUpKinds: summariseFindings(findings).followUpKinds,
    usability: 'usable',
  };
}

describe('risks from an EMRT response', () => {
  it('given no mineral from CAHRAs, then no red flag and no risk', () => {
    const response = recorded(completeEmrtDeclaration());
    expect(response.findings).toEqual([]);
    expect(risksFromEmrtResponse(response, 'e-1')).toEqual([]);
  });

  it('given cobalt from CAHRAs (Q3 Yes) and mica unknown, then a red flag at each cell and one high cahra-sourcing risk per mineral', () => {
    const declaration = completeEmrtDeclaration();
    declaration.minerals[0].q3 = { answer: 'Yes', comment: 'one refiner sources from the DRC' };
    declaration.minerals[2].q3 = { answer: 'Unknown' };
    const response = recorded(declaration);
    expect(response.findings).toEqual([
      expect.objectContaining({ ruleId: 'review.emrt-cahra-sourcing', severity: 'red-flag', metal: 'cobalt', cell: 'Declaration!D54' }),
      expect.objectContaining({ ruleId: 'review.emrt-cahra-unknown', severity: 'red-flag', metal: 'mica', cell: 'Declaration!D56' }),
    ]);
    expect(risksFromEmrtResponse(response, 'e-1')).toEqual([
      {
        supplierId: 'cobalt-co',
        period: 2024,
        metal: 'cobalt',
        category: 'cahra-sourcing',
        severity: 'high',
        reason:
          'Declaration!D54: Cobalt is sourced from conflict-affected and high-risk areas (question 3 = Yes): one refiner sources from the DRC.',
        source: { kind: 'response-finding', eventId: 'e-1', ruleIds: ['review.emrt-cahra-sourcing'] },
      },
      expect.objectContaining({ metal: 'mica', category: 'cahra-sourcing', severity: 'high' }),
    ]);
  });

  it('given Q3 Yes for a mineral not in scope (Q2 No), then nothing: the Checker ignores its answers', () => {
    const declaration = completeEmrtDeclaration();
    declaration.minerals[0].q2 = { answer: 'No' };
    declaration.minerals[0].q3 = { answer: 'Yes' };
    expect(risksFromEmrtResponse(recorded(declaration), 'e-1').filter((risk) => risk.metal === 'cobalt')).toEqual([]);
  });
});
