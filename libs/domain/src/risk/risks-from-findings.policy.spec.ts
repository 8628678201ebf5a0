import { evaluateDeclaration } from '../declaration/checker';
import { jxAdvancedMetalsSample, sampleEvaluationContext, SAMPLE_RECEIVED_AT } from '../declaration/checker/cmrt-samples.fixture';
import { completeDeclaration, FIXTURE_RECEIVED_AT } from '../declaration/checker/declaration.fixture';
import { inScopeMetals } from '../declaration/metal-scope';
import type { Declaration } from '../declaration/declaration.schema';
import type { ResponseRecorded } from '../survey/survey.events';
import { riskFromFindingsWorkflow, risksFromResponse } from './risks-from-findings.policy';

function recorded(declaration: Declaration, receivedAt: string): ResponseRecorded {
  const findings = evaluateDeclaration(declaration, { receivedAt });
  return {
    supplierId: 'jx',
    period: 2024,
    requestNumber: 1,
    responseNumber: 1,
    receivedAt,
    declaration,
    source: { kind: 'json' },
    inScopeMetals: inScopeMetals(declaration),
    findings,
    followUpKinds: [],
    smelterMatches: [],
    referenceListAsOf: null,
  };
}

describe('risks raised by the red-flag findings of a response', () => {
  it('given a complete declaration without red flags, then no risk is raised', () => {
    expect(risksFromResponse(recorded(completeDeclaration(), FIXTURE_RECEIVED_AT), 'event-1')).toEqual([]);
  });

  it('given JX (covered-country and CAHRA sourcing for Ta and W), then one high risk per category and metal, citing the cells', () => {
    const response = recorded(jxAdvancedMetalsSample(), SAMPLE_RECEIVED_AT);
    expect(sampleEvaluationContext().receivedAt).toBe(SAMPLE_RECEIVED_AT);
    const risks = risksFromResponse(response, 'event-7');
    expect(risks.map((r) => [r.category, r.metal, r.severity])).toEqual([
      ['covered-country-sourcing', 'tantalum', 'high'],
      ['covered-country-sourcing', 'tungsten', 'high'],
      ['cahra-sourcing', 'tantalum', 'high'],
      ['cahra-sourcing', 'tungsten', 'high'],
    ]);
    expect(risks[0].reason).toContain('Declaration!D38');
    expect(risks[0].source).toEqual({ kind: 'response-finding', eventId: 'event-7', ruleIds: ['review.covered-countries-sourcing'] });
  });

  it('given a smelter "not yet identified" and a policy answered No, then an unidentified-smelter risk and a due-diligence gap', () => {
    const declaration = completeDeclaration();
    declaration.smelters.push({ row: 20, metal: declaration.smelters[0].metal, lookupName: 'Smelter not yet identified' });
    declaration.companyQuestions.A = { answer: 'No' };
    const categories = risksFromResponse(recorded(declaration, FIXTURE_RECEIVED_AT), 'e').map((r) => r.category);
    expect(categories).toEqual(expect.arrayContaining(['unidentified-smelter', 'due-diligence-gap']));
  });
});

describe('the risk-from-findings workflow', () => {
  it('given a recorded response with red flags, then one RaiseRisk per risk, its id derived from the event and what the risk is about', () => {
    const data = recorded(jxAdvancedMetalsSample(), SAMPLE_RECEIVED_AT);
    const { commands, changes } = riskFromFindingsWorkflow.decide({ type: 'ResponseRecorded', data, metadata: { eventId: 'event-7' } });
    expect(commands.map(({ name, commandId }) => [name, commandId])).toEqual([
      ['RaiseRisk', 'risk-from-findings/event-7/covered-country-sourcing/tantalum'],
      ['RaiseRisk', 'risk-from-findings/event-7/covered-country-sourcing/tungsten'],
      ['RaiseRisk', 'risk-from-findings/event-7/cahra-sourcing/tantalum'],
      ['RaiseRisk', 'risk-from-findings/event-7/cahra-sourcing/tungsten'],
    ]);
    expect(commands.map((command) => command.data)).toEqual(risksFromResponse(data, 'event-7'));
    expect(changes).toEqual([]);
  });
});
