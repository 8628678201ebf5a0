import { hash as digest } from 'node:crypto';
import type { AppendOptions, EventMetadata, NewEvent } from './event-envelope';
import { eventIdFor } from './event-ids';
import { canonicalJson } from './hash-chain';

/** An event ready to be written: envelope fields computed, payloads serialised once. */
export interface SealedEvent {
  type: string;
  streamVersion: number;
  /** Set for log-chained events, whose hash covers it: the position the event must be written at. */
  globalPosition?: number;
  /** canonicalJson(data): what is stored is exactly what was hashed, so a re-read verifies. */
  dataJson: string;
  metadata: EventMetadata;
  metadataJson: string;
}

/** Where the stream stands before the append. */
export interface StreamTip {
  /** Version of the last event, -1 for a new stream. */
  version: number;
  /** Hash of the last event, GENESIS_HASH for a new stream. */
  hash: string;
}

/** Where the whole log stands before the append (stores with one writer and gap-free positions). */
export interface LogTip {
  /** Global position of the last event, 0 for an empty log. */
  position: number;
  /** Hash of the last event, GENESIS_HASH for an empty log. */
  hash: string;
}

/**
 * Computes each event's metadata and its links: to the previous event of its stream always, and,
 * given the log's tip, to the previous event of the whole log, with the event's global position
 * under the hash (the log-chained format, see hash-chain.ts). Without it (KurrentDB, whose positions
 * the server assigns), the events are stream-chained.
 *
 * The sealed JSON is assembled from pieces rather than through eventHash(): the envelope's key
 * order is fixed, so concatenation yields byte-for-byte the string canonicalJson() would build,
 * without walking the payload a second time. The contract suite checks the result with
 * firstBrokenLink() and verifyLog(), which do use eventHash(), so any drift between the two is caught.
 */
export function sealEvents(
  streamId: string,
  events: readonly NewEvent[],
  options: AppendOptions,
  tip: StreamTip,
  recordedAt: string = new Date().toISOString(),
  log?: LogTip,
): SealedEvent[] {
  const occurredAt = options.occurredAt ?? recordedAt;
  const causationId = options.causationId ?? null;
  // Metadata fields common to the whole append, in canonical (sorted) key order.
  const actorJson = JSON.stringify(options.actor);
  const causationJson = JSON.stringify(causationId);
  const commandJson = JSON.stringify(options.commandId);
  const correlationJson = JSON.stringify(options.correlationId ?? options.commandId);
  const occurredJson = JSON.stringify(occurredAt);
  const recordedJson = JSON.stringify(recordedAt);
  const streamIdJson = JSON.stringify(streamId);

  const sealed: SealedEvent[] = new Array(events.length);
  let prevHash = tip.hash;
  let logPrevHash = log?.hash;
  for (let index = 0; index < events.length; index++) {
    const event = events[index];
    const streamVersion = tip.version + 1 + index;
    const globalPosition = log === undefined ? undefined : log.position + 1 + index;
    const eventId = eventIdFor(options.commandId, index);
    const schemaVersion = event.schemaVersion ?? 1;
    const dataJson = canonicalJson(event.data === undefined ? null : event.data);
    const unsealedMetadataJson =
      `{"actor":${actorJson},"causationId":${causationJson},"commandId":${commandJson},` +
      `"correlationId":${correlationJson},"eventId":"${eventId}",` +
      (logPrevHash === undefined ? '' : `"logPrevHash":"${logPrevHash}",`) +
      `"occurredAt":${occurredJson},"prevHash":"${prevHash}","recordedAt":${recordedJson},` +
      `"schemaVersion":${JSON.stringify(schemaVersion)}}`;
    const hash = digest(
      'sha256',
      `{"data":${dataJson},` +
        (globalPosition === undefined ? '' : `"globalPosition":${globalPosition},`) +
        `"metadata":${unsealedMetadataJson},"streamId":${streamIdJson},` +
        `"streamVersion":${streamVersion},"type":${JSON.stringify(event.type)}}`,
      'hex',
    );
    const metadata: EventMetadata = {
      eventId,
      commandId: options.commandId,
      correlationId: options.correlationId ?? options.commandId,
      causationId,
      actor: options.actor,
      occurredAt,
      recordedAt,
      schemaVersion,
      prevHash,
      hash,
    };
    if (logPrevHash !== undefined) metadata.logPrevHash = logPrevHash;
    const sealedEvent: SealedEvent = {
      type: event.type,
      streamVersion,
      dataJson,
      metadata,
      metadataJson: `${unsealedMetadataJson.slice(0, -1)},"hash":"${hash}"}`,
    };
    if (globalPosition !== undefined) sealedEvent.globalPosition = globalPosition;
    sealed[index] = sealedEvent;
    prevHash = hash;
    if (logPrevHash !== undefined) logPrevHash = hash;
  }
  return sealed;
}

/** Rejects appends the envelope could not describe honestly (no idempotency key, no principal). */
export function assertAppendOptions(streamId: string, events: readonly NewEvent[], options: AppendOptions): void {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
  if (!options || typeof options.commandId !== 'string' || options.commandId.length === 0) {
    throw new TypeError('appendToStream needs a non-empty commandId (the idempotency key)');
  }
  if (typeof options.actor !== 'string' || options.actor.length === 0) {
    throw new TypeError('appendToStream needs the actor (the authenticated principal)');
  }
  const expected = options.expectedVersion;
  if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < -1)) {
    throw new TypeError(`expectedVersion must be an integer >= -1, got ${expected}`);
  }
  if (!Array.isArray(events)) throw new TypeError('events must be an array');
  for (const event of events) {
    if (typeof event?.type !== 'string' || event.type.length === 0) throw new TypeError('every event needs a type');
  }
}
