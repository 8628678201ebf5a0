import type { Decider } from '../shared/decider';
import { CommandRefused } from '../shared/command-refused';
import type { RegisterSupplier } from './register-supplier.command';
import type { SupplierEvent } from './supplier-registered.event';

export type SupplierState =
  | { status: 'unknown' }
  | { status: 'registered'; supplierId: string; name: string; tier: 'direct' | 'indirect'; parentSupplierId?: string };

export interface SupplierContext {
  /** State of the parent supplier's stream when the command names one. */
  parent?: SupplierState;
}

export const supplierDecider: Decider<RegisterSupplier, SupplierEvent, SupplierState, SupplierContext> = {
  initialState: () => ({ status: 'unknown' }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'SupplierRegistered':
        return { status: 'registered', ...event.data };
    }
  },
  decide: (command, state, context) => {
    if (state.status === 'registered') {
      throw new CommandRefused('supplier-already-registered', `supplier ${command.supplierId} is already registered`);
    }
    if (command.parentSupplierId !== undefined) {
      if (command.parentSupplierId === command.supplierId) {
        throw new CommandRefused('supplier-parent-is-self', 'a supplier cannot be its own parent');
      }
      if (context.parent?.status !== 'registered') {
        throw new CommandRefused('parent-supplier-unknown', `parent supplier ${command.parentSupplierId} is not registered`);
      }
    }
    return [{ type: 'SupplierRegistered', data: command }];
  },
};
