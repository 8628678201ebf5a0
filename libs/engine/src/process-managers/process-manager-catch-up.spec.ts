import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '@dd/event-store';
import { openReadModelDb, type ReadModelDb } from '@dd/projections';
import { LogProcessManager } from './log-process-manager';
import { ProcessManagerCatchUp } from './process-manager-catch-up';

/** The real store, with every event it hands out counted: by readAll and by subscriptions alike. */
function countingReads(store: EventStore): { store: EventStore; eventsRead: () => number } {
  let read = 0;
  const counted: EventStore = Object.create(store) as EventStore;
  counted.readAll = async (options) => {
    const events = await store.readAll(options);
    read += events.length;
    return events;
  };
  counted.subscribe = (options) =>
    store.subscribe({
      ...options,
      onEvents: (events) => {
        read += events.length;
        return options.onEvents(events);
      },
    });
  counted.headPosition = () => store.headPosition();
  return { store: counted, eventsRead: () => read };
}

/** A process manager that notes the positions it handled; `failsAt` makes its handling of that event throw. */
class NotingProcessManager extends LogProcessManager {
  readonly handled: number[] = [];

  constructor(
    store: EventStore,
    db: ReadModelDb,
    name: string,
    private readonly failsAt?: number,
  ) {
    super(store, db, `process-manager:${name}`);
  }

  protected async handle(event: RecordedEvent): Promise<void> {
    if (event.globalPosition === this.failsAt) throw new Error(`cannot handle event ${event.globalPosition}`);
    this.handled.push(event.globalPosition);
  }
}

const upTo = (head: number) => Array.from({ length: head }, (_, index) => index + 1);

describe('process managers catching up after a start share one read of the log', () => {
  let dir: string;
  let store: SqliteEventStore;
  let db: ReadModelDb;
  const managers: LogProcessManager[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dd-pm-catch-up-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'), { pollIntervalMs: 20 });
    db = openReadModelDb(join(dir, 'read-models.sqlite'));
    // 23 events over 5 streams: pages of 5 leave a short last page.
    for (let index = 0; index < 23; index++) {
      await store.appendToStream(`supplier-${index % 5}`, [{ type: 'SupplierNoted', data: { index } }], {
        commandId: `note-${index}`,
        actor: 'tester',
      });
    }
  });

  afterEach(async () => {
    for (const manager of managers.splice(0)) await manager.stop();
    await store.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const make = (reads: EventStore, name: string, failsAt?: number) => {
    const manager = new NotingProcessManager(reads, db, name, failsAt);
    managers.push(manager);
    return manager;
  };

  it('given three process managers behind the log, when they start, then the log is read once and each checkpoint ends at the head', async () => {
    const { store: reads, eventsRead } = countingReads(store);
    const risks = make(reads, 'risks');
    const outbox = make(reads, 'outbox');
    const campaigns = make(reads, 'campaigns');

    const catchUp = new ProcessManagerCatchUp(reads, [risks, outbox, campaigns], {}, 5);
    expect([risks, outbox, campaigns].map((manager) => manager.status().state)).toEqual(['catching-up', 'catching-up', 'catching-up']);
    await catchUp.finished();

    expect(eventsRead()).toBe(23);
    for (const manager of [risks, outbox, campaigns]) {
      expect(manager.handled).toEqual(upTo(23));
      expect(manager.position()).toBe(23);
      expect(manager.status().state).toBe('running');
    }

    // Then each follows the log alone: a live append reaches all three.
    await store.appendToStream('supplier-9', [{ type: 'SupplierNoted', data: { index: 23 } }], { commandId: 'note-23', actor: 'tester' });
    for (const manager of [risks, outbox, campaigns]) await manager.caughtUp();
    for (const manager of [risks, outbox, campaigns]) expect(manager.handled).toEqual(upTo(24));
  });

  it('given process managers at different checkpoints, then each handles only what it had not, and one level with the log follows it alone', async () => {
    const { store: reads, eventsRead } = countingReads(store);
    const behind = make(reads, 'behind');
    const halfway = make(reads, 'halfway');
    const level = make(reads, 'level');
    db.prepare("INSERT INTO checkpoints(name, position, version) VALUES ('process-manager:halfway', 12, 1)").run();
    db.prepare("INSERT INTO checkpoints(name, position, version) VALUES ('process-manager:level', 23, 1)").run();

    await new ProcessManagerCatchUp(reads, [behind, halfway, level], {}, 5).finished();

    expect(eventsRead()).toBe(23);
    expect(behind.handled).toEqual(upTo(23));
    expect(halfway.handled).toEqual(upTo(23).slice(12));
    expect(level.handled).toEqual([]);
    expect([behind, halfway, level].map((manager) => manager.position())).toEqual([23, 23, 23]);
  });

  it('given one process manager whose handling fails, then the others still reach the head and it goes on alone, reported as failing', async () => {
    const { store: reads } = countingReads(store);
    const healthy = make(reads, 'healthy');
    const failing = make(reads, 'failing', 7);
    const other = make(reads, 'other');

    await new ProcessManagerCatchUp(reads, [healthy, failing, other], { firstDelayMs: 10, persistentAttempts: 2 }, 5).finished();

    expect(healthy.position()).toBe(23);
    expect(other.position()).toBe(23);
    expect(healthy.handled).toEqual(upTo(23));
    // It handled its first page, then failed on event 7: its checkpoint stays before the page it failed in.
    expect(failing.position()).toBe(5);
    expect(['retrying', 'stopped']).toContain(failing.status().state);
    expect(failing.status().error).toContain('cannot handle event 7');
  });
});
