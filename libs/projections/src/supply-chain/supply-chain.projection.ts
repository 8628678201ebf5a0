import { eventTypesOf } from '@dd/domain';
import { defineProjection } from '../core/event-handlers';
import {
  productMetalsDetermined,
  productRegistered,
  productSupplierLinked,
  supplierContactAdded,
  supplierOwnerAssigned,
  supplierRegistered,
  supplierRenamed,
  supplierStatusChanged,
} from './supply-chain.handlers';
import { prepareSupplyChainStatements, SUPPLY_CHAIN_SCHEMA } from './supply-chain.tables';

/**
 * The supply chain as mapped (OECD step 2): suppliers with their tier, parent, owner, status and
 * contacts; products with their product line, the 3TG necessary to them and the suppliers of their
 * parts. Campaign selections ("a tier", "a product line", "all active suppliers") are resolved here.
 * Every write is an upsert or an update by primary key that sets a value (never a counter), so an
 * event applied again, and everything after it, leaves the same rows.
 */
export const supplyChainProjection = defineProjection({
  name: 'supply-chain',
  // 2: each contact's message language.
  version: 2,
  tables: ['sc_suppliers', 'sc_supplier_contacts', 'sc_products', 'sc_product_suppliers'],
  schema: SUPPLY_CHAIN_SCHEMA,
  prepare: prepareSupplyChainStatements,
  handlers: {
    SupplierRegistered: supplierRegistered,
    SupplierRenamed: supplierRenamed,
    SupplierOwnerAssigned: supplierOwnerAssigned,
    SupplierStatusChanged: supplierStatusChanged,
    SupplierContactAdded: supplierContactAdded,
    ProductRegistered: productRegistered,
    ProductMetalsDetermined: productMetalsDetermined,
    ProductSupplierLinked: productSupplierLinked,
  },
  ignores: [
    ...eventTypesOf(
      'period',
      'campaign',
      'program',
      'survey',
      'risk',
      'referenceList',
      'rmapStatus',
      'logSeal',
      'customerDeclaration',
      'riskReport',
      'message',
    ),
  ],
});
