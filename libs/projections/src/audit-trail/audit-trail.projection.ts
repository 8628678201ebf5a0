import type { RecordedEvent } from '@dd/event-store';
import type { ProjectionDefinition } from '../core/projection';
import { AUDIT_TRAIL_SCHEMA, prepareAuditTrailStatements } from './audit-trail.tables';

export const AUDIT_TRAIL_TABLE = 'audit_trail';

/**
 * Every event of the log with its envelope, keyed by global position, plus the supplier and period
 * it concerns so auditors can filter without reading payloads. Events that do not name their
 * supplier or period (a risk's assessment, say) take those of the first event of their stream
 * (the RiskRaised), so "everything about supplier X" includes the whole life of X's risks. Each filter has its own index; the
 * position (the rowid) rides along in every index, so a filtered page is read in global order.
 *
 * It keeps every event, whatever its type (one written by a later release included): it reads the
 * envelope, and of the data only a `supplierId` or `period` where the event has one.
 */
export const auditTrailProjection: ProjectionDefinition = {
  name: 'audit-trail',
  // 3: indexes by event id and causation id (evidence links: /events/:id, ?eventId=).
  version: 3,
  tables: [AUDIT_TRAIL_TABLE, 'audit_trail_streams'],
  create(db) {
    db.exec(AUDIT_TRAIL_SCHEMA);
    const { insert, streamOwner, rememberStream } = prepareAuditTrailStatements(db);
    return {
      apply(event: RecordedEvent) {
        const metadata = event.metadata;
        let supplierId = supplierOf(event);
        let period = periodOf(event);
        // A stream's first event says whom it concerns; later events without it borrow from it.
        if (event.streamVersion === 0) {
          if (supplierId !== null || period !== null) rememberStream.run(event.streamId, supplierId, period);
        } else if (supplierId === null || period === null) {
          const owner = streamOwner.get(event.streamId) as { supplierId: string | null; period: number | null } | undefined;
          supplierId ??= owner?.supplierId ?? null;
          period ??= owner?.period ?? null;
        }
        insert.run(
          event.globalPosition,
          event.streamId,
          event.streamVersion,
          event.type,
          metadata.actor,
          metadata.commandId,
          metadata.correlationId,
          metadata.causationId,
          metadata.eventId,
          metadata.occurredAt,
          metadata.recordedAt,
          metadata.hash,
          metadata.prevHash,
          supplierId,
          period,
        );
      },
    };
  },
};

const SUPPLIER_STREAM_PREFIX = 'supplier-';

/** data.supplierId when the payload names one; for a supplier's own stream, the id in its name. */
function supplierOf(event: RecordedEvent): string | null {
  const data = event.data;
  if (typeof data === 'object' && data !== null && 'supplierId' in data && typeof data.supplierId === 'string') return data.supplierId;
  return event.streamId.startsWith(SUPPLIER_STREAM_PREFIX) ? event.streamId.slice(SUPPLIER_STREAM_PREFIX.length) : null;
}

function periodOf(event: RecordedEvent): number | null {
  const data = event.data;
  return typeof data === 'object' && data !== null && 'period' in data && typeof data.period === 'number' ? data.period : null;
}
