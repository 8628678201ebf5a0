import { MemoryEventStore, type EventStore } from '@dd/event-store';
import { logAsOf, positionRecordedBy } from './log-as-of';

/** The log as of a cut, and a recorded time turned into the position of the last event recorded by then. */
describe('the log as of a cut', () => {
  let store: EventStore;

  const register = (supplierId: string, occurredAt?: string) =>
    store.appendToStream(
      `supplier-${supplierId}`,
      [{ type: 'SupplierRegistered', data: { supplierId, name: supplierId, tier: 'direct' } }],
      { commandId: `register-${supplierId}`, actor: 'spec', ...(occurredAt ? { occurredAt } : {}) },
    );

  beforeEach(async () => {
    store = new MemoryEventStore();
    for (let index = 1; index <= 40; index++) {
      await register(`s${index}`, index % 2 === 0 ? '2024-06-01T00:00:00.000Z' : '2025-06-01T00:00:00.000Z');
      // Some events share a millisecond, some do not.
      if (index % 3 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    }
  });

  afterEach(() => store.close());

  it('given any recorded time, finds the last event recorded at or before it', async () => {
    const events = await store.readAll();
    const times = [...new Set(events.map((event) => event.metadata.recordedAt))];
    for (const time of times) {
      const expected = Math.max(...events.filter((event) => event.metadata.recordedAt <= time).map((event) => event.globalPosition));
      expect({ time, position: await positionRecordedBy(store, time) }).toEqual({ time, position: expected });
    }
    expect(await positionRecordedBy(store, '2000-01-01T00:00:00.000Z')).toBe(0);
    expect(await positionRecordedBy(store, '2999-01-01T00:00:00.000Z')).toBe(40);
    expect(await positionRecordedBy(new MemoryEventStore(), '2999-01-01T00:00:00.000Z')).toBe(0);
  });

  it('hides the events past the cut, and those that occurred after its business time', async () => {
    const cut = logAsOf(store, { position: 25, occurredUntil: '2024-12-31T23:59:59.999Z' });
    const kept = await cut.readAll();
    expect(kept.map((event) => event.globalPosition)).toEqual(Array.from({ length: 12 }, (_, index) => 2 * (index + 1)));
    expect((await cut.readAll({ after: 10, maxCount: 2 })).map((event) => event.globalPosition)).toEqual([12, 14]);
    expect(await cut.headPosition()).toBe(25);
    expect(await cut.readStream('supplier-s30')).toEqual([]);
    expect(await cut.streamVersion('supplier-s24')).toBe(0);
    expect(await cut.readEvent(kept[0].metadata.eventId)).toEqual(kept[0]);
    const later = (await store.readAll({ after: 29, maxCount: 1 }))[0];
    expect(await cut.readEvent(later.metadata.eventId)).toBeNull();
    await expect(cut.appendToStream('x', [], { commandId: 'x', actor: 'spec' })).rejects.toThrow(/read-only/);
  });
});
