import { z } from 'zod';
import { SingleLineText } from '../shared/text';
import { CountryCode } from '../shared/country';
import { EntityId } from '../shared/period';

export const SUPPLIER_TIERS = ['direct', 'indirect'] as const;
export const SupplierTier = z.enum(SUPPLIER_TIERS);
export type SupplierTier = z.infer<typeof SupplierTier>;

export const RegisterSupplier = z
  .object({
    supplierId: EntityId,
    name: SingleLineText.min(1).max(300),
    /** direct = contract manufacturers we buy from; indirect = their sub-tier suppliers. */
    tier: SupplierTier,
    country: CountryCode.optional(),
    parentSupplierId: EntityId.optional(),
  })
  .strict();
export type RegisterSupplier = z.infer<typeof RegisterSupplier>;
