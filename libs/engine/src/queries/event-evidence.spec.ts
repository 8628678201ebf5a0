import { EventLookupUnsupportedError, MemoryEventStore, type EventStore, type RecordedEvent } from '@dd/event-store';
import { auditTrailProjection, AuditTrailQueries, openReadModelDb, ProjectionRunner, type ReadModelDb } from '@dd/projections';
import { eventEvidence, findEvent } from './event-evidence';

/**
 * A store that, like the KurrentDB adapter, cannot look an event up by id (the KurrentDB adapter
 * needs a server, so its one relevant behaviour is reproduced over the memory store).
 */
class StoreWithoutIdIndex extends MemoryEventStore {
  /** Switched on to compare with what a store with an index answers for the very same log. */
  indexed = false;
  override async readEvent(eventId: string): Promise<RecordedEvent | null> {
    if (this.indexed) return super.readEvent(eventId);
    throw new EventLookupUnsupportedError('kurrentdb');
  }
}

describe('the evidence of one event', () => {
  let db: ReadModelDb;
  const stores: EventStore[] = [];

  beforeEach(() => {
    db = openReadModelDb(':memory:');
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    db.close();
  });

  /** A response, the two risks a process manager raised from it, and a later assessment of the first. */
  async function given(store: EventStore) {
    stores.push(store);
    const response = await store.appendToStream(
      'response-2024-acme',
      [{ type: 'ResponseRecorded', data: { supplierId: 'acme', period: 2024 } }],
      {
        commandId: 'record-acme',
        actor: 'alice',
        occurredAt: '2025-02-01T10:00:00.000Z',
      },
    );
    const cause = response.eventIds[0];
    const tin = await store.appendToStream(
      'risk-2024-tin',
      [{ type: 'RiskRaised', data: { riskId: '2024-tin', supplierId: 'acme', period: 2024 } }],
      {
        commandId: 'pm/tin',
        actor: 'system:risk-from-findings',
        correlationId: 'record-acme',
        causationId: cause,
      },
    );
    await store.appendToStream(
      'risk-2024-gold',
      [{ type: 'RiskRaised', data: { riskId: '2024-gold', supplierId: 'acme', period: 2024 } }],
      {
        commandId: 'pm/gold',
        actor: 'system:risk-from-findings',
        causationId: cause,
      },
    );
    const assessed = await store.appendToStream(
      'risk-2024-tin',
      [{ type: 'RiskAssessed', data: { riskId: '2024-tin', likelihood: 'likely' } }],
      {
        commandId: 'assess-tin',
        actor: 'bob',
      },
    );
    const runner = new ProjectionRunner(store, db, [auditTrailProjection]);
    await runner.start();
    await runner.caughtUp();
    await runner.stop();
    return { cause, tin: tin.eventIds[0], assessed: assessed.eventIds[0], auditTrail: new AuditTrailQueries(db) };
  }

  it('opens an event with its payload, envelope, neighbours in its stream, cause, effects and an intact chain', async () => {
    const store = new MemoryEventStore();
    const { cause, tin, assessed, auditTrail } = await given(store);

    const evidence = await eventEvidence(store, auditTrail, tin);

    expect(evidence).toMatchObject({
      eventId: tin,
      type: 'RiskRaised',
      streamId: 'risk-2024-tin',
      streamVersion: 0,
      globalPosition: 2,
      data: { riskId: '2024-tin', supplierId: 'acme', period: 2024 },
      metadata: {
        eventId: tin,
        actor: 'system:risk-from-findings',
        commandId: 'pm/tin',
        correlationId: 'record-acme',
        causationId: cause,
        schemaVersion: 1,
      },
      links: {
        previous: null,
        next: { eventId: assessed, type: 'RiskAssessed', streamId: 'risk-2024-tin', streamVersion: 1 },
        causation: { eventId: cause, type: 'ResponseRecorded', streamId: 'response-2024-acme', streamVersion: 0 },
        caused: [],
      },
      verification: { status: 'intact', checkedEvents: 1 },
    });
    expect(evidence!.metadata.hash).toMatch(/^[0-9a-f]{64}$/);

    const response = await eventEvidence(store, auditTrail, cause);
    expect(response!.links.caused.map((event) => [event.type, event.streamId])).toEqual([
      ['RiskRaised', 'risk-2024-tin'],
      ['RiskRaised', 'risk-2024-gold'],
    ]);
    expect(response!.links.causation).toBeNull();

    const last = await eventEvidence(store, auditTrail, assessed);
    expect(last!.links).toMatchObject({ previous: { eventId: tin, streamVersion: 0 }, next: null });
    expect(last!.verification).toEqual({ status: 'intact', checkedEvents: 2 });
  });

  it('answers null for an id the log does not hold', async () => {
    const store = new MemoryEventStore();
    const { auditTrail } = await given(store);
    expect(await eventEvidence(store, auditTrail, '00000000-0000-5000-8000-000000000000')).toBeNull();
  });

  it('given a store without an id index, finds the event where the audit trail saw it, with the same evidence', async () => {
    const store = new StoreWithoutIdIndex();
    const { tin, auditTrail } = await given(store);
    expect((await findEvent(store, auditTrail, tin))?.metadata.eventId).toBe(tin);
    const located = await eventEvidence(store, auditTrail, tin);
    store.indexed = true;
    expect(located).toEqual(await eventEvidence(store, auditTrail, tin));
    store.indexed = false;
    expect(await findEvent(store, auditTrail, '00000000-0000-5000-8000-000000000000')).toBeNull();
  });
});
