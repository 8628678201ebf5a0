import { z } from 'zod';
import { MultiLineText, SingleLineText } from '../shared/text';
import { Metal } from '../shared/metals';
import { EntityId } from '../shared/period';

/**
 * A product we make or contract to make, with the Rule 13p-1 determination: which 3TG are necessary
 * to its functionality or production, and why.
 */
export const RegisterProduct = z
  .object({
    productId: EntityId,
    name: SingleLineText.min(1).max(300),
    /** e.g. "OEM Modules", "Enterprise Solutions". */
    productLine: SingleLineText.min(1).max(200),
    metalsNecessary: z
      .array(Metal)
      .max(4)
      .refine((metals) => new Set(metals).size === metals.length, 'each metal once'),
    determination: MultiLineText.min(1).max(5000),
  })
  .strict();
export type RegisterProduct = z.infer<typeof RegisterProduct>;

/** A revised determination (a redesign removed the tantalum capacitors, say). */
export const DetermineProductMetals = z
  .object({
    productId: EntityId,
    metalsNecessary: RegisterProduct.shape.metalsNecessary,
    determination: MultiLineText.min(1).max(5000),
  })
  .strict();
export type DetermineProductMetals = z.infer<typeof DetermineProductMetals>;

/** Which suppliers supply parts of the product: their CMRT answers decide its conclusion. */
export const LinkProductSupplier = z.object({ productId: EntityId, supplierId: EntityId }).strict();
export type LinkProductSupplier = z.infer<typeof LinkProductSupplier>;
