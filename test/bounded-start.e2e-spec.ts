import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createEventStore } from '@dd/event-store';
import { appendSyntheticLog } from '../apps/cli/src/bench/synthetic-log';
import { RunningApi } from './support/running-api';

/**
 * Bounded start (docs/bounded-start.md): a server on a data directory whose read models are gone
 * listens at once and replays in the background. Meanwhile /health says what is catching up and how
 * far, reads that need those read models answer 503 with Retry-After (never a part-built answer), and
 * commands are accepted; once caught up, everything runs and the same read answers 200.
 */
describe('a server started on a log whose read models are deleted', () => {
  let dataDir: string;
  let api: RunningApi | undefined;

  beforeAll(async () => {
    dataDir = RunningApi.dataDir();
    const store = createEventStore({ kind: 'sqlite', dataDir });
    // Enough history that its replay takes many pages: the first requests come while it runs.
    await appendSyntheticLog(store, { events: 50_000 });
    await store.close();
    rmSync(join(dataDir, 'read-models.sqlite'), { force: true });
  });

  afterAll(async () => {
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /health at once with catching-up states, refuses reads with 503 and Retry-After until caught up, then answers them', async () => {
    api = await RunningApi.start({ dataDir });

    // Asked together, as soon as it listens: answered between two pages of the replay.
    const [health, ready, early] = await Promise.all([api.get('/health'), api.get('/health/ready'), fetch(`${api.started.url}/suppliers`)]);
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('degraded');
    const head = health.body.headPosition;
    expect(head).toBeGreaterThanOrEqual(50_000);
    const catchingUp = Object.entries(health.body.projections).filter(
      ([, projection]: [string, any]) => projection.state === 'catching-up',
    );
    expect(catchingUp.length).toBeGreaterThan(0);
    for (const [name, projection] of catchingUp as Array<[string, any]>) {
      expect(projection.behind).toBe(head - projection.position);
      expect(projection.behind).toBeGreaterThan(0);
      expect(health.body.problems).toEqual(expect.arrayContaining([expect.stringContaining(`read model ${name} is catching up`)]));
    }
    expect(Object.values(health.body.processManagers).filter((manager: any) => manager.state === 'catching-up').length).toBeGreaterThan(0);
    expect(ready.status).toBe(503);

    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toMatch(/^\d+$/);
    const problem = (await early.json()) as any;
    expect(problem).toMatchObject({ status: 503, code: 'read-model-catching-up', headPosition: expect.any(Number) });
    // The suppliers list reads the supply chain: the problem names it, with its position and lag.
    expect(problem.projections).toEqual([
      expect.objectContaining({ name: 'supply-chain', state: 'catching-up', position: expect.any(Number), behind: expect.any(Number) }),
    ]);
    expect(problem.detail).toContain('supply-chain');

    // The write side needs no read model: a command is accepted while the read models catch up.
    expect((await api.post('RegisterSupplier', { supplierId: 'late-joiner', name: 'Late Joiner', tier: 'direct' })).status).toBe(201);

    // A slow, busy machine may take minutes: the wait fails only when the catch-up stops moving.
    const settled = await eventuallyWhileMoving(
      () => api!.get('/health'),
      (answer) => answer.body.status === 'ok',
      (answer) =>
        JSON.stringify(
          [answer.body.projections, answer.body.processManagers].map((all) => Object.values(all).map((one: any) => one.position)),
        ),
    );
    expect(Object.values(settled.body.projections).map((projection: any) => projection.state)).toEqual(
      Object.keys(settled.body.projections).map(() => 'running'),
    );
    for (const manager of Object.values(settled.body.processManagers) as any[]) expect(manager.state).not.toBe('catching-up');
    expect((await api.get('/health/ready')).status).toBe(200);

    expect((await api.get('/suppliers')).status).toBe(200);
    // The list is paged (500 rows a page): the supplier registered during the catch-up is asked for by its id.
    const joiner = await api.get('/suppliers/late-joiner');
    expect(joiner.status).toBe(200);
    expect(joiner.body).toMatchObject({ supplierId: 'late-joiner', name: 'Late Joiner' });
  }, 900_000);
});

/**
 * Polls until the check holds. It gives up, saying what it last saw, only when `progress` has not
 * changed for `stall` ms: a catch-up that keeps moving is waited for however slow the machine is,
 * and one that is stuck fails (the bound ends a failing wait; nothing is timed).
 */
async function eventuallyWhileMoving<T>(
  read: () => Promise<T>,
  holds: (value: T) => boolean,
  progress: (value: T) => string,
  stall = 60_000,
): Promise<T> {
  let last: string | undefined;
  let until = 0;
  for (;;) {
    const value = await read();
    if (holds(value)) return value;
    const now = progress(value);
    if (now !== last) [last, until] = [now, Date.now() + stall];
    if (Date.now() > until) throw new Error(`stuck for ${stall} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
