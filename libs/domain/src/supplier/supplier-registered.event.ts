import { z } from 'zod';
import { RegisterSupplier } from './register-supplier.command';

export const SupplierRegistered = RegisterSupplier;
export type SupplierRegistered = z.infer<typeof SupplierRegistered>;
export type SupplierEvent = { type: 'SupplierRegistered'; data: SupplierRegistered };
