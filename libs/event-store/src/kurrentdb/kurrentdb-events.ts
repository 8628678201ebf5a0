import { START, type AllStreamResolvedEvent, type ReadPosition, type ResolvedEvent } from '@kurrent/kurrentdb-client';
import type { EventMetadata, RecordedEvent } from '../event-envelope';

/**
 * Translation between KurrentDB's records and our envelope, shared by the store and its
 * subscriptions so both agree on what counts as "our" event.
 */

/**
 * Key of the command's fingerprint in a KurrentDB event's metadata: written beside the sealed envelope,
 * never part of it (hashes and readers see the envelope without it).
 */
export const COMMAND_FINGERPRINT_KEY = 'commandFingerprint';

/** Commit position KurrentDB reports when it has none (stream reads on old servers). */
const NO_POSITION = 0xffffffffffffffffn;

/**
 * An event of the due-diligence log: JSON, in a user stream, with a non-system type, and carrying
 * our sealed metadata. Anything else in $all (system events, projections' links, our own
 * command index, other applications' events) is not part of the log and is skipped.
 */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | null {
  const event = resolved.event;
  if (!event || !event.isJson) return null;
  if (event.type.startsWith('$') || event.streamId.startsWith('$')) return null;
  const stored = event.metadata as (Partial<EventMetadata> & { [COMMAND_FINGERPRINT_KEY]?: unknown }) | undefined;
  if (!stored || typeof stored.hash !== 'string' || typeof stored.eventId !== 'string') return null;
  const { [COMMAND_FINGERPRINT_KEY]: _fingerprint, ...metadata } = stored;
  const commit = event.position?.commit ?? resolved.commitPosition;
  return {
    type: event.type,
    data: event.data,
    metadata: metadata as EventMetadata,
    streamId: event.streamId,
    streamVersion: Number(event.revision),
    globalPosition: commit === undefined || commit === NO_POSITION ? Number.NaN : Number(commit),
  };
}

/**
 * Our global position is the commit position. Since KurrentDB writes each event of an append as
 * its own committed record, commit equals prepare for every event, so a position we handed out
 * maps back to an exact $all position. Reads from a position include it; callers skip it.
 */
export function readPositionAfter(after: number | undefined): ReadPosition {
  if (after === undefined || after <= 0) return START;
  const position = BigInt(after);
  return { commit: position, prepare: position };
}
