import { z } from 'zod';
import { MultiLineText, SingleLineText } from '../shared/text';
import { EntityId } from '../shared/period';
import { MessageLanguage } from '../outreach/message-language';

/** Who at the supplier answers for conflict minerals. */
export const AddSupplierContact = z
  .object({
    supplierId: EntityId,
    name: SingleLineText.min(1).max(200),
    email: z.email(),
    role: SingleLineText.max(200).optional(),
    /** The language the engine writes to this contact in (en when absent). */
    language: MessageLanguage.optional(),
  })
  .strict();
export type AddSupplierContact = z.infer<typeof AddSupplierContact>;

/** The buyer or engineer in our company who owns the relationship; escalations go to them. */
export const AssignSupplierOwner = z.object({ supplierId: EntityId, owner: SingleLineText.min(1).max(200) }).strict();
export type AssignSupplierOwner = z.infer<typeof AssignSupplierOwner>;

/** Inactive suppliers are left out of "all active suppliers" campaigns. */
export const ChangeSupplierStatus = z
  .object({ supplierId: EntityId, status: z.enum(['active', 'inactive']), reason: MultiLineText.min(1).max(2000) })
  .strict();
export type ChangeSupplierStatus = z.infer<typeof ChangeSupplierStatus>;

/** A supplier's registered name changes (a rebranding, a corrected spelling); its id stays. */
export const RenameSupplier = z
  .object({ supplierId: EntityId, name: SingleLineText.min(1).max(300), reason: MultiLineText.max(2000).optional() })
  .strict();
export type RenameSupplier = z.infer<typeof RenameSupplier>;
