import { DeciderSpecification } from '../shared/decider-specification';
import type { RegisterSupplier } from './register-supplier.command';
import type { SupplierEvent } from './supplier-registered.event';
import { supplierDecider, type SupplierState } from './supplier.decider';

const spec = DeciderSpecification.for(supplierDecider);

const acme: RegisterSupplier = { supplierId: 'acme', name: 'Acme Contract Manufacturing', tier: 'direct', country: 'DE' };
const acmeRegistered: SupplierEvent = { type: 'SupplierRegistered', data: acme };
const subTier: RegisterSupplier = { supplierId: 'acme-solder', name: 'Acme Solder Ltd', tier: 'indirect', parentSupplierId: 'acme' };
const registered = (data: RegisterSupplier): SupplierState => ({ status: 'registered', ...data });

describe('RegisterSupplier', () => {
  it('registers a new supplier', () => {
    spec.given([]).when(acme, {}).then([acmeRegistered]);
  });

  it('is refused when the supplier is already registered', () => {
    spec.given([acmeRegistered]).when(acme, {}).thenRefused('supplier-already-registered', 'acme');
  });

  it('registers a sub-tier supplier under a registered parent', () => {
    spec
      .given([])
      .when(subTier, { parent: registered(acme) })
      .then([{ type: 'SupplierRegistered', data: subTier }]);
  });

  it('is refused when the parent is not registered', () => {
    spec.given([]).when(subTier, {}).thenRefused('parent-supplier-unknown', /parent supplier acme is not registered/);
    spec.given([]).when(subTier, { parent: { status: 'unknown' } }).thenRefused('parent-supplier-unknown');
  });

  it('is refused when the supplier names itself as its parent', () => {
    spec
      .given([])
      .when({ ...subTier, parentSupplierId: 'acme-solder' }, { parent: registered(subTier) })
      .thenRefused('supplier-parent-is-self');
  });
});

describe('supplier state', () => {
  it('is the registered supplier after SupplierRegistered', () => {
    const state = supplierDecider.evolve(supplierDecider.initialState(), acmeRegistered);
    expect(state).toEqual({ status: 'registered', ...acme });
  });
});
