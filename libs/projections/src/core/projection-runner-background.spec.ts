import { MemoryEventStore, type EventStore } from '@dd/event-store';
import type { ProjectionDefinition } from './projection';
import { ProjectionRunner, REPLAY_PAGE_SIZE } from './projection-runner';
import { ReadModelsUnavailable } from './projection-status';
import { openReadModelDb, type ReadModelDb } from './read-model-db';

/** A read model of one row per event, named as given. */
function rowsProjection(name: string, version = 1): ProjectionDefinition {
  const table = name.replace(/-/g, '_');
  return {
    name,
    version,
    tables: [table],
    create(db) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${table} (position INTEGER PRIMARY KEY)`);
      const insert = db.prepare(`INSERT INTO ${table} (position) VALUES (?)`);
      return { apply: (event) => void insert.run(event.globalPosition) };
    },
  };
}

async function appendThings(store: EventStore, count: number, prefix = 'things'): Promise<void> {
  // One append of many events: the store is quick to fill, and the log is as long as a replay of several pages.
  const batch = 1000;
  for (let from = 0; from < count; from += batch) {
    const events = Array.from({ length: Math.min(batch, count - from) }, (_, index) => ({
      type: 'ThingHappened',
      data: { n: from + index },
    }));
    await store.appendToStream(`${prefix}-${from}`, events, { commandId: `${prefix}-${from}`, actor: 'tester' });
  }
}

/**
 * A server starts its runner in the background (docs/bounded-start.md): start() resolves once the read
 * models are open, the replay runs meanwhile, and a read model short of the head is refused as
 * catching up, never served half-built.
 */
describe('ProjectionRunner started in the background', () => {
  let store: MemoryEventStore;
  let db: ReadModelDb;
  let runner: ProjectionRunner;

  beforeEach(() => {
    store = new MemoryEventStore();
    db = openReadModelDb(':memory:');
  });

  afterEach(async () => {
    await runner.stop();
    await store.close();
    db.close();
  });

  it('given a log of several pages and fresh read models, when started, then they are catching up and refused until replayed, then running and read', async () => {
    await appendThings(store, 3 * REPLAY_PAGE_SIZE);
    const head = await store.headPosition();
    runner = new ProjectionRunner(store, db, [rowsProjection('first'), rowsProjection('second')]);

    await runner.start({ background: true });

    expect(runner.catchingUp).toBe(true);
    const statuses = runner.statuses();
    expect(statuses.map((status) => status.state)).toEqual(['catching-up', 'catching-up']);
    expect(statuses[0].position).toBeLessThan(head);
    const refusal = await runner.caughtUp(['first']).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(ReadModelsUnavailable);
    expect((refusal as ReadModelsUnavailable).catchingUp).toBe(true);
    expect((refusal as ReadModelsUnavailable).headPosition).toBe(head);
    expect((refusal as ReadModelsUnavailable).projections).toEqual([
      expect.objectContaining({
        name: 'first',
        state: 'catching-up',
        behind: head - (refusal as ReadModelsUnavailable).projections[0].position,
      }),
    ]);

    await runner.replayed();

    expect(runner.catchingUp).toBe(false);
    expect(runner.statuses()).toEqual([
      { name: 'first', state: 'running', position: head },
      { name: 'second', state: 'running', position: head },
    ]);
    await runner.caughtUp();
    expect(db.prepare('SELECT count(*) FROM first').pluck().get()).toBe(head);

    // Then it follows the log as a runner started in the foreground does.
    await appendThings(store, 1, 'later');
    await runner.caughtUp();
    expect(db.prepare('SELECT count(*) FROM second').pluck().get()).toBe(head + 1);
  });

  it('given read models level with the log, when started, then nothing is catching up and reads are answered at once', async () => {
    await appendThings(store, 10);
    const first = new ProjectionRunner(store, db, [rowsProjection('first')]);
    await first.start();
    await first.caughtUp();
    await first.stop();

    runner = new ProjectionRunner(store, db, [rowsProjection('first')]);
    await runner.start({ background: true });

    expect(runner.catchingUp).toBe(false);
    expect(runner.statuses()).toEqual([{ name: 'first', state: 'running', position: 10 }]);
    await runner.caughtUp(['first']);
  });

  it('given one read model level with the log and one changed (reset), when started, then the level one keeps up with live appends while the other catches up apart, then both are whole', async () => {
    await appendThings(store, 3 * REPLAY_PAGE_SIZE);
    const head = await store.headPosition();
    const before = new ProjectionRunner(store, db, [rowsProjection('first'), rowsProjection('second')]);
    await before.start();
    await before.caughtUp();
    await before.stop();
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

    // An upgrade changed the second read model: it is dropped and replayed; the first is current.
    runner = new ProjectionRunner(store, db, [rowsProjection('first'), rowsProjection('second', 2)]);
    await runner.start({ background: true });

    expect(runner.statuses().map((status) => status.state)).toEqual(['running', 'catching-up']);
    await appendThings(store, 1, 'later');
    await runner.caughtUp(['first']);
    expect(count('first')).toBe(head + 1);
    const refusal = await runner.caughtUp(['first', 'second']).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(ReadModelsUnavailable);
    expect((refusal as ReadModelsUnavailable).projections.map((projection) => projection.name)).toEqual(['second']);

    await runner.replayed();

    // Every event once in each (a primary key per position: a repeat would have stopped the read model).
    expect(runner.statuses()).toEqual([
      { name: 'first', state: 'running', position: head + 1 },
      { name: 'second', state: 'running', position: head + 1 },
    ]);
    expect(count('second')).toBe(head + 1);
    await appendThings(store, 1, 'later-still');
    await runner.caughtUp();
    expect([count('first'), count('second')]).toEqual([head + 2, head + 2]);
  });

  it('given a replay under way, when stopped, then the replay ends and nothing follows the log', async () => {
    await appendThings(store, 3 * REPLAY_PAGE_SIZE);
    runner = new ProjectionRunner(store, db, [rowsProjection('first')]);
    await runner.start({ background: true });

    await runner.stop();

    expect(runner.catchingUp).toBe(false);
    const position = runner.position('first');
    await appendThings(store, 1, 'later');
    await new Promise((resolve) => setImmediate(resolve));
    expect(runner.position('first')).toBe(position);
  });

  it('given fresh read models started in the background, when rebuilt at once, then the log is replayed once, not once by the start and again by the rebuild', async () => {
    await appendThings(store, 10 * REPLAY_PAGE_SIZE);
    const head = await store.headPosition();
    let applied = 0;
    const counting = rowsProjection('counted');
    runner = new ProjectionRunner(store, db, [
      {
        ...counting,
        create(db, context) {
          const handlers = counting.create(db, context);
          return { apply: (event) => (applied++, handlers.apply(event)) };
        },
      },
    ]);
    await runner.start({ background: true });

    const rebuilt = await runner.rebuild();

    expect(rebuilt.events).toBe(head);
    expect(runner.position('counted')).toBe(head);
    expect(db.prepare('SELECT count(*) AS n FROM counted').get()).toEqual({ n: head });
    // The start's replay is cut short after the page it is in: at most that page is applied twice.
    expect(applied).toBeLessThanOrEqual(head + REPLAY_PAGE_SIZE);
  });
});
