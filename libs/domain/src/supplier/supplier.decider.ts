import { decideByType, type Decider } from '../shared/decider';
import { CommandRefused } from '../shared/command-refused';
import { commandRow, typed } from '../shared/command-row';
import { streams } from '../shared/streams';
import { RegisterSupplier } from './register-supplier.command';
import { AddSupplierContact, AssignSupplierOwner, ChangeSupplierStatus, RenameSupplier } from './supplier-profile.commands';
import type { SupplierEvent } from './supplier-registered.event';

export type SupplierCommand =
  | { type: 'RegisterSupplier'; data: RegisterSupplier }
  | { type: 'AddSupplierContact'; data: AddSupplierContact }
  | { type: 'AssignSupplierOwner'; data: AssignSupplierOwner }
  | { type: 'ChangeSupplierStatus'; data: ChangeSupplierStatus }
  | { type: 'RenameSupplier'; data: RenameSupplier };

export type SupplierState =
  | { status: 'unknown' }
  | {
      status: 'registered';
      supplierId: string;
      name: string;
      tier: 'direct' | 'indirect';
      parentSupplierId?: string;
      /** Active unless changed; other deciders only need to know the supplier exists. */
      activity?: 'active' | 'inactive';
      owner?: string;
      contactEmails?: string[];
    };

export interface SupplierContext {
  /** State of the parent supplier's stream when the command names one. */
  parent?: SupplierState;
}

type Registered = Extract<SupplierState, { status: 'registered' }>;

function registered(state: SupplierState, supplierId: string): Registered {
  if (state.status !== 'registered') throw new CommandRefused('supplier-unknown', `supplier ${supplierId} is not registered`);
  return state;
}

function registerSupplier({ data }: { data: RegisterSupplier }, state: SupplierState, context: SupplierContext): SupplierEvent[] {
  const { supplierId, parentSupplierId } = data;
  if (state.status === 'registered')
    throw new CommandRefused('supplier-already-registered', `supplier ${supplierId} is already registered`);
  if (parentSupplierId !== undefined) {
    if (parentSupplierId === supplierId) throw new CommandRefused('supplier-parent-is-self', 'a supplier cannot be its own parent');
    if (context.parent?.status !== 'registered') {
      throw new CommandRefused('parent-supplier-unknown', `parent supplier ${parentSupplierId} is not registered`);
    }
  }
  return [{ type: 'SupplierRegistered', data }];
}

function addContact(data: AddSupplierContact, state: Registered): SupplierEvent[] {
  if (state.contactEmails?.includes(data.email.toLowerCase())) {
    throw new CommandRefused('contact-exists', `${data.email} is already a contact of ${data.supplierId}`);
  }
  return [{ type: 'SupplierContactAdded', data }];
}

function assignOwner(data: AssignSupplierOwner, state: Registered): SupplierEvent[] {
  if (state.owner === data.owner) return [];
  return [{ type: 'SupplierOwnerAssigned', data: { ...data, ...(state.owner ? { previousOwner: state.owner } : {}) } }];
}

function changeStatus(data: ChangeSupplierStatus, state: Registered): SupplierEvent[] {
  if ((state.activity ?? 'active') === data.status)
    throw new CommandRefused('status-unchanged', `${data.supplierId} is already ${data.status}`);
  return [{ type: 'SupplierStatusChanged', data }];
}

function rename(data: RenameSupplier, state: Registered): SupplierEvent[] {
  if (state.name === data.name) return [];
  return [{ type: 'SupplierRenamed', data: { ...data, previousName: state.name } }];
}

export const supplierDecider: Decider<SupplierCommand, SupplierEvent, SupplierState, SupplierContext> = {
  initialState: () => ({ status: 'unknown' }),
  evolve: (state, event) => {
    if (event.type === 'SupplierRegistered') return { status: 'registered', ...event.data, activity: 'active' };
    if (state.status !== 'registered') return state;
    switch (event.type) {
      case 'SupplierContactAdded': {
        // The fold owns the list (decider.ts): every survey command folds this stream, so contacts must not make it quadratic.
        const contactEmails = state.contactEmails ?? [];
        contactEmails.push(event.data.email.toLowerCase());
        return { ...state, contactEmails };
      }
      case 'SupplierOwnerAssigned':
        return { ...state, owner: event.data.owner };
      case 'SupplierStatusChanged':
        return { ...state, activity: event.data.status };
      case 'SupplierRenamed':
        return { ...state, name: event.data.name };
    }
  },
  decide: decideByType<SupplierCommand, SupplierEvent, SupplierState, SupplierContext>({
    RegisterSupplier: registerSupplier,
    AddSupplierContact: (command, state) => addContact(command.data, registered(state, command.data.supplierId)),
    AssignSupplierOwner: (command, state) => assignOwner(command.data, registered(state, command.data.supplierId)),
    ChangeSupplierStatus: (command, state) => changeStatus(command.data, registered(state, command.data.supplierId)),
    RenameSupplier: (command, state) => rename(command.data, registered(state, command.data.supplierId)),
  }),
};

const onSupplier = {
  decider: supplierDecider,
  streamId: (data: { supplierId: string }) => streams.supplier(data.supplierId),
  context: () => ({}),
};

/** The supplier commands' rows of the command table (command-table.ts). */
export const supplierCommandRows = {
  RegisterSupplier: commandRow({
    businessTime: { rule: 'past-allowed', why: 'the supplier register: from when the supplier was one' },
    closedPeriod: { rule: 'not-period-bound', why: 'the supplier register spans years' },
    example: { supplierId: 'acme', name: 'Acme Contract Manufacturing', tier: 'direct', country: 'CN', parentSupplierId: 'acme-group' },
    ...onSupplier,
    schema: RegisterSupplier,
    summary: 'Register a direct or indirect supplier',
    public: true,
    needs: { supplier: (data) => data.parentSupplierId },
    command: typed('RegisterSupplier'),
    context: (facts) => ({ parent: facts.supplier }),
  }),
  AddSupplierContact: commandRow({
    businessTime: { rule: 'past-allowed', why: 'the supplier register: from when the contact was known' },
    closedPeriod: { rule: 'not-period-bound', why: 'the supplier register spans years' },
    example: { supplierId: 'acme', name: 'Ana Silva', email: 'ana@acme.example', role: 'compliance' },
    ...onSupplier,
    schema: AddSupplierContact,
    summary: 'Add a contact person at a supplier',
    public: true,
    command: typed('AddSupplierContact'),
  }),
  AssignSupplierOwner: commandRow({
    businessTime: { rule: 'past-allowed', why: 'the supplier register: from when the owner was named' },
    closedPeriod: { rule: 'not-period-bound', why: 'the supplier register spans years' },
    example: { supplierId: 'acme', owner: 'buyer-1' },
    ...onSupplier,
    schema: AssignSupplierOwner,
    summary: 'Name the person in our company who owns a supplier relationship',
    public: true,
    command: typed('AssignSupplierOwner'),
  }),
  ChangeSupplierStatus: commandRow({
    businessTime: { rule: 'past-allowed', why: 'the supplier register: from when the supplier became active or inactive' },
    closedPeriod: { rule: 'not-period-bound', why: 'the supplier register spans years' },
    example: { supplierId: 'acme', status: 'inactive', reason: 'contract ended' },
    ...onSupplier,
    schema: ChangeSupplierStatus,
    summary: 'Mark a supplier active or inactive',
    public: true,
    command: typed('ChangeSupplierStatus'),
  }),
  RenameSupplier: commandRow({
    businessTime: { rule: 'past-allowed', why: 'the supplier register: from when the supplier was renamed' },
    closedPeriod: { rule: 'not-period-bound', why: 'the supplier register spans years' },
    example: { supplierId: 'acme', name: 'Acme Electronics', reason: 'rebranded' },
    ...onSupplier,
    schema: RenameSupplier,
    summary: "Change a supplier's registered name (its id stays); the event keeps the old name and the new",
    public: true,
    command: typed('RenameSupplier'),
  }),
};
