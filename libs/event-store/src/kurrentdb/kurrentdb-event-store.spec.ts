import { describeEventStoreContract } from '../event-store.contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

const connectionString = process.env.KURRENTDB_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('kurrentdb', async () => new KurrentDbEventStore(connectionString));
} else {
  console.warn(
    'KurrentDB event store contract SKIPPED: KURRENTDB_CONNECTION_STRING is not set ' +
      '(e.g. kurrentdb://localhost:2113?tls=false against a running KurrentDB node).',
  );
  describe.skip('EventStore contract: kurrentdb (needs KURRENTDB_CONNECTION_STRING)', () => {
    it('runs the contract suite against a KurrentDB server', () => undefined);
  });
}
