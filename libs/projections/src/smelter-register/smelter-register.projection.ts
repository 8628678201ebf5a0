import { eventTypesOf } from '@dd/domain';
import { defineProjection } from '../core/event-handlers';
import { referenceListImported, referenceListWithdrawn, rmapStatusListImported, rmapStatusListWithdrawn } from './smelter-lists.handlers';
import { emrtResponseRecorded, responseRecorded, smelterMatchConfirmed } from './smelter-sightings.handlers';
import { prepareSmelterRegisterStatements, SMELTER_REGISTER_SCHEMA } from './smelter-register.tables';

/**
 * The smelter register: every smelter RMI lists (from the reference and RMAP status lists) with its
 * current and past RMAP status, and the Smelter List rows of each supplier's latest response per
 * period — matched rows name a smelter ("in our supply chain"), the others stay visible as unresolved.
 *
 * A withdrawn list is undone as the list before it is applied again: the withdrawal carries that list
 * in full and the changes back to it, the statuses it restores enter each smelter's history (marked
 * as a withdrawal), and the withdrawn list's own entries stay in the history too.
 *
 * Guards keep it idempotent: list-derived columns remember the position of the list they came from,
 * a supplier's rows are replaced only by a response at least as new as the one they came from, and
 * a confirmation applies only to the response it names.
 */
export const smelterRegisterProjection = defineProjection({
  name: 'smelter-register',
  // 3: EMRT Smelter Lists beside the CMRT's (latest and sightings per template family).
  // 4: the EMRT's own reference list beside the 3TG list; EMRT rows matched against it, and confirmed.
  // 5: the smelters each period's responses name (smelter_register_period_smelters), for step 4's conformance;
  //    how often each smelter is named (smelter_register_namings), and its namings indexed in their order.
  version: 5,
  tables: [
    'smelter_register_smelters',
    'smelter_register_status_history',
    'smelter_register_sightings',
    'smelter_register_latest',
    'smelter_register_lists',
    'smelter_register_period_smelters',
    'smelter_register_namings',
  ],
  schema: SMELTER_REGISTER_SCHEMA,
  prepare: prepareSmelterRegisterStatements,
  handlers: {
    ReferenceListImported: referenceListImported,
    ReferenceListWithdrawn: referenceListWithdrawn,
    RmapStatusListImported: rmapStatusListImported,
    RmapStatusListWithdrawn: rmapStatusListWithdrawn,
    ResponseRecorded: responseRecorded,
    EmrtResponseRecorded: emrtResponseRecorded,
    SmelterMatchConfirmed: smelterMatchConfirmed,
  },
  ignores: [
    // The answer page checks revoked links in the survey stream itself.
    'SupplierLinkRevoked',
    'FollowUpChased',
    'CMRTSent',
    'ReminderSent',
    'FollowUpRequested',
    'FollowUpResolved',
    'ResponseAccepted',
    'NonResponseEscalated',
    ...eventTypesOf(
      'supplier',
      'product',
      'period',
      'campaign',
      'program',
      'risk',
      'logSeal',
      'customerDeclaration',
      'riskReport',
      'message',
    ),
  ],
});
