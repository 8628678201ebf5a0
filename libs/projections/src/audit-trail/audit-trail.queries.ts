import type { ReadModelDb } from '../core/read-model-db';
import { StatementCache } from '../core/statement-cache';

export interface AuditEntry {
  position: number;
  streamId: string;
  streamVersion: number;
  type: string;
  actor: string;
  commandId: string;
  correlationId: string;
  causationId: string | null;
  eventId: string;
  occurredAt: string;
  recordedAt: string;
  hash: string;
  prevHash: string;
  supplierId: string | null;
  period: number | null;
}

export interface AuditTrailQuery {
  supplierId?: string;
  streamId?: string;
  type?: string;
  actor?: string;
  /** Events about this reporting period (the period their stream or payload names). */
  period?: number;
  /** Only these events (at most AUDIT_TRAIL_MAX_LIMIT ids). */
  eventIds?: readonly string[];
  /** recordedAt from (inclusive): an ISO time, or a date meaning the start of that day (UTC). */
  from?: string;
  /** recordedAt to (inclusive): an ISO time, or a date meaning the whole of that day (UTC). */
  to?: string;
  /** Page size; default 100, at most 1000. */
  limit?: number;
  /** Continue after this global position (the previous page's nextAfter). */
  after?: number;
}

export interface AuditTrailPage {
  items: AuditEntry[];
  /** Pass as `after` for the next page; null when this page is the last. */
  nextAfter: number | null;
}

export const AUDIT_TRAIL_DEFAULT_LIMIT = 100;
export const AUDIT_TRAIL_MAX_LIMIT = 1000;

const COLUMNS = `position, stream_id AS streamId, stream_version AS streamVersion, type, actor, command_id AS commandId,
  correlation_id AS correlationId, causation_id AS causationId, event_id AS eventId, occurred_at AS occurredAt,
  recorded_at AS recordedAt, hash, prev_hash AS prevHash, supplier_id AS supplierId, period`;

/** An event's id, type and place in the log: enough to link to it. */
export interface EventPlace {
  eventId: string;
  type: string;
  streamId: string;
  streamVersion: number;
  position: number;
}

const PLACE_COLUMNS = 'event_id AS eventId, type, stream_id AS streamId, stream_version AS streamVersion, position';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class AuditTrailQueries {
  /** One statement per combination of filters used. */
  private readonly statements: StatementCache;

  constructor(db: ReadModelDb) {
    this.statements = new StatementCache(db);
  }

  /** Events in global order, filtered, one page at a time. */
  list(query: AuditTrailQuery = {}): AuditTrailPage {
    const asked = query.limit !== undefined && Number.isFinite(query.limit) ? Math.floor(query.limit) : AUDIT_TRAIL_DEFAULT_LIMIT;
    const limit = Math.min(AUDIT_TRAIL_MAX_LIMIT, Math.max(1, asked));
    const conditions: string[] = ['position > ?'];
    const parameters: unknown[] = [query.after ?? 0];
    const equal = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      conditions.push(`${column} = ?`);
      parameters.push(value);
    };
    equal('supplier_id', query.supplierId);
    equal('stream_id', query.streamId);
    equal('type', query.type);
    equal('actor', query.actor);
    if (query.period !== undefined) {
      conditions.push('period = ?');
      parameters.push(query.period);
    }
    if (query.eventIds !== undefined) {
      // One statement whatever the number of ids; SQLite walks the event_id index once per id.
      conditions.push('event_id IN (SELECT value FROM json_each(?))');
      parameters.push(JSON.stringify(query.eventIds));
    }
    if (query.from !== undefined) {
      conditions.push('recorded_at >= ?');
      parameters.push(instant(query.from, 'start'));
    }
    if (query.to !== undefined) {
      conditions.push('recorded_at <= ?');
      parameters.push(instant(query.to, 'end'));
    }
    const sql = `SELECT ${COLUMNS} FROM audit_trail WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT ?`;
    // One row more than asked tells whether there is a next page without a second query.
    const rows = this.statements.get(sql).all(...parameters, limit + 1) as AuditEntry[];
    const items = rows.length > limit ? rows.slice(0, limit) : rows;
    return { items, nextAfter: rows.length > limit ? items[items.length - 1].position : null };
  }

  /** Where an event stands in the log (its stream and version), for stores that cannot look an id up. */
  locate(eventId: string): EventPlace | null {
    const row = this.statements.get(`SELECT ${PLACE_COLUMNS} FROM audit_trail WHERE event_id = ?`).get(eventId) as EventPlace | undefined;
    return row ?? null;
  }

  /** The events appended in reaction to this one (their causationId), in global order. */
  causedBy(eventId: string): EventPlace[] {
    return this.statements
      .get(`SELECT ${PLACE_COLUMNS} FROM audit_trail WHERE causation_id = ? ORDER BY position`)
      .all(eventId) as EventPlace[];
  }
}

/** recordedAt is stored as toISOString(); bounds are brought to the same shape so strings compare as times. */
function instant(value: string, bound: 'start' | 'end'): string {
  const iso = DATE_ONLY.test(value) ? `${value}T${bound === 'start' ? '00:00:00.000' : '23:59:59.999'}Z` : value;
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) throw new RangeError(`not an ISO date or time: ${value}`);
  return time.toISOString();
}
