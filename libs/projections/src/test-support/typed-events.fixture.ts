import { eventSchemaFor } from '@dd/domain';
import type { EventStore } from '@dd/event-store';
import type { Appended } from './domain-log.fixture';

let appends = 0;

/**
 * Appends one event of any catalogued type, its data checked by the event catalogue's schema, as
 * a command handler would after its decider decided: for projection specs whose events DomainLog
 * has no helper for (management systems, periods, products, lists).
 */
export async function appendEvent(
  store: EventStore,
  streamId: string,
  type: string,
  data: unknown,
  context: { actor?: string; occurredAt?: string } = {},
): Promise<Appended> {
  const schema = eventSchemaFor(type);
  if (!schema) throw new Error(`${type} is not in the event catalogue`);
  const result = await store.appendToStream(streamId, [{ type, data: schema.parse(data) }], {
    commandId: `typed-${++appends}-${type}`,
    actor: context.actor ?? 'compliance.officer@example.com',
    occurredAt: context.occurredAt,
  });
  return { eventId: result.eventIds[0], position: result.globalPositions[0] };
}
