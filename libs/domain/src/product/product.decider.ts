import { CommandRefused } from '../shared/command-refused';
import type { Decider } from '../shared/decider';
import type { SupplierState } from '../supplier/supplier.decider';
import type { DetermineProductMetals, LinkProductSupplier, RegisterProduct } from './product.commands';
import type { ProductEvent } from './product.events';

export type ProductCommand =
  | { type: 'RegisterProduct'; data: RegisterProduct }
  | { type: 'DetermineProductMetals'; data: DetermineProductMetals }
  | { type: 'LinkProductSupplier'; data: LinkProductSupplier };

export type ProductState = { status: 'unknown' } | { status: 'registered'; suppliers: Set<string> };

export interface ProductContext {
  /** The supplier LinkProductSupplier names. */
  supplier?: SupplierState;
}

/** The `product-<id>` stream. */
export const productDecider: Decider<ProductCommand, ProductEvent, ProductState, ProductContext> = {
  initialState: () => ({ status: 'unknown' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ProductRegistered':
        return { status: 'registered', suppliers: new Set() };
      case 'ProductSupplierLinked':
        // The fold owns the set (decider.ts): adding to it keeps a product with many suppliers linear to fold.
        return state.status === 'registered' ? { ...state, suppliers: state.suppliers.add(event.data.supplierId) } : state;
      default:
        return state;
    }
  },
  decide: (command, state, context) => {
    const { productId } = command.data;
    if (command.type === 'RegisterProduct') {
      if (state.status === 'registered') throw new CommandRefused('product-already-registered', `product ${productId} is already registered`);
      return [{ type: 'ProductRegistered', data: command.data }];
    }
    if (state.status !== 'registered') throw new CommandRefused('product-unknown', `product ${productId} is not registered`);
    if (command.type === 'DetermineProductMetals') return [{ type: 'ProductMetalsDetermined', data: command.data }];
    if (context.supplier?.status !== 'registered') {
      throw new CommandRefused('supplier-unknown', `supplier ${command.data.supplierId} is not registered`);
    }
    if (state.suppliers.has(command.data.supplierId)) return [];
    return [{ type: 'ProductSupplierLinked', data: command.data }];
  },
};
