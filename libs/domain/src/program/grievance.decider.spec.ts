import { DeciderSpecification } from '../shared/decider-specification';
import { foldState } from '../shared/decider';
import type { SupplierState } from '../supplier/supplier.decider';
import { RecordGrievance } from './program.commands';
import type { ProgramEvent } from './program.events';
import { grievanceDecider, type GrievanceEvent } from './grievance.decider';
import { grievanceOnProgramStream } from './program-stream-records';

const spec = DeciderSpecification.for(grievanceDecider);
const acme: SupplierState = { status: 'registered', supplierId: 'acme', name: 'Acme', tier: 'direct' };
const fresh = { onProgramStream: false };
const tip = RecordGrievance.parse({
  period: 2024,
  grievanceId: 'g-1',
  description: 'A smelter in our chain is said to buy from an armed group',
});
const recorded: GrievanceEvent = { type: 'GrievanceRecorded', data: tip };

describe('a grievance (its own stream grievance-<year>-<id>)', () => {
  it('is recorded, anonymous by default, and an anonymous one names no reporter', () => {
    expect(tip.anonymous).toBe(true);
    spec.given([]).when({ type: 'RecordGrievance', data: tip }, fresh).then([recorded]);
    expect(RecordGrievance.safeParse({ ...tip, reporter: 'Jane' }).success).toBe(false);
  });

  it('is recorded once per id within its year', () => {
    spec
      .given([recorded])
      .when({ type: 'RecordGrievance', data: tip }, fresh)
      .thenRefused('grievance-already-recorded', /g-1 is already recorded for 2024/);
  });

  it("is refused when an older log recorded the same id on the year's program stream", () => {
    spec.given([]).when({ type: 'RecordGrievance', data: tip }, { onProgramStream: true }).thenRefused('grievance-already-recorded');
  });

  it('may name a registered supplier, never an unknown one', () => {
    const aboutAcme = RecordGrievance.parse({ ...tip, supplierId: 'acme' });
    spec
      .given([])
      .when({ type: 'RecordGrievance', data: aboutAcme }, { supplier: acme, onProgramStream: false })
      .then([{ type: 'GrievanceRecorded', data: aboutAcme }]);
    spec
      .given([])
      .when({ type: 'RecordGrievance', data: aboutAcme }, { supplier: { status: 'unknown' }, onProgramStream: false })
      .thenRefused('supplier-unknown');
  });
});

describe('grievances an older log holds on program-<year>', () => {
  const older: ProgramEvent[] = [
    { type: 'PolicyAdopted', data: { period: 2024, version: '2024-1', url: 'https://example.com/policy.pdf' } },
    { type: 'GrievanceRecorded', data: { period: 2024, grievanceId: 'g-1', anonymous: true, description: 'Tin from an armed group' } },
    { type: 'ContractClauseRecorded', data: { period: 2024, supplierId: 'g-2', clause: 'MSA 2024 §12' } },
    {
      type: 'GrievanceRecorded',
      data: { period: 2024, grievanceId: 'g-3', anonymous: false, reporter: 'Jane Roe', description: 'A suspended refiner' },
    },
  ];

  it('are found by id, and only grievances count', () => {
    expect(foldState(grievanceOnProgramStream('g-1'), older)).toBe(true);
    expect(foldState(grievanceOnProgramStream('g-3'), older)).toBe(true);
    expect(foldState(grievanceOnProgramStream('g-2'), older)).toBe(false);
    expect(foldState(grievanceOnProgramStream('g-1'), [])).toBe(false);
  });
});
