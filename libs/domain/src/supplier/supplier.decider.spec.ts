import { DeciderSpecification } from '../shared/decider-specification';
import type { RegisterSupplier } from './register-supplier.command';
import type { SupplierEvent } from './supplier-registered.event';
import { supplierDecider, type SupplierCommand, type SupplierState } from './supplier.decider';

const spec = DeciderSpecification.for(supplierDecider);

const acme: RegisterSupplier = { supplierId: 'acme', name: 'Acme Contract Manufacturing', tier: 'direct', country: 'DE' };
const acmeRegistered: SupplierEvent = { type: 'SupplierRegistered', data: acme };
const subTier: RegisterSupplier = { supplierId: 'acme-solder', name: 'Acme Solder Ltd', tier: 'indirect', parentSupplierId: 'acme' };
const registered = (data: RegisterSupplier): SupplierState => ({ status: 'registered', ...data });
const register = (data: RegisterSupplier): SupplierCommand => ({ type: 'RegisterSupplier', data });

describe('RegisterSupplier', () => {
  it('registers a new supplier', () => {
    spec.given([]).when(register(acme), {}).then([acmeRegistered]);
  });

  it('is refused when the supplier is already registered', () => {
    spec.given([acmeRegistered]).when(register(acme), {}).thenRefused('supplier-already-registered', 'acme');
  });

  it('registers a sub-tier supplier under a registered parent', () => {
    spec
      .given([])
      .when(register(subTier), { parent: registered(acme) })
      .then([{ type: 'SupplierRegistered', data: subTier }]);
  });

  it('is refused when the parent is not registered', () => {
    spec
      .given([])
      .when(register(subTier), {})
      .thenRefused('parent-supplier-unknown', /parent supplier acme is not registered/);
    spec
      .given([])
      .when(register(subTier), { parent: { status: 'unknown' } })
      .thenRefused('parent-supplier-unknown');
  });

  it('is refused when the supplier names itself as its parent', () => {
    spec
      .given([])
      .when(register({ ...subTier, parentSupplierId: 'acme-solder' }), { parent: registered(subTier) })
      .thenRefused('supplier-parent-is-self');
  });
});

describe('supplier state', () => {
  it('is the registered supplier after SupplierRegistered', () => {
    const state = supplierDecider.evolve(supplierDecider.initialState(), acmeRegistered);
    expect(state).toEqual({ status: 'registered', ...acme, activity: 'active' });
  });
});

describe('supplier profile: contacts, owner, status', () => {
  const command = <T extends SupplierCommand['type']>(type: T, data: Extract<SupplierCommand, { type: T }>['data']) =>
    ({ type, data }) as SupplierCommand;

  it('adds contacts once per e-mail, and only to a registered supplier', () => {
    const contact = { supplierId: 'acme', name: 'Ana', email: 'ana@acme.example' };
    spec
      .given([acmeRegistered])
      .when(command('AddSupplierContact', contact), {})
      .then([{ type: 'SupplierContactAdded', data: contact }]);
    spec
      .given([acmeRegistered, { type: 'SupplierContactAdded', data: contact }])
      .when(command('AddSupplierContact', { ...contact, email: 'ANA@acme.example' }), {})
      .thenRefused('contact-exists');
    spec.given([]).when(command('AddSupplierContact', contact), {}).thenRefused('supplier-unknown');
  });

  it('assigns an owner, remembering the previous one, and ignores a repeat', () => {
    const owned: SupplierEvent = { type: 'SupplierOwnerAssigned', data: { supplierId: 'acme', owner: 'buyer-1' } };
    spec
      .given([acmeRegistered])
      .when(command('AssignSupplierOwner', { supplierId: 'acme', owner: 'buyer-1' }), {})
      .then([owned]);
    spec
      .given([acmeRegistered, owned])
      .when(command('AssignSupplierOwner', { supplierId: 'acme', owner: 'buyer-2' }), {})
      .then([{ type: 'SupplierOwnerAssigned', data: { supplierId: 'acme', owner: 'buyer-2', previousOwner: 'buyer-1' } }]);
    spec
      .given([acmeRegistered, owned])
      .when(command('AssignSupplierOwner', { supplierId: 'acme', owner: 'buyer-1' }), {})
      .thenNothing();
  });

  it('changes the status only when it changes', () => {
    const inactive = { supplierId: 'acme', status: 'inactive' as const, reason: 'no longer supplies us' };
    spec
      .given([acmeRegistered])
      .when(command('ChangeSupplierStatus', inactive), {})
      .then([{ type: 'SupplierStatusChanged', data: inactive }]);
    spec
      .given([acmeRegistered])
      .when(command('ChangeSupplierStatus', { ...inactive, status: 'active' }), {})
      .thenRefused('status-unchanged');
  });
});

describe('RenameSupplier', () => {
  const rename = (name: string): SupplierCommand => ({ type: 'RenameSupplier', data: { supplierId: 'acme', name, reason: 'rebranded' } });

  it('renames a registered supplier, keeping the old name and the new in the event', () => {
    spec
      .given([acmeRegistered])
      .when(rename('Acme Electronics Manufacturing'), {})
      .then([
        {
          type: 'SupplierRenamed',
          data: {
            supplierId: 'acme',
            previousName: 'Acme Contract Manufacturing',
            name: 'Acme Electronics Manufacturing',
            reason: 'rebranded',
          },
        },
      ]);
  });

  it('changes nothing when the name is the current one', () => {
    spec.given([acmeRegistered]).when(rename('Acme Contract Manufacturing'), {}).thenNothing();
  });

  it('is refused for a supplier that is not registered', () => {
    spec.given([]).when(rename('Acme Electronics Manufacturing'), {}).thenRefused('supplier-unknown');
  });

  it('folds the new name into the state, so a second rename names it as the previous one', () => {
    const renamed: SupplierEvent = {
      type: 'SupplierRenamed',
      data: { supplierId: 'acme', previousName: 'Acme Contract Manufacturing', name: 'Acme Electronics' },
    };
    spec
      .given([acmeRegistered, renamed])
      .when(rename('Acme Group'), {})
      .then([
        {
          type: 'SupplierRenamed',
          data: { supplierId: 'acme', previousName: 'Acme Electronics', name: 'Acme Group', reason: 'rebranded' },
        },
      ]);
  });
});
