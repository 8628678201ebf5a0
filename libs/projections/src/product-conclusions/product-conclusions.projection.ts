import { eventTypesOf } from '@dd/domain';
import { defineProjection } from '../core/event-handlers';
import {
  productMetalsDetermined,
  productRegistered,
  productSupplierLinked,
  responseRecorded,
  rmapStatusListImported,
  rmapStatusListWithdrawn,
  smelterMatchConfirmed,
} from './product-conclusions.handlers';
import { prepareProductConclusionStatements, PRODUCT_CONCLUSIONS_SCHEMA } from './product-conclusions.tables';

export { coveredCountrySourcing } from './product-conclusions.handlers';

/**
 * What concludeProduct needs, per reporting period: the products (the 3TG necessary to each, the
 * suppliers linked to it), each supplier's latest response (scope, in-scope metals, Q3 per metal,
 * each Smelter List row as matched or confirmed) and the RMAP status of each smelter on the latest
 * status list in force (a withdrawal puts the list before back, and is the evidence for it). The conclusion itself is computed at query time, so a status list arriving later, or
 * a rule changing, needs no rebuild.
 *
 * Latest-wins rows remember the position of the event they came from; an older event applied again
 * (a replay over kept tables) changes nothing.
 */
export const productConclusionsProjection = defineProjection({
  name: 'product-conclusions',
  version: 2,
  tables: ['pc_products', 'pc_product_suppliers', 'pc_responses', 'pc_smelter_rows', 'pc_rmap_statuses', 'pc_lists'],
  schema: PRODUCT_CONCLUSIONS_SCHEMA,
  prepare: prepareProductConclusionStatements,
  handlers: {
    ProductRegistered: productRegistered,
    ProductMetalsDetermined: productMetalsDetermined,
    ProductSupplierLinked: productSupplierLinked,
    ResponseRecorded: responseRecorded,
    SmelterMatchConfirmed: smelterMatchConfirmed,
    RmapStatusListImported: rmapStatusListImported,
    RmapStatusListWithdrawn: rmapStatusListWithdrawn,
  },
  ignores: [
    // The answer page checks revoked links in the survey stream itself.
    'SupplierLinkRevoked',
    'FollowUpChased',
    // Product conclusions are the SEC's 3TG (DRC conflict free) conclusions: EMRT minerals do not enter them.
    'EmrtResponseRecorded',
    'CMRTSent',
    'ReminderSent',
    'FollowUpRequested',
    'FollowUpResolved',
    'ResponseAccepted',
    'NonResponseEscalated',
    ...eventTypesOf(
      'supplier',
      'period',
      'campaign',
      'program',
      'risk',
      'referenceList',
      'logSeal',
      'customerDeclaration',
      'riskReport',
      'message',
    ),
  ],
});
