import { z } from 'zod';
import { DetermineProductMetals, LinkProductSupplier, RegisterProduct } from './product.commands';

export const ProductRegistered = RegisterProduct;
export type ProductRegistered = z.infer<typeof ProductRegistered>;
export const ProductMetalsDetermined = DetermineProductMetals;
export type ProductMetalsDetermined = z.infer<typeof ProductMetalsDetermined>;
export const ProductSupplierLinked = LinkProductSupplier;
export type ProductSupplierLinked = z.infer<typeof ProductSupplierLinked>;

export type ProductEvent =
  | { type: 'ProductRegistered'; data: ProductRegistered }
  | { type: 'ProductMetalsDetermined'; data: ProductMetalsDetermined }
  | { type: 'ProductSupplierLinked'; data: ProductSupplierLinked };
