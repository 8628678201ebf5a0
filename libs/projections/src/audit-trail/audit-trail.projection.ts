import type { RecordedEvent } from '@dd/event-store';
import type { ProjectionDefinition } from '../core/projection';
import type { Statement } from 'better-sqlite3';
import {
  AUDIT_TRAIL_INDEX_SCHEMA,
  AUDIT_TRAIL_LOG_SCHEMA,
  AUDIT_TRAIL_SCHEMA,
  prepareAuditTrailIndexStatements,
  prepareAuditTrailStatements,
} from './audit-trail.tables';

export const AUDIT_TRAIL_TABLE = 'audit_trail';
/** Beside a SQLite log: the narrow table the trail keeps instead of audit_trail (see audit-trail.tables.ts). */
export const AUDIT_TRAIL_INDEX_TABLE = 'audit_trail_index';
export const AUDIT_TRAIL_LOG_TABLE = 'audit_trail_log';

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
  // 4: beside a SQLite log, a narrow audit_trail_index and the envelope read from the log (rebuild at scale).
  version: 4,
  tables: [AUDIT_TRAIL_TABLE, 'audit_trail_streams', AUDIT_TRAIL_INDEX_TABLE, AUDIT_TRAIL_LOG_TABLE],
  create(db, context) {
    // Both layouts' tables exist (the one not in use stays empty), so every read model dumps and drops alike.
    db.exec(AUDIT_TRAIL_LOG_SCHEMA + AUDIT_TRAIL_INDEX_SCHEMA + AUDIT_TRAIL_SCHEMA);
    // Where the log is a SQLite file, copying its envelopes would double the log's metadata in the
    // read models (and most of a rebuild's writes): the trail keeps what filters need and views the rest.
    if (context?.logFile !== undefined) {
      db.prepare('INSERT OR REPLACE INTO audit_trail_log (id, file) VALUES (1, ?)').run(context.logFile);
      const { insert, streamOwner, rememberStream } = prepareAuditTrailIndexStatements(db);
      return {
        apply(event: RecordedEvent) {
          const { supplierId, period } = concerns(event, streamOwner, rememberStream);
          const metadata = event.metadata;
          insert.run(event.globalPosition, event.type, metadata.actor, metadata.recordedAt, metadata.causationId, supplierId, period);
        },
      };
    }
    db.exec('DELETE FROM audit_trail_log');
    const { insert, streamOwner, rememberStream } = prepareAuditTrailStatements(db);
    return {
      apply(event: RecordedEvent) {
        const metadata = event.metadata;
        const { supplierId, period } = concerns(event, streamOwner, rememberStream);
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

/** The supplier and period an event concerns: its own, or those of its stream's first event. */
function concerns(
  event: RecordedEvent,
  streamOwner: Statement,
  rememberStream: Statement,
): { supplierId: string | null; period: number | null } {
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
  return { supplierId, period };
}

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
