import { CommandRefused } from '../shared/command-refused';
import { decideByType, type Decider } from '../shared/decider';
import { commandRow, typed } from '../shared/command-row';
import { streams } from '../shared/streams';
import type { SupplierState } from '../supplier/supplier.decider';
import { DetermineProductMetals, LinkProductSupplier, RegisterProduct } from './product.commands';
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

type Registered = Extract<ProductState, { status: 'registered' }>;

function registered(state: ProductState, productId: string): Registered {
  if (state.status !== 'registered') throw new CommandRefused('product-unknown', `product ${productId} is not registered`);
  return state;
}

function linkSupplier({ data }: { data: LinkProductSupplier }, state: ProductState, context: ProductContext): ProductEvent[] {
  const product = registered(state, data.productId);
  if (context.supplier?.status !== 'registered')
    throw new CommandRefused('supplier-unknown', `supplier ${data.supplierId} is not registered`);
  if (product.suppliers.has(data.supplierId)) return [];
  return [{ type: 'ProductSupplierLinked', data }];
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
  decide: decideByType<ProductCommand, ProductEvent, ProductState, ProductContext>({
    RegisterProduct: ({ data }, state) => {
      if (state.status === 'registered')
        throw new CommandRefused('product-already-registered', `product ${data.productId} is already registered`);
      return [{ type: 'ProductRegistered', data }];
    },
    DetermineProductMetals: ({ data }, state) => {
      registered(state, data.productId);
      return [{ type: 'ProductMetalsDetermined', data }];
    },
    LinkProductSupplier: linkSupplier,
  }),
};

const onProduct = {
  decider: productDecider,
  streamId: (data: { productId: string }) => streams.product(data.productId),
  public: true,
  context: () => ({}),
};

/** The product commands' rows of the command table (command-table.ts). */
export const productCommandRows = {
  RegisterProduct: commandRow({
    businessTime: { rule: 'past-allowed', why: 'product data: records what was known of a product, when it was known' },
    closedPeriod: { rule: 'not-period-bound', why: 'products and their determinations are not kept per year' },
    example: {
      productId: 'xport',
      name: 'XPort',
      productLine: 'OEM Modules',
      metalsNecessary: ['tin', 'gold'],
      determination: 'solder, plating',
    },
    ...onProduct,
    schema: RegisterProduct,
    summary: 'Register a product with the 3TG necessary to its functionality or production',
    command: typed('RegisterProduct'),
  }),
  DetermineProductMetals: commandRow({
    businessTime: { rule: 'past-allowed', why: 'product data: records what was known of a product, when it was known' },
    closedPeriod: { rule: 'not-period-bound', why: 'products and their determinations are not kept per year' },
    example: { productId: 'xport', metalsNecessary: ['tin'], determination: 'gold removed' },
    ...onProduct,
    schema: DetermineProductMetals,
    summary: 'Revise which 3TG a product needs',
    command: typed('DetermineProductMetals'),
  }),
  LinkProductSupplier: commandRow({
    businessTime: { rule: 'past-allowed', why: 'product data: records that a supplier supplied parts of a product, from when it did' },
    closedPeriod: { rule: 'not-period-bound', why: 'products and their supplier links are not kept per year' },
    example: { productId: 'xport', supplierId: 'acme' },
    ...onProduct,
    schema: LinkProductSupplier,
    summary: 'Record that a supplier supplies parts of a product',
    needs: { supplier: (data) => data.supplierId },
    command: typed('LinkProductSupplier'),
    context: (facts) => ({ supplier: facts.supplier }),
  }),
};
