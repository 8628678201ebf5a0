import { z } from 'zod';
import { AddSupplierContact, AssignSupplierOwner, ChangeSupplierStatus } from './supplier-profile.commands';
import { RegisterSupplier } from './register-supplier.command';

export const SupplierRegistered = RegisterSupplier;
export type SupplierRegistered = z.infer<typeof SupplierRegistered>;
export const SupplierContactAdded = AddSupplierContact;
export type SupplierContactAdded = z.infer<typeof SupplierContactAdded>;
export const SupplierOwnerAssigned = AssignSupplierOwner.extend({ previousOwner: z.string().optional() }).strict();
export type SupplierOwnerAssigned = z.infer<typeof SupplierOwnerAssigned>;
export const SupplierStatusChanged = ChangeSupplierStatus;
export type SupplierStatusChanged = z.infer<typeof SupplierStatusChanged>;

/** The supplier's event schemas by type (event-catalogue.ts takes them from here). */
/** The old name and the new, so the audit trail reads on its own. */
export const SupplierRenamed = z
  .object({ supplierId: z.string(), previousName: z.string(), name: z.string(), reason: z.string().optional() })
  .strict();
export type SupplierRenamed = z.infer<typeof SupplierRenamed>;

export const supplierEventSchemas = { SupplierRegistered, SupplierContactAdded, SupplierOwnerAssigned, SupplierStatusChanged, SupplierRenamed };

export type SupplierEvent =
  | { type: 'SupplierRegistered'; data: SupplierRegistered }
  | { type: 'SupplierContactAdded'; data: SupplierContactAdded }
  | { type: 'SupplierOwnerAssigned'; data: SupplierOwnerAssigned }
  | { type: 'SupplierStatusChanged'; data: SupplierStatusChanged }
  | { type: 'SupplierRenamed'; data: SupplierRenamed };
