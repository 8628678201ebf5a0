import {
  METALS,
  normalisedAnswer,
  type Metal,
  type ProductMetalsDetermined,
  type ProductRegistered,
  type ProductSupplierLinked,
  type ResponseRecorded,
  type RmapStatusListImported,
  type RmapStatusListWithdrawn,
  type SmelterMatchConfirmed,
} from '@dd/domain';
import type { RecordedEvent } from '@dd/event-store';
import type { ProjectionDefinition } from '../core/projection';

/** Q3 (covered-country sourcing) as concludeProduct wants it; a blank answer is left out. */
export function coveredCountrySourcing(response: ResponseRecorded): Partial<Record<Metal, 'yes' | 'no' | 'unknown'>> {
  const answers: Partial<Record<Metal, 'yes' | 'no' | 'unknown'>> = {};
  for (const metal of METALS) {
    if (!response.inScopeMetals.includes(metal)) continue;
    const answer = normalisedAnswer(response.declaration.minerals[metal]?.q3?.answer);
    if (answer === 'yes' || answer === 'no' || answer === 'unknown') answers[metal] = answer;
    else if (answer !== '') answers[metal] = 'unknown';
  }
  return answers;
}

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
export const productConclusionsProjection: ProjectionDefinition = {
  name: 'product-conclusions',
  version: 2,
  tables: ['pc_products', 'pc_product_suppliers', 'pc_responses', 'pc_smelter_rows', 'pc_rmap_statuses', 'pc_lists'],
  create(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS pc_products (
        product_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        product_line TEXT NOT NULL,
        metals_necessary TEXT NOT NULL,
        -- The event the metals come from (ProductRegistered or the latest ProductMetalsDetermined).
        metals_event_id TEXT NOT NULL,
        position INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS pc_product_suppliers (
        product_id TEXT NOT NULL,
        supplier_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (product_id, supplier_id)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS pc_responses (
        period INTEGER NOT NULL,
        supplier_id TEXT NOT NULL,
        response_number INTEGER NOT NULL,
        scope TEXT,
        in_scope_metals TEXT NOT NULL,
        covered_country_sourcing TEXT NOT NULL,
        event_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (period, supplier_id)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS pc_smelter_rows (
        period INTEGER NOT NULL,
        supplier_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        row INTEGER NOT NULL,
        metal TEXT,
        match TEXT NOT NULL,
        smelter_id TEXT,
        confirmation_event_id TEXT,
        PRIMARY KEY (period, supplier_id, idx)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS pc_rmap_statuses (
        metal TEXT NOT NULL,
        smelter_id TEXT NOT NULL,
        status TEXT NOT NULL,
        PRIMARY KEY (metal, smelter_id)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS pc_lists (
        list TEXT PRIMARY KEY,
        as_of TEXT,
        event_id TEXT NOT NULL,
        position INTEGER NOT NULL
      );
    `);
    const insertProduct = db.prepare(`INSERT INTO pc_products (product_id, name, product_line, metals_necessary, metals_event_id, position)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (product_id) DO NOTHING`);
    const determineMetals = db.prepare(`UPDATE pc_products SET metals_necessary = ?, metals_event_id = ?, position = ?
      WHERE product_id = ? AND position <= ?`);
    const linkSupplier = db.prepare('INSERT OR REPLACE INTO pc_product_suppliers (product_id, supplier_id, event_id) VALUES (?, ?, ?)');
    const upsertResponse = db.prepare(`INSERT INTO pc_responses (period, supplier_id, response_number, scope, in_scope_metals,
      covered_country_sourcing, event_id, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (period, supplier_id) DO UPDATE SET response_number = excluded.response_number, scope = excluded.scope,
      in_scope_metals = excluded.in_scope_metals, covered_country_sourcing = excluded.covered_country_sourcing,
      event_id = excluded.event_id, position = excluded.position WHERE excluded.position >= pc_responses.position`);
    const clearRows = db.prepare('DELETE FROM pc_smelter_rows WHERE period = ? AND supplier_id = ?');
    const insertRow = db.prepare(`INSERT OR REPLACE INTO pc_smelter_rows (period, supplier_id, idx, row, metal, match, smelter_id,
      confirmation_event_id) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`);
    const latestResponseNumber = db.prepare('SELECT response_number FROM pc_responses WHERE period = ? AND supplier_id = ?').pluck();
    const confirmRow = db.prepare(`UPDATE pc_smelter_rows SET match = 'matched', metal = ?, smelter_id = ?, confirmation_event_id = ?
      WHERE period = ? AND supplier_id = ? AND idx = ?`);
    const upsertList = db.prepare(`INSERT INTO pc_lists (list, as_of, event_id, position) VALUES (?, ?, ?, ?)
      ON CONFLICT (list) DO UPDATE SET as_of = excluded.as_of, event_id = excluded.event_id, position = excluded.position
      WHERE excluded.position >= pc_lists.position`);
    const clearStatuses = db.prepare('DELETE FROM pc_rmap_statuses');
    const insertStatus = db.prepare('INSERT OR REPLACE INTO pc_rmap_statuses (metal, smelter_id, status) VALUES (?, ?, ?)');

    function responseRecorded(event: RecordedEvent<'ResponseRecorded', ResponseRecorded>): void {
      const response = event.data;
      const latest = upsertResponse.run(
        response.period,
        response.supplierId,
        response.responseNumber,
        response.declaration.company?.scope ?? null,
        JSON.stringify(response.inScopeMetals),
        JSON.stringify(coveredCountrySourcing(response)),
        event.metadata.eventId,
        event.globalPosition,
      );
      if (latest.changes === 0) return;
      // The latest response replaces the rows of the one before.
      clearRows.run(response.period, response.supplierId);
      for (const match of response.smelterMatches) {
        insertRow.run(response.period, response.supplierId, match.index, match.row, match.metal ?? null, match.status, match.smelterId ?? null);
      }
    }

    return {
      apply(event) {
        switch (event.type) {
          case 'ProductRegistered': {
            const product = event.data as ProductRegistered;
            insertProduct.run(product.productId, product.name, product.productLine, JSON.stringify(product.metalsNecessary), event.metadata.eventId, event.globalPosition);
            return;
          }
          case 'ProductMetalsDetermined': {
            const determined = event.data as ProductMetalsDetermined;
            determineMetals.run(JSON.stringify(determined.metalsNecessary), event.metadata.eventId, event.globalPosition, determined.productId, event.globalPosition);
            return;
          }
          case 'ProductSupplierLinked': {
            const link = event.data as ProductSupplierLinked;
            linkSupplier.run(link.productId, link.supplierId, event.metadata.eventId);
            return;
          }
          case 'ResponseRecorded':
            return responseRecorded(event as RecordedEvent<'ResponseRecorded', ResponseRecorded>);
          case 'SmelterMatchConfirmed': {
            const confirmed = event.data as SmelterMatchConfirmed;
            // Only a confirmation of a row of the supplier's latest response still counts.
            if (latestResponseNumber.get(confirmed.period, confirmed.supplierId) !== confirmed.responseNumber) return;
            confirmRow.run(confirmed.metal, confirmed.smelterId, event.metadata.eventId, confirmed.period, confirmed.supplierId, confirmed.index);
            return;
          }
          case 'RmapStatusListImported':
          case 'RmapStatusListWithdrawn': {
            const list = event.type === 'RmapStatusListImported' ? (event.data as RmapStatusListImported) : (event.data as RmapStatusListWithdrawn).restored;
            if (upsertList.run('rmap-status', list?.asOf ?? null, event.metadata.eventId, event.globalPosition).changes === 0) return;
            // The list is complete: a smelter not on it has no status.
            clearStatuses.run();
            for (const entry of list?.entries ?? []) insertStatus.run(entry.metal, entry.smelterId, entry.status);
            return;
          }
        }
      },
    };
  },
};
