import { z } from 'zod';
import type { EventSchemasByType, EventsOf } from '../shared/event-family';
import { EntityId } from '../shared/period';
import { DetermineProductMetals, RegisterProduct } from './product.commands';

// Each event states its own fields (borrowing the commands' field rules): a command may change what
// it accepts without changing what the log says.
export const ProductRegistered = z
  .object({
    productId: EntityId,
    name: RegisterProduct.shape.name,
    productLine: RegisterProduct.shape.productLine,
    metalsNecessary: RegisterProduct.shape.metalsNecessary,
    determination: RegisterProduct.shape.determination,
  })
  .strict();
export type ProductRegistered = z.infer<typeof ProductRegistered>;
export const ProductMetalsDetermined = z
  .object({
    productId: EntityId,
    metalsNecessary: DetermineProductMetals.shape.metalsNecessary,
    determination: DetermineProductMetals.shape.determination,
  })
  .strict();
export type ProductMetalsDetermined = z.infer<typeof ProductMetalsDetermined>;
export const ProductSupplierLinked = z.object({ productId: EntityId, supplierId: EntityId }).strict();
export type ProductSupplierLinked = z.infer<typeof ProductSupplierLinked>;

/** The events of product streams, by type: the event catalogue and the ProductEvent union are derived from it. */
export const productEventSchemas = { ProductRegistered, ProductMetalsDetermined, ProductSupplierLinked } satisfies EventSchemasByType;
export type ProductEvent = EventsOf<typeof productEventSchemas>;
