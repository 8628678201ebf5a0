import { describeEventStoreContract } from '../event-store.contract';
import { MemoryEventStore } from './memory-event-store';

describeEventStoreContract('memory', async () => new MemoryEventStore());

describe('MemoryEventStore', () => {
  it('hands out copies, so a caller cannot rewrite history', async () => {
    const store = new MemoryEventStore();
    await store.appendToStream('supplier-1', [{ type: 'SupplierRegistered', data: { name: 'Acme' } }], {
      commandId: 'cmd-1',
      actor: 'user:test',
    });
    const [first] = await store.readStream('supplier-1');
    (first.data as { name: string }).name = 'Changed';
    first.metadata.actor = 'user:mallory';
    const [again] = await store.readStream('supplier-1');
    expect(again.data).toEqual({ name: 'Acme' });
    expect(again.metadata.actor).toBe('user:test');
    await store.close();
  });
});
