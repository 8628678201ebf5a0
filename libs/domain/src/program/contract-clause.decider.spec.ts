import { DeciderSpecification } from '../shared/decider-specification';
import { foldState } from '../shared/decider';
import type { SupplierState } from '../supplier/supplier.decider';
import type { ProgramEvent } from './program.events';
import { contractClauseDecider, type ContractClauseEvent } from './contract-clause.decider';
import { contractClauseOnProgramStream } from './program-stream-records';

const spec = DeciderSpecification.for(contractClauseDecider);
const acme: SupplierState = { status: 'registered', supplierId: 'acme', name: 'Acme', tier: 'direct' };
const clause = {
  type: 'RecordContractClause' as const,
  data: { period: 2024, supplierId: 'acme', clause: 'MSA 2024 §12 conflict minerals' },
};
const recorded: ContractClauseEvent = { type: 'ContractClauseRecorded', data: clause.data };

describe("a supplier's contract clause (its own stream contract-clause-<year>-<supplierId>)", () => {
  it('is recorded for a registered supplier, once a year', () => {
    spec.given([]).when(clause, { supplier: acme, onProgramStream: false }).then([recorded]);
    spec.given([recorded]).when(clause, { supplier: acme, onProgramStream: false }).thenRefused('clause-already-recorded');
  });

  it('is refused for an unknown supplier', () => {
    spec
      .given([])
      .when(clause, { supplier: { status: 'unknown' }, onProgramStream: false })
      .thenRefused('supplier-unknown');
  });

  it("is refused when an older log recorded the supplier's clause on the year's program stream", () => {
    spec.given([]).when(clause, { supplier: acme, onProgramStream: true }).thenRefused('clause-already-recorded');
    const older: ProgramEvent[] = [
      { type: 'ContractClauseRecorded', data: { period: 2024, supplierId: 'cm-1', clause: 'MSA' } },
      {
        type: 'GrievanceRecorded',
        data: { period: 2024, grievanceId: 'acme', anonymous: true, description: 'A grievance whose id is a supplier id' },
      },
      { type: 'ContractClauseRecorded', data: { period: 2024, supplierId: 'acme', clause: 'MSA' } },
    ];
    expect(foldState(contractClauseOnProgramStream('acme'), older)).toBe(true);
    expect(foldState(contractClauseOnProgramStream('cm-1'), older)).toBe(true);
    expect(foldState(contractClauseOnProgramStream('cm-2'), older)).toBe(false);
    expect(foldState(contractClauseOnProgramStream('acme'), older.slice(0, 2))).toBe(false);
  });
});
