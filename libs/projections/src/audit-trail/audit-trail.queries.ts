import Database from 'better-sqlite3';
import type { ReadModelDb } from '../core/read-model-db';
import { StatementCache } from '../core/statement-cache';
import { asOfCutOf } from '../temporal/as-of-cut';

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

/** How the entries are read: from the read model's full table, or from the narrow one beside the log it views. */
interface Layout {
  statements: StatementCache;
  /** FROM clause when the filters pick events by the log's own columns (stream, event id), and otherwise. */
  fromByLog: string;
  from: string;
  columns: string;
  placeColumns: string;
  /** Column of each filter. */
  position: string;
  supplierId: string;
  streamId: string;
  type: string;
  actor: string;
  period: string;
  eventId: string;
  recordedAt: string;
  causationId: string;
}

const COLUMNS = `position, stream_id AS streamId, stream_version AS streamVersion, type, actor, command_id AS commandId,
  correlation_id AS correlationId, causation_id AS causationId, event_id AS eventId, occurred_at AS occurredAt,
  recorded_at AS recordedAt, hash, prev_hash AS prevHash, supplier_id AS supplierId, period`;

/**
 * Beside a SQLite log, the envelope comes from the log as stored (and hashed). The join order is fixed
 * (CROSS JOIN): by the log's stream or event id index when one of those is asked for, else through
 * the trail's own indexes in position order.
 */
const LOG_COLUMNS = `i.position AS position, e.stream_id AS streamId, e.stream_version AS streamVersion, i.type AS type,
  i.actor AS actor, json_extract(e.metadata, '$.commandId') AS commandId, json_extract(e.metadata, '$.correlationId') AS correlationId,
  i.causation_id AS causationId, e.event_id AS eventId, json_extract(e.metadata, '$.occurredAt') AS occurredAt,
  i.recorded_at AS recordedAt, json_extract(e.metadata, '$.hash') AS hash, json_extract(e.metadata, '$.prevHash') AS prevHash,
  i.supplier_id AS supplierId, i.period AS period`;

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

/** One reader per read-model connection for the trail beside a log: the read models' file, read-only, with the log attached. */
const logReaders = new WeakMap<ReadModelDb, { file: string; reader: ReadModelDb; statements: StatementCache }>();

/**
 * A read-only connection sees the log. Attaching it to the read models' own connection would not do:
 * every write transaction there would then take the log's write lock as well and block appends.
 */
function logReader(db: ReadModelDb, file: string): StatementCache {
  if (!db.open) throw new TypeError('The database connection is not open');
  const known = logReaders.get(db);
  if (known && known.file === file && known.reader.open) return known.statements;
  known?.reader.close();
  const reader = new Database(db.name, { readonly: true, fileMustExist: true, timeout: 20 });
  reader.pragma('cache_size = -16384');
  reader.prepare('ATTACH DATABASE ? AS log').run(file);
  const statements = new StatementCache(reader);
  logReaders.set(db, { file, reader, statements });
  return statements;
}

export class AuditTrailQueries {
  /** One statement per combination of filters used. */
  private readonly statements: StatementCache;

  constructor(private readonly db: ReadModelDb) {
    this.statements = new StatementCache(db);
  }

  /** Events in global order, filtered, one page at a time. */
  list(query: AuditTrailQuery = {}): AuditTrailPage {
    const asked = query.limit !== undefined && Number.isFinite(query.limit) ? Math.floor(query.limit) : AUDIT_TRAIL_DEFAULT_LIMIT;
    const limit = Math.min(AUDIT_TRAIL_MAX_LIMIT, Math.max(1, asked));
    const layout = this.layout();
    const conditions: string[] = [`${layout.position} > ?`];
    const parameters: unknown[] = [query.after ?? 0];
    const equal = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      conditions.push(`${column} = ?`);
      parameters.push(value);
    };
    equal(layout.supplierId, query.supplierId);
    equal(layout.streamId, query.streamId);
    equal(layout.type, query.type);
    equal(layout.actor, query.actor);
    if (query.period !== undefined) {
      conditions.push(`${layout.period} = ?`);
      parameters.push(query.period);
    }
    if (query.eventIds !== undefined) {
      // One statement whatever the number of ids; SQLite walks the event_id index once per id.
      conditions.push(`${layout.eventId} IN (SELECT value FROM json_each(?))`);
      parameters.push(JSON.stringify(query.eventIds));
    }
    if (query.from !== undefined) {
      conditions.push(`${layout.recordedAt} >= ?`);
      parameters.push(instant(query.from, 'start'));
    }
    if (query.to !== undefined) {
      conditions.push(`${layout.recordedAt} <= ?`);
      parameters.push(instant(query.to, 'end'));
    }
    const from = query.streamId !== undefined || query.eventIds !== undefined ? layout.fromByLog : layout.from;
    const sql = `SELECT ${layout.columns} FROM ${from} WHERE ${conditions.join(' AND ')} ORDER BY ${layout.position} LIMIT ?`;
    // One row more than asked tells whether there is a next page without a second query.
    const rows = layout.statements.get(sql).all(...parameters, limit + 1) as AuditEntry[];
    const items = rows.length > limit ? rows.slice(0, limit) : rows;
    return { items, nextAfter: rows.length > limit ? items[items.length - 1].position : null };
  }

  /** Where an event stands in the log (its stream and version), for stores that cannot look an id up. */
  locate(eventId: string): EventPlace | null {
    const layout = this.layout();
    const row = layout.statements.get(`SELECT ${layout.placeColumns} FROM ${layout.fromByLog} WHERE ${layout.eventId} = ?`).get(eventId) as
      EventPlace | undefined;
    return row ?? null;
  }

  /** The events appended in reaction to this one (their causationId), in global order. */
  causedBy(eventId: string): EventPlace[] {
    const layout = this.layout();
    return layout.statements
      .get(`SELECT ${layout.placeColumns} FROM ${layout.from} WHERE ${layout.causationId} = ? ORDER BY ${layout.position}`)
      .all(eventId) as EventPlace[];
  }

  private layout(): Layout {
    const file = this.logFile();
    if (file === undefined) {
      return {
        statements: this.statements,
        from: 'audit_trail',
        fromByLog: 'audit_trail',
        columns: COLUMNS,
        placeColumns: PLACE_COLUMNS,
        position: 'position',
        supplierId: 'supplier_id',
        streamId: 'stream_id',
        type: 'type',
        actor: 'actor',
        period: 'period',
        eventId: 'event_id',
        recordedAt: 'recorded_at',
        causationId: 'causation_id',
      };
    }
    // As of a position, the reader's own connection has no views of the past: the index is cut here.
    const cut = asOfCutOf(this.db);
    const index = cut === undefined ? 'audit_trail_index' : `(SELECT * FROM audit_trail_index WHERE position <= ${Number(cut)})`;
    return {
      statements: logReader(this.db, file),
      from: `${index} i CROSS JOIN log.events e ON e.global_position = i.position`,
      fromByLog: `log.events e CROSS JOIN ${index} i ON i.position = e.global_position`,
      columns: LOG_COLUMNS,
      placeColumns:
        'e.event_id AS eventId, e.type AS type, e.stream_id AS streamId, e.stream_version AS streamVersion, i.position AS position',
      position: 'i.position',
      supplierId: 'i.supplier_id',
      streamId: 'e.stream_id',
      type: 'i.type',
      actor: 'i.actor',
      period: 'i.period',
      eventId: 'e.event_id',
      recordedAt: 'i.recorded_at',
      causationId: 'i.causation_id',
    };
  }

  /** The log file the trail views (see auditTrailProjection), or none: the trail is the full table. */
  private logFile(): string | undefined {
    const logged = this.statements.get("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_trail_log'").pluck().get();
    if (logged === undefined) return undefined;
    return this.statements.get('SELECT file FROM audit_trail_log WHERE id = 1').pluck().get() as string | undefined;
  }
}

/** recordedAt is stored as toISOString(); bounds are brought to the same shape so strings compare as times. */
function instant(value: string, bound: 'start' | 'end'): string {
  const iso = DATE_ONLY.test(value) ? `${value}T${bound === 'start' ? '00:00:00.000' : '23:59:59.999'}Z` : value;
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) throw new RangeError(`not an ISO date or time: ${value}`);
  return time.toISOString();
}
