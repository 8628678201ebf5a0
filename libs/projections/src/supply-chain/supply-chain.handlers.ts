import { DEFAULT_MESSAGE_LANGUAGE } from '@dd/domain';
import type { RecordedEventOf } from '../core/event-handlers';
import type { SupplyChainStatements } from './supply-chain.tables';

export function supplierRegistered(s: SupplyChainStatements, event: RecordedEventOf<'SupplierRegistered'>): void {
  const supplier = event.data;
  s.registerSupplier.run(
    supplier.supplierId,
    supplier.name,
    supplier.tier,
    supplier.country ?? null,
    supplier.parentSupplierId ?? null,
    event.metadata.occurredAt,
  );
}

/** The supplier list (filters, campaign selection) shows the name a supplier has now. */
export function supplierRenamed(s: SupplyChainStatements, event: RecordedEventOf<'SupplierRenamed'>): void {
  s.renameSupplier.run(event.data.name, event.data.supplierId);
}

export function supplierOwnerAssigned(s: SupplyChainStatements, event: RecordedEventOf<'SupplierOwnerAssigned'>): void {
  s.assignOwner.run(event.data.owner, event.data.supplierId);
}

export function supplierStatusChanged(s: SupplyChainStatements, event: RecordedEventOf<'SupplierStatusChanged'>): void {
  const { supplierId, status, reason } = event.data;
  s.changeStatus.run(status, reason, supplierId);
}

export function supplierContactAdded(s: SupplyChainStatements, event: RecordedEventOf<'SupplierContactAdded'>): void {
  const contact = event.data;
  s.addContact.run(
    contact.supplierId,
    contact.email.toLowerCase(),
    contact.name,
    contact.email,
    contact.role ?? null,
    // Contacts recorded before messages had a language are written to in English.
    contact.language ?? DEFAULT_MESSAGE_LANGUAGE,
    event.metadata.occurredAt,
    event.globalPosition,
  );
}

export function productRegistered(s: SupplyChainStatements, event: RecordedEventOf<'ProductRegistered'>): void {
  const product = event.data;
  const at = event.metadata.occurredAt;
  // On a repeat the determination columns are left to the later ProductMetalsDetermined, if any.
  s.registerProduct.run(
    product.productId,
    product.name,
    product.productLine,
    JSON.stringify(product.metalsNecessary),
    product.determination,
    at,
    at,
  );
}

export function productMetalsDetermined(s: SupplyChainStatements, event: RecordedEventOf<'ProductMetalsDetermined'>): void {
  const product = event.data;
  s.determineMetals.run(JSON.stringify(product.metalsNecessary), product.determination, event.metadata.occurredAt, product.productId);
}

export function productSupplierLinked(s: SupplyChainStatements, event: RecordedEventOf<'ProductSupplierLinked'>): void {
  s.linkSupplier.run(event.data.productId, event.data.supplierId, event.metadata.occurredAt);
}
