import {
  EventLookupUnsupportedError,
  verifyStreamUpTo,
  type EventMetadata,
  type EventStore,
  type RecordedEvent,
  type StreamVerification,
} from '@dd/event-store';
import type { AuditTrailQueries, EventPlace } from '@dd/projections';

/**
 * Event ids are UUIDs (see eventIdFor). Anything else cannot name an event, so it is refused as
 * malformed rather than looked up and answered "not found".
 */
export const EVENT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Another event of the log, named well enough to open it and to know what it is before doing so. */
export interface LinkedEvent {
  eventId: string;
  type: string;
  streamId: string;
  streamVersion: number;
}

/** One event as an auditor opens it: what was recorded, where it sits, and whether its chain holds. */
export interface EventEvidence {
  eventId: string;
  type: string;
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  /** The payload exactly as stored (and hashed). */
  data: unknown;
  /** The envelope as stored: actor, commandId, correlationId, causationId, occurredAt, recordedAt, schemaVersion, hash, prevHash. */
  metadata: EventMetadata;
  links: {
    /** The event before this one in its stream (version - 1); null for a stream's first event. */
    previous: LinkedEvent | null;
    /** The event after this one in its stream; null while this is the stream's last. */
    next: LinkedEvent | null;
    /** The event this one was appended in reaction to (metadata.causationId), when the log holds it. */
    causation: LinkedEvent | null;
    /** The events appended in reaction to this one (their causationId is this event's id), in log order. */
    caused: LinkedEvent[];
  };
  /** The event's stream recomputed from its first event up to and including this one. */
  verification: StreamVerification;
}

/**
 * The event with this id: straight from the store where it keeps an id index (sqlite, memory);
 * otherwise (KurrentDB) at the stream and version the audit trail read model recorded for it.
 */
export async function findEvent(store: EventStore, auditTrail: AuditTrailQueries, eventId: string): Promise<RecordedEvent | null> {
  try {
    return await store.readEvent(eventId);
  } catch (error) {
    if (!(error instanceof EventLookupUnsupportedError)) throw error;
  }
  const place = auditTrail.locate(eventId);
  return place ? eventAt(store, place.streamId, place.streamVersion, eventId) : null;
}

/** The event at a stream version, provided it is the one expected (a read model may be stale). */
export async function eventAt(store: EventStore, streamId: string, streamVersion: number, eventId: string): Promise<RecordedEvent | null> {
  const [event] = await store.readStream(streamId, { fromVersion: streamVersion, maxCount: 1 });
  return event && event.streamVersion === streamVersion && event.metadata.eventId === eventId ? event : null;
}

/** Everything an auditor needs to open one event; null when the log holds no event with this id. */
export async function eventEvidence(store: EventStore, auditTrail: AuditTrailQueries, eventId: string): Promise<EventEvidence | null> {
  const event = await findEvent(store, auditTrail, eventId);
  if (!event) return null;
  const version = event.streamVersion;
  // One read for both neighbours: versions version-1 .. version+1.
  const around = await store.readStream(event.streamId, { fromVersion: Math.max(0, version - 1), maxCount: version === 0 ? 2 : 3 });
  const neighbour = (at: number) => {
    const found = around.find((candidate) => candidate.streamVersion === at);
    return found ? linked(found) : null;
  };
  const causationId = event.metadata.causationId;
  const cause = causationId !== null && EVENT_ID_PATTERN.test(causationId) ? auditTrail.locate(causationId) : null;
  return {
    eventId: event.metadata.eventId,
    type: event.type,
    streamId: event.streamId,
    streamVersion: version,
    globalPosition: event.globalPosition,
    data: event.data,
    metadata: event.metadata,
    links: {
      previous: neighbour(version - 1),
      next: neighbour(version + 1),
      causation: cause ? placed(cause) : null,
      caused: auditTrail.causedBy(event.metadata.eventId).map(placed),
    },
    verification: await verifyStreamUpTo(store, event),
  };
}

function linked(event: RecordedEvent): LinkedEvent {
  return { eventId: event.metadata.eventId, type: event.type, streamId: event.streamId, streamVersion: event.streamVersion };
}

function placed(place: EventPlace): LinkedEvent {
  return { eventId: place.eventId, type: place.type, streamId: place.streamId, streamVersion: place.streamVersion };
}
