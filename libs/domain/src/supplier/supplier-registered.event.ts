import { z } from 'zod';
import type { EventSchemasByType, EventsOf } from '../shared/event-family';
import { EntityId } from '../shared/period';
import { AddSupplierContact, AssignSupplierOwner, ChangeSupplierStatus } from './supplier-profile.commands';
import { RegisterSupplier, SupplierTier } from './register-supplier.command';

// Each event states its own fields (borrowing the commands' field rules): a command may change what
// it accepts without changing what the log says.
export const SupplierRegistered = z
  .object({
    supplierId: EntityId,
    name: RegisterSupplier.shape.name,
    tier: SupplierTier,
    country: RegisterSupplier.shape.country,
    parentSupplierId: EntityId.optional(),
  })
  .strict();
export type SupplierRegistered = z.infer<typeof SupplierRegistered>;
export const SupplierContactAdded = z
  .object({
    supplierId: EntityId,
    name: AddSupplierContact.shape.name,
    email: AddSupplierContact.shape.email,
    role: AddSupplierContact.shape.role,
    /** Absent in events recorded before messages had a language: English. */
    language: AddSupplierContact.shape.language,
  })
  .strict();
export type SupplierContactAdded = z.infer<typeof SupplierContactAdded>;
export const SupplierOwnerAssigned = z
  .object({ supplierId: EntityId, owner: AssignSupplierOwner.shape.owner, previousOwner: z.string().optional() })
  .strict();
export type SupplierOwnerAssigned = z.infer<typeof SupplierOwnerAssigned>;
export const SupplierStatusChanged = z
  .object({ supplierId: EntityId, status: ChangeSupplierStatus.shape.status, reason: ChangeSupplierStatus.shape.reason })
  .strict();
export type SupplierStatusChanged = z.infer<typeof SupplierStatusChanged>;

/** The old name and the new, so the audit trail reads on its own. */
export const SupplierRenamed = z
  .object({ supplierId: z.string(), previousName: z.string(), name: z.string(), reason: z.string().optional() })
  .strict();
export type SupplierRenamed = z.infer<typeof SupplierRenamed>;

/** The events of supplier streams, by type: the event catalogue and the SupplierEvent union are derived from it. */
export const supplierEventSchemas = {
  SupplierRegistered,
  SupplierContactAdded,
  SupplierOwnerAssigned,
  SupplierStatusChanged,
  SupplierRenamed,
} satisfies EventSchemasByType;
export type SupplierEvent = EventsOf<typeof supplierEventSchemas>;
