import {
  sightingsOfResponse,
  type ReferenceListImported,
  type ReferenceListWithdrawn,
  type ResponseRecorded,
  type RmapStatusListImported,
  type RmapStatusListWithdrawn,
  type SmelterMatchConfirmed,
} from '@dd/domain';
import type { RecordedEvent } from '@dd/event-store';
import type { ProjectionDefinition } from '../core/projection';

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
export const smelterRegisterProjection: ProjectionDefinition = {
  name: 'smelter-register',
  version: 2,
  tables: ['smelter_register_smelters', 'smelter_register_status_history', 'smelter_register_sightings', 'smelter_register_latest', 'smelter_register_lists'],
  create(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS smelter_register_smelters (
        smelter_id TEXT PRIMARY KEY,
        metal TEXT NOT NULL,
        standard_name TEXT NOT NULL,
        country TEXT,
        on_reference_list INTEGER NOT NULL,
        reference_as_of TEXT,
        reference_position INTEGER NOT NULL,
        rmap_status TEXT,
        status_as_of TEXT,
        status_event_id TEXT,
        status_position INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS smelter_register_status_history (
        smelter_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        status TEXT,
        as_of TEXT,
        event_id TEXT NOT NULL,
        withdrawn_as_of TEXT,
        PRIMARY KEY (smelter_id, position)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS smelter_register_latest (
        supplier_id TEXT NOT NULL,
        period INTEGER NOT NULL,
        response_number INTEGER NOT NULL,
        in_scope_metals TEXT NOT NULL,
        event_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (supplier_id, period)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS smelter_register_sightings (
        supplier_id TEXT NOT NULL,
        period INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        response_number INTEGER NOT NULL,
        row INTEGER NOT NULL,
        metal TEXT,
        in_scope INTEGER NOT NULL,
        status TEXT NOT NULL,
        method TEXT,
        smelter_id TEXT,
        standard_name TEXT,
        name TEXT,
        candidates TEXT NOT NULL,
        event_id TEXT NOT NULL,
        confirmation_event_id TEXT,
        PRIMARY KEY (supplier_id, period, idx)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS smelter_register_sightings_by_smelter ON smelter_register_sightings (smelter_id, period);
      CREATE INDEX IF NOT EXISTS smelter_register_sightings_by_period ON smelter_register_sightings (period, status);
      CREATE TABLE IF NOT EXISTS smelter_register_lists (
        list TEXT PRIMARY KEY,
        as_of TEXT,
        event_id TEXT NOT NULL,
        position INTEGER NOT NULL
      );
    `);
    const upsertReference = db.prepare(`INSERT INTO smelter_register_smelters (smelter_id, metal, standard_name, country, on_reference_list,
      reference_as_of, reference_position, rmap_status, status_as_of, status_event_id, status_position)
      VALUES (?, ?, ?, ?, 1, ?, ?, NULL, NULL, NULL, 0)
      ON CONFLICT (smelter_id) DO UPDATE SET metal = excluded.metal, standard_name = excluded.standard_name, country = excluded.country,
      on_reference_list = 1, reference_as_of = excluded.reference_as_of, reference_position = excluded.reference_position
      WHERE excluded.reference_position > smelter_register_smelters.reference_position`);
    const removeFromReference = db.prepare(`UPDATE smelter_register_smelters SET on_reference_list = 0, reference_as_of = ?, reference_position = ?
      WHERE smelter_id = ? AND reference_position < ?`);
    // A smelter only the status list names (not on the reference list yet) still gets a row, named as the status list names it.
    const upsertStatus = db.prepare(`INSERT INTO smelter_register_smelters (smelter_id, metal, standard_name, country, on_reference_list,
      reference_as_of, reference_position, rmap_status, status_as_of, status_event_id, status_position)
      VALUES (?, ?, ?, NULL, 0, NULL, 0, ?, ?, ?, ?)
      ON CONFLICT (smelter_id) DO UPDATE SET rmap_status = excluded.rmap_status, status_as_of = excluded.status_as_of,
      status_event_id = excluded.status_event_id, status_position = excluded.status_position
      WHERE excluded.status_position > smelter_register_smelters.status_position`);
    const insertStatusHistory = db.prepare(`INSERT OR REPLACE INTO smelter_register_status_history (smelter_id, position, status, as_of, event_id,
      withdrawn_as_of) VALUES (?, ?, ?, ?, ?, ?)`);
    const upsertList = db.prepare(`INSERT INTO smelter_register_lists (list, as_of, event_id, position) VALUES (?, ?, ?, ?)
      ON CONFLICT (list) DO UPDATE SET as_of = excluded.as_of, event_id = excluded.event_id, position = excluded.position
      WHERE excluded.position > smelter_register_lists.position`);
    const upsertLatest = db.prepare(`INSERT INTO smelter_register_latest (supplier_id, period, response_number, in_scope_metals, event_id, position)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (supplier_id, period) DO UPDATE SET response_number = excluded.response_number,
      in_scope_metals = excluded.in_scope_metals, event_id = excluded.event_id, position = excluded.position WHERE excluded.position >= smelter_register_latest.position`);
    const clearSightings = db.prepare('DELETE FROM smelter_register_sightings WHERE supplier_id = ? AND period = ?');
    const insertSighting = db.prepare(`INSERT INTO smelter_register_sightings (supplier_id, period, idx, response_number, row, metal,
      in_scope, status, method, smelter_id, standard_name, name, candidates, event_id, confirmation_event_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`);
    const latestScope = db.prepare('SELECT in_scope_metals FROM smelter_register_latest WHERE supplier_id = ? AND period = ? AND response_number = ?').pluck();
    const confirmSighting = db.prepare(`UPDATE smelter_register_sightings SET status = 'matched', method = 'confirmed', smelter_id = ?,
      standard_name = ?, metal = ?, in_scope = ?, confirmation_event_id = ?
      WHERE supplier_id = ? AND period = ? AND idx = ? AND response_number = ?`);

    /** An imported list, or the list a withdrawal makes current again (null: none is), with what left it. */
    function referenceListInForce(
      event: RecordedEvent,
      list: Pick<ReferenceListImported, 'asOf' | 'rows'> | null,
      removed: ReferenceListImported['diff']['removed'],
    ): void {
      const position = event.globalPosition;
      const asOf = list?.asOf ?? null;
      if (upsertList.run('reference', asOf, event.metadata.eventId, position).changes === 0) return;
      const seen = new Set<string>();
      for (const row of list?.rows ?? []) {
        if (!row.smelterId || seen.has(row.smelterId)) continue;
        seen.add(row.smelterId);
        upsertReference.run(row.smelterId, row.metal, row.standardName || row.lookupName, row.country || null, asOf, position);
      }
      for (const smelter of removed) removeFromReference.run(asOf, position, smelter.smelterId, position);
    }

    /** An imported status list, or the one a withdrawal makes current again (null: none is), with the status changes. */
    function statusListInForce(
      event: RecordedEvent,
      list: Pick<RmapStatusListImported, 'asOf' | 'entries'> | null,
      changes: RmapStatusListImported['changes'],
      withdrawnAsOf: string | null,
    ): void {
      const position = event.globalPosition;
      const eventId = event.metadata.eventId;
      const asOf = list?.asOf ?? null;
      if (upsertList.run('rmap-status', asOf, eventId, position).changes === 0) return;
      for (const entry of list?.entries ?? []) upsertStatus.run(entry.smelterId, entry.metal, entry.name ?? entry.smelterId, entry.status, asOf, eventId, position);
      for (const change of changes) {
        if (change.to === null) upsertStatus.run(change.smelterId, change.metal, change.smelterId, null, asOf, eventId, position);
      }
      for (const change of changes) insertStatusHistory.run(change.smelterId, position, change.to, asOf, eventId, withdrawnAsOf);
    }

    function referenceListImported(event: RecordedEvent<'ReferenceListImported', ReferenceListImported>): void {
      referenceListInForce(event, event.data, event.data.diff.removed);
    }

    function referenceListWithdrawn(event: RecordedEvent<'ReferenceListWithdrawn', ReferenceListWithdrawn>): void {
      referenceListInForce(event, event.data.restored, event.data.diff.removed);
    }

    function statusListImported(event: RecordedEvent<'RmapStatusListImported', RmapStatusListImported>): void {
      statusListInForce(event, event.data, event.data.changes, null);
    }

    function statusListWithdrawn(event: RecordedEvent<'RmapStatusListWithdrawn', RmapStatusListWithdrawn>): void {
      statusListInForce(event, event.data.restored, event.data.changes, event.data.asOf);
    }

    function responseRecorded(event: RecordedEvent<'ResponseRecorded', ResponseRecorded>): void {
      const response = event.data;
      const { supplierId, period } = response;
      // The latest response replaces the rows of the one before (a replay may bring an older one again: ignored).
      const latest = upsertLatest.run(supplierId, period, response.responseNumber, JSON.stringify(response.inScopeMetals), event.metadata.eventId, event.globalPosition);
      if (latest.changes === 0) return;
      clearSightings.run(supplierId, period);
      const candidates = new Map(response.smelterMatches.map((match) => [match.index, match.candidates]));
      for (const sighting of sightingsOfResponse(response)) {
        insertSighting.run(
          supplierId,
          period,
          sighting.index,
          sighting.responseNumber,
          sighting.row,
          sighting.metal ?? null,
          sighting.inScope ? 1 : 0,
          sighting.status,
          sighting.method ?? null,
          sighting.smelterId ?? null,
          sighting.standardName ?? null,
          sighting.name ?? null,
          JSON.stringify(candidates.get(sighting.index) ?? []),
          event.metadata.eventId,
        );
      }
    }

    function matchConfirmed(event: RecordedEvent<'SmelterMatchConfirmed', SmelterMatchConfirmed>): void {
      const confirmed = event.data;
      const scope = latestScope.get(confirmed.supplierId, confirmed.period, confirmed.responseNumber) as string | undefined;
      if (scope === undefined) return;
      confirmSighting.run(
        confirmed.smelterId,
        confirmed.standardName,
        confirmed.metal,
        (JSON.parse(scope) as string[]).includes(confirmed.metal) ? 1 : 0,
        event.metadata.eventId,
        confirmed.supplierId,
        confirmed.period,
        confirmed.index,
        confirmed.responseNumber,
      );
    }

    return {
      apply(event) {
        switch (event.type) {
          case 'ReferenceListImported':
            return referenceListImported(event as RecordedEvent<'ReferenceListImported', ReferenceListImported>);
          case 'ReferenceListWithdrawn':
            return referenceListWithdrawn(event as RecordedEvent<'ReferenceListWithdrawn', ReferenceListWithdrawn>);
          case 'RmapStatusListImported':
            return statusListImported(event as RecordedEvent<'RmapStatusListImported', RmapStatusListImported>);
          case 'RmapStatusListWithdrawn':
            return statusListWithdrawn(event as RecordedEvent<'RmapStatusListWithdrawn', RmapStatusListWithdrawn>);
          case 'ResponseRecorded':
            return responseRecorded(event as RecordedEvent<'ResponseRecorded', ResponseRecorded>);
          case 'SmelterMatchConfirmed':
            return matchConfirmed(event as RecordedEvent<'SmelterMatchConfirmed', SmelterMatchConfirmed>);
        }
      },
    };
  },
};
