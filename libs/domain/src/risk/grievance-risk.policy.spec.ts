import { RecordGrievance } from '../program/program.commands';
import type { GrievanceRecorded } from '../program/program.events';
import { DeciderSpecification } from '../shared/decider-specification';
import type { SupplierState } from '../supplier/supplier.decider';
import { grievanceRiskWorkflow, riskFromGrievance } from './grievance-risk.policy';
import { riskIdFor } from './risk-id';
import { riskDecider, type RiskContext } from './risk.decider';

const spec = DeciderSpecification.for(riskDecider);
const NOW = '2025-02-01T09:00:00.000Z';
const acme: SupplierState = { status: 'registered', supplierId: 'acme', name: 'Acme', tier: 'direct' };

const anonymousTip: GrievanceRecorded = RecordGrievance.parse({
  period: 2024,
  grievanceId: 'g-1',
  description: 'A tin smelter in your chain is said to buy ore from an armed group in South Kivu',
  metal: 'tin',
});
const namedComplaint: GrievanceRecorded = RecordGrievance.parse({
  period: 2024,
  grievanceId: 'g-2',
  anonymous: false,
  reporter: 'NGO field researcher',
  description: 'Acme buys from CID001105',
  supplierId: 'acme',
  metal: 'tin',
  smelterId: 'CID001105',
});

describe('a grievance raises a risk (grievance → RaiseRisk)', () => {
  it('given an anonymous grievance naming no supplier, then a high grievance risk about nobody in particular, citing the event', () => {
    expect(riskFromGrievance(anonymousTip, 'evt-g1')).toEqual({
      period: 2024,
      metal: 'tin',
      category: 'grievance',
      severity: 'high',
      reason: 'Anonymous grievance g-1 about tin: A tin smelter in your chain is said to buy ore from an armed group in South Kivu',
      source: { kind: 'grievance', eventId: 'evt-g1', grievanceId: 'g-1' },
    });
  });

  it('given a grievance naming a supplier and a smelter, then the risk is about them, and the reporter is not copied', () => {
    const risk = riskFromGrievance(namedComplaint, 'evt-g2');
    expect(risk).toMatchObject({ supplierId: 'acme', metal: 'tin', smelterId: 'CID001105', category: 'grievance' });
    expect(risk.reason).toBe('Grievance g-2 about supplier acme, tin, smelter CID001105: Acme buys from CID001105');
    expect(JSON.stringify(risk)).not.toContain('NGO field researcher');
  });

  it('keeps one risk per grievance: two tips about the same thing are two risks', () => {
    const first = riskFromGrievance(anonymousTip, 'evt-g1');
    const second = riskFromGrievance({ ...anonymousTip, grievanceId: 'g-3' }, 'evt-g3');
    expect(riskIdFor(first)).not.toBe(riskIdFor(second));
    expect(riskIdFor(first)).toBe(riskIdFor(riskFromGrievance(anonymousTip, 'evt-g1-replayed')));
    // Other risks keep the ids they always had.
    expect(riskIdFor({ period: 2024, supplierId: 'acme', category: 'covered-country-sourcing', metal: 'gold' })).toMatch(
      /^2024-[0-9a-f]{16}$/,
    );
  });
});

describe('RaiseRisk from a grievance', () => {
  it('given no supplier named, when raised, then RiskRaised without a supplier (no supplier check)', () => {
    const raise = riskFromGrievance(anonymousTip, 'evt-g1');
    spec
      .given([])
      .when({ type: 'RaiseRisk', data: raise }, { now: NOW })
      .then([{ type: 'RiskRaised', data: { riskId: riskIdFor(raise), ...raise } }]);
  });

  it('given a named supplier, then it must be registered', () => {
    const raise = riskFromGrievance(namedComplaint, 'evt-g2');
    spec
      .given([])
      .when({ type: 'RaiseRisk', data: raise }, { supplier: acme, now: NOW })
      .then([{ type: 'RiskRaised', data: { riskId: riskIdFor(raise), ...raise } }]);
    spec
      .given([])
      .when({ type: 'RaiseRisk', data: raise }, { supplier: { status: 'unknown' }, now: NOW })
      .thenRefused('supplier-unknown');
  });

  it('refuses a risk without a supplier from any other source', () => {
    const context: RiskContext = { now: NOW };
    spec
      .given([])
      .when(
        {
          type: 'RaiseRisk',
          data: { period: 2024, category: 'due-diligence-gap', severity: 'low', reason: 'x', source: { kind: 'flag' } },
        },
        context,
      )
      .thenRefused('supplier-required');
  });

  it('given the grievance risk is open, when raised again (a replay), then nothing new', () => {
    const raise = riskFromGrievance(anonymousTip, 'evt-g1');
    spec
      .given([{ type: 'RiskRaised', data: { riskId: riskIdFor(raise), ...raise } }])
      .when({ type: 'RaiseRisk', data: raise }, { now: NOW })
      .thenNothing();
  });
});

describe('the grievance-risk workflow', () => {
  it('given a recorded grievance, then one RaiseRisk, its id derived from the grievance event', () => {
    const { commands, changes } = grievanceRiskWorkflow.decide({
      type: 'GrievanceRecorded',
      data: namedComplaint,
      metadata: { eventId: 'evt-g2' },
    });
    expect(commands).toEqual([
      { name: 'RaiseRisk', data: riskFromGrievance(namedComplaint, 'evt-g2'), commandId: 'grievance-risk/evt-g2' },
    ]);
    expect(changes).toEqual([]);
  });
});
