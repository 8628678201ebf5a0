import { DeciderSpecification } from '../shared/decider-specification';
import type { SupplierState } from '../supplier/supplier.decider';
import { productDecider } from './product.decider';
import type { ProductEvent } from './product.events';

const spec = DeciderSpecification.for(productDecider);
const acme: SupplierState = { status: 'registered', supplierId: 'acme', name: 'Acme', tier: 'direct' };
const product = {
  productId: 'xport',
  name: 'XPort embedded device server',
  productLine: 'OEM Modules',
  metalsNecessary: ['tin' as const, 'gold' as const],
  determination: 'solder and connector plating',
};
const registered: ProductEvent = { type: 'ProductRegistered', data: product };

describe('products and their 3TG determination', () => {
  it('registers a product once', () => {
    spec.given([]).when({ type: 'RegisterProduct', data: product }, {}).then([registered]);
    spec.given([registered]).when({ type: 'RegisterProduct', data: product }, {}).thenRefused('product-already-registered');
  });

  it('revises the determination of a registered product', () => {
    const revised = { productId: 'xport', metalsNecessary: ['tin' as const], determination: 'gold plating removed in rev C' };
    spec
      .given([registered])
      .when({ type: 'DetermineProductMetals', data: revised }, {})
      .then([{ type: 'ProductMetalsDetermined', data: revised }]);
    spec.given([]).when({ type: 'DetermineProductMetals', data: revised }, {}).thenRefused('product-unknown');
  });

  it('links registered suppliers, once each', () => {
    const link = { type: 'LinkProductSupplier' as const, data: { productId: 'xport', supplierId: 'acme' } };
    spec
      .given([registered])
      .when(link, { supplier: acme })
      .then([{ type: 'ProductSupplierLinked', data: link.data }]);
    spec
      .given([registered, { type: 'ProductSupplierLinked', data: link.data }])
      .when(link, { supplier: acme })
      .thenNothing();
    spec
      .given([registered])
      .when(link, { supplier: { status: 'unknown' } })
      .thenRefused('supplier-unknown');
  });
});
