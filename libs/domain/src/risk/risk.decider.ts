import { CommandRefused } from '../shared/command-refused';
import type { Decider } from '../shared/decider';
import type { SupplierState } from '../supplier/supplier.decider';
import type { FlagNonConflictFree } from './flag-non-conflict-free.command';
import type { RaiseRisk } from './raise-risk.command';
import { riskIdFor } from './risk-id';
import type { RiskEvent } from './risk.events';

export type RiskCommand =
  | { type: 'FlagNonConflictFree'; data: FlagNonConflictFree }
  | { type: 'RaiseRisk'; data: RaiseRisk };

export type RiskState = { status: 'none' } | { status: 'open'; riskId: string };

export interface RiskContext {
  supplier: SupplierState;
}

export const riskDecider: Decider<RiskCommand, RiskEvent, RiskState, RiskContext> = {
  initialState: () => ({ status: 'none' }),
  evolve: (_state, event) => ({ status: 'open', riskId: event.data.riskId }),
  decide: (command, state, context) => {
    const { supplierId } = command.data;
    if (context.supplier.status !== 'registered') {
      throw new CommandRefused('supplier-unknown', `supplier ${supplierId} is not registered`);
    }
    switch (command.type) {
      case 'FlagNonConflictFree': {
        const { period, metal, smelterId, reason, evidence } = command.data;
        const category = 'non-conflict-free-smelter';
        if (state.status === 'open') {
          throw new CommandRefused(
            'risk-already-open',
            `risk ${state.riskId} for ${smelterId ?? 'an unidentified smelter'} (${metal}) of ${supplierId} in ${period} is already open`,
          );
        }
        const riskId = riskIdFor({ period, supplierId, category, metal, smelterId });
        return [
          {
            type: 'RiskRaised',
            data: { riskId, supplierId, period, metal, smelterId, category, severity: 'high', reason, evidence, source: { kind: 'flag' } },
          },
        ];
      }
      case 'RaiseRisk': {
        // Raised again by a resubmission with the same red flag: the open risk already covers it.
        if (state.status === 'open') return [];
        const riskId = riskIdFor(command.data);
        return [{ type: 'RiskRaised', data: { riskId, ...command.data } }];
      }
    }
  },
};
