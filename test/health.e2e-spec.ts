import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createEventStore } from '@dd/event-store';
import { RunningApi } from './support/running-api';

/**
 * What /health, /health/ready and /health/live say in each state that can be provoked for real: caught
 * up; the read-model database locked by another connection (retried, then recovered); a lock that
 * outlasts the retry budget (stopped, then recovered by itself); a damaged read-model table (that
 * projection stopped, its reads refused with 503, the others serving); a process manager that keeps
 * failing. The other connection is a real one on the server's own read-models.sqlite.
 */
describe('health, readiness and liveness', () => {
  const register = (api: RunningApi, supplierId: string) =>
    api.post('RegisterSupplier', { supplierId, name: `Supplier ${supplierId}`, tier: 'direct' });

  /** Polls until the check holds, for at most `bound` ms (the bound ends a failing wait; nothing is timed). */
  async function eventually<T>(read: () => Promise<T>, holds: (value: T) => boolean, bound = 20_000): Promise<T> {
    const deadline = Date.now() + bound;
    for (;;) {
      const value = await read();
      if (holds(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Another connection on the server's read-model file, as an operator's sqlite3 shell or a backup tool would open it. */
  function otherConnection(api: RunningApi): Database.Database {
    return new Database(join(api.dataDir, 'read-models.sqlite'));
  }

  describe('with the default retry policy', () => {
    let api: RunningApi;
    beforeAll(async () => {
      api = await RunningApi.start();
    });
    afterAll(async () => {
      await api.stop();
      api.removeData();
    });

    it('says ok, ready and live when every read model is caught up', async () => {
      expect((await register(api, 's-1')).status).toBe(201);
      expect((await api.get('/suppliers/s-1')).status).toBe(200);

      const health = await api.get('/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'ok', role: 'primary', store: 'sqlite', headPosition: 1, problems: [] });
      expect(health.body.projections.suppliers).toEqual({ state: 'running', position: 1, behind: 0 });
      expect(Object.keys(health.body.projections)).toHaveLength(11);
      expect(health.body.processManagers).toMatchObject({
        'risk-from-findings': { driver: 'log', state: 'running', behind: 0 },
        'smelter-risk': { driver: 'log', state: 'running' },
        'reminder-scheduler': { driver: 'clock', state: 'running' },
        'overdue-mitigation': { driver: 'clock', state: 'running' },
        outbox: { driver: 'log', state: 'running' },
        // RunningApi turns the sender off unless a spec asks for it (test/support/running-api.ts).
        'outbox-sender': { driver: 'clock', state: 'off' },
      });

      const ready = await api.get('/health/ready');
      expect(ready).toMatchObject({ status: 200, body: { status: 'ready', headPosition: 1, maxBehind: 0 } });
      const live = await api.get('/health/live');
      expect(live).toMatchObject({ status: 200, body: { status: 'live', pid: process.pid } });
    });

    it('retries while another connection locks the read models, says so, refuses stale reads, and recovers when the lock goes', async () => {
      const other = otherConnection(api);
      try {
        other.exec('BEGIN EXCLUSIVE');
        // The log is another file: the command is recorded.
        expect((await register(api, 's-2')).status).toBe(201);

        const degraded = await eventually(
          () => api.get('/health'),
          (health) => health.body.projections.suppliers.state === 'retrying',
        );
        expect(degraded.status).toBe(200);
        expect(degraded.body.status).toBe('degraded');
        expect(degraded.body.projections.suppliers).toMatchObject({
          state: 'retrying',
          position: 1,
          behind: 1,
          error: expect.stringMatching(/database is locked/),
          willRetry: true,
        });
        expect(degraded.body.problems).toEqual(
          expect.arrayContaining([expect.stringMatching(/^read model suppliers retrying at position 1 \(1 behind\)/)]),
        );
        const notReady = await api.get('/health/ready');
        expect(notReady.status).toBe(503);
        expect(notReady.body.reasons).toEqual(
          expect.arrayContaining([expect.stringMatching(/^read model suppliers is retrying: .*database is locked/)]),
        );

        // A read waits for the read model a few seconds, then says it is unavailable rather than answer without s-2.
        const read = await api.get('/suppliers/s-2');
        expect(read.status).toBe(503);
        expect(read.contentType).toMatch(/^application\/problem\+json/);
        expect(read.body).toMatchObject({
          status: 503,
          code: 'read-model-unavailable',
          projections: [expect.objectContaining({ name: 'suppliers', state: 'retrying' })],
        });
      } finally {
        other.exec('ROLLBACK');
        other.close();
      }

      // The next attempt comes after the back-off pause under way (up to maxDelayMs).
      expect(
        (
          await eventually(
            () => api.get('/suppliers/s-2'),
            (read) => read.status === 200,
          )
        ).status,
      ).toBe(200);
      const health = await eventually(
        () => api.get('/health'),
        (h) => h.body.status === 'ok',
      );
      expect(health.body).toMatchObject({ status: 'ok', problems: [] });
      expect(health.body.projections.suppliers).toEqual({ state: 'running', position: 2, behind: 0 });
      expect((await api.get('/health/ready')).status).toBe(200);
    });
  });

  describe('with a retry budget of 200 ms', () => {
    let api: RunningApi;
    beforeAll(async () => {
      api = await RunningApi.start({ engine: { retry: { firstDelayMs: 10, maxDelayMs: 100, transientBudgetMs: 200 } } });
    });
    afterAll(async () => {
      await api.stop();
      api.removeData();
    });

    it('counts a lock that outlasts the budget as stopped (503), and resumes by itself once it is released', async () => {
      const other = otherConnection(api);
      try {
        other.exec('BEGIN EXCLUSIVE');
        expect((await register(api, 'locked-out')).status).toBe(201);
        const failing = await eventually(
          () => api.get('/health'),
          (health) => health.status === 503,
        );
        expect(failing.status).toBe(503);
        expect(failing.body.status).toBe('failing');
        expect(failing.body.projections.suppliers).toMatchObject({
          state: 'stopped',
          position: 0,
          behind: 1,
          willRetry: true,
          error: expect.stringMatching(/database is locked/),
        });
        expect(failing.body.problems).toEqual(
          expect.arrayContaining([expect.stringMatching(/^read model suppliers stopped at position 0 \(1 behind\), still retried: /)]),
        );
        expect((await api.get('/health/ready')).status).toBe(503);
        expect((await api.get('/health/live')).status).toBe(200);
        // Stopped: refused at once.
        expect(await api.get('/suppliers/locked-out')).toMatchObject({ status: 503, body: { code: 'read-model-unavailable' } });
      } finally {
        other.exec('ROLLBACK');
        other.close();
      }
      const recovered = await eventually(
        () => api.get('/health'),
        (health) => health.body.status === 'ok',
      );
      expect(recovered.status).toBe(200);
      expect((await api.get('/suppliers/locked-out')).status).toBe(200);
    });
  });

  describe('with a damaged read-model table', () => {
    let api: RunningApi;
    beforeAll(async () => {
      api = await RunningApi.start({ engine: { retry: { firstDelayMs: 10, maxDelayMs: 100 } } });
    });
    afterAll(async () => {
      await api.stop();
      api.removeData();
    });

    it('stops that projection alone: /health names it with position, lag and error, its reads answer 503, the others 200', async () => {
      expect((await register(api, 'before')).status).toBe(201);
      expect((await api.get('/suppliers/before')).status).toBe(200);
      const other = otherConnection(api);
      other.exec('DROP TABLE suppliers');
      other.close();

      expect((await register(api, 'after')).status).toBe(201);
      const failing = await eventually(
        () => api.get('/health'),
        (health) => health.status === 503,
      );
      expect(failing.status).toBe(503);
      expect(failing.body).toMatchObject({ status: 'failing', headPosition: 2 });
      expect(failing.body.projections.suppliers).toEqual({
        state: 'stopped',
        position: 1,
        behind: 1,
        error: expect.stringMatching(/projection suppliers failed on event 2: no such table: (main\.)?suppliers/),
        failingSince: expect.any(String),
        attempts: 3,
        willRetry: false,
      });
      expect(failing.body.projections['audit-trail']).toEqual({ state: 'running', position: 2, behind: 0 });
      expect(failing.body.problems).toEqual([
        expect.stringMatching(/^read model suppliers stopped at position 1 \(1 behind\): projection suppliers failed on event 2/),
      ]);
      const notReady = await api.get('/health/ready');
      expect(notReady.status).toBe(503);
      expect(notReady.body.reasons).toEqual([expect.stringMatching(/^read model suppliers is stopped: /)]);

      const refused = await api.get('/suppliers/before');
      expect(refused.status).toBe(503);
      expect(refused.contentType).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({
        status: 503,
        title: 'Read model unavailable',
        code: 'read-model-unavailable',
        projections: [expect.objectContaining({ name: 'suppliers', state: 'stopped', position: 1, behind: 1 })],
      });
      // Reads of other read models go on, and see the new event.
      const trail = await api.get('/audit-trail');
      expect(trail.status).toBe(200);
      expect(trail.body.items.map((item: { streamId: string }) => item.streamId)).toEqual(['supplier-before', 'supplier-after']);
      expect((await api.get('/risk-register?period=2026')).status).toBe(200);
      expect((await api.get('/products')).status).toBe(200);
    });
  });

  describe('with a process manager that keeps failing', () => {
    let api: RunningApi;
    beforeAll(async () => {
      api = await RunningApi.start({ engine: { retry: { firstDelayMs: 10, maxDelayMs: 100 } } });
    });
    afterAll(async () => {
      await api.stop();
      api.removeData();
    });

    const statusList = (asOf: string, status: string) => ({
      asOf,
      source: { kind: 'csv', fileName: `rmap-${asOf}.csv`, sha256: createHash('sha256').update(asOf).digest('hex') },
      entries: [{ metal: 'tin', smelterId: 'CID002180', status }],
    });

    it('shows it stopped in /health (503) with its position and error; reads go on', async () => {
      expect((await api.post('ImportRmapStatusList', statusList('2025-01-31', 'conformant'))).status).toBe(201);
      expect((await api.get('/smelters/CID002180')).status).toBe(200);
      const other = otherConnection(api);
      other.exec('DROP TABLE pm_smelter_risk_statuses');
      other.close();

      expect((await api.post('ImportRmapStatusList', statusList('2025-04-30', 'non-conformant'))).status).toBe(201);
      const failing = await eventually(
        () => api.get('/health'),
        (health) => health.status === 503,
      );
      expect(failing.status).toBe(503);
      expect(failing.body.processManagers['smelter-risk']).toMatchObject({
        driver: 'log',
        state: 'stopped',
        position: 1,
        behind: 1,
        error: expect.stringMatching(/no such table: (main\.)?pm_smelter_risk_statuses/),
        willRetry: false,
      });
      expect(failing.body.problems).toEqual([expect.stringMatching(/^process manager smelter-risk stopped at position 1 \(1 behind\): /)]);
      // The read models are fine, and so are their reads; readiness is about them.
      expect((await api.get('/health/ready')).status).toBe(200);
      expect((await api.get('/smelters/CID002180')).body).toMatchObject({ rmapStatus: 'non-conformant' });
    });
  });

  describe('a read-only replica', () => {
    it('says when no server keeps its read models, answers while they are level with the log, and refuses (503) once they trail it', async () => {
      const primary = await RunningApi.start();
      const dataDir = primary.dataDir;
      expect((await register(primary, 'p-1')).status).toBe(201);
      expect((await primary.get('/suppliers/p-1')).status).toBe(200);
      await primary.stop();

      const replica = await RunningApi.start({ dataDir, readOnly: true });
      try {
        expect((await replica.get('/suppliers/p-1')).status).toBe(200);
        const alone = await replica.get('/health');
        expect(alone.status).toBe(200);
        expect(alone.body).toMatchObject({ status: 'degraded', role: 'replica', primary: null });
        expect(alone.body.problems).toEqual(['no server keeps the read models up to date (none is running on this data directory)']);
        expect((await replica.get('/health/ready')).status).toBe(200);

        // The log moves on without anyone projecting it (written here straight into events.sqlite).
        const store = createEventStore({ kind: 'sqlite', dataDir });
        await store.appendToStream(
          'supplier-p-2',
          [{ type: 'SupplierRegistered', data: { supplierId: 'p-2', name: 'Supplier p-2', tier: 'direct' } }],
          {
            commandId: 'straight-into-the-log',
            actor: 'tester',
          },
        );
        await store.close();

        const stale = await replica.get('/suppliers/p-2');
        expect(stale.status).toBe(503);
        expect(stale.body).toMatchObject({
          code: 'read-model-unavailable',
          detail: expect.stringMatching(/^no server keeps the read models up to date .*suppliers is 1 event\(s\) behind/),
        });
        const notReady = await replica.get('/health/ready');
        expect(notReady.status).toBe(503);
        expect(notReady.body.reasons).toEqual([
          expect.stringMatching(/no server keeps the read models up to date .* 1 event\(s\) behind the log/),
        ]);

        // A primary starts: it projects the event, and the replica shows it.
        const restarted = await RunningApi.start({ dataDir });
        try {
          expect((await replica.get('/suppliers/p-2')).status).toBe(200);
          const health = await replica.get('/health');
          expect(health.body).toMatchObject({ status: 'ok', primary: { pid: process.pid, kind: 'server' } });
        } finally {
          await restarted.stop();
        }
      } finally {
        await replica.stop();
        replica.removeData();
      }
    });
  });
});
