import { streams } from '@dd/domain';
import { MemoryEventStore } from '@dd/event-store';
import { canonicalDump } from '../core/canonical-dump';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { projectAll, projectTwice } from '../test-support/apply-twice.fixture';
import { appendEvent } from '../test-support/typed-events.fixture';
import { periodsProjection } from './periods.projection';
import { PeriodQueries } from './periods.queries';

describe('reporting periods', () => {
  let store: MemoryEventStore;
  let db: ReadModelDb;
  let queries: PeriodQueries;
  const policy = { reminderDays: [10, 20, 30], defaultDueDate: '2025-03-31', oldestAcceptedTemplateVersion: '6.1' };

  beforeEach(() => {
    store = new MemoryEventStore();
    db = openReadModelDb(':memory:');
    queries = new PeriodQueries(db);
  });

  afterEach(async () => {
    await store.close();
    db.close();
  });

  const open = () =>
    appendEvent(
      store,
      streams.period(2024),
      'PeriodOpened',
      { period: 2024, policy, formSdDeadline: '2025-06-02' },
      { actor: 'cco', occurredAt: '2025-01-06T09:00:00.000Z' },
    );
  const publish = (url: string, onTime: boolean) =>
    appendEvent(store, streams.period(2024), 'ReportPublished', {
      period: 2024,
      url,
      sha256: 'a'.repeat(64),
      formSdDeadline: '2025-06-02',
      onTime,
    });

  it('given an opened period, then it shows its policy, the Form SD deadline and the days left as of today', async () => {
    await open();
    await projectAll(store, db, [periodsProjection]);
    expect(queries.get(2024, { today: '2025-03-04' })).toEqual({
      period: 2024,
      status: 'open',
      policy,
      formSdDeadline: '2025-06-02',
      daysLeft: 90,
      today: '2025-03-04',
      openedAt: '2025-01-06T09:00:00.000Z',
      openedBy: 'cco',
      closedAt: null,
      closeNote: null,
      reopenedAt: null,
      reopenReason: null,
      statusChanges: [],
      report: null,
      reports: [],
    });
    expect(queries.get(2024, { today: '2025-06-03' }).daysLeft).toBe(-1);
    expect(queries.reminderDays(2024)).toEqual([10, 20, 30]);
  });

  it('given a period never opened, then it says so, with the deadline it will have and the default reminder days', async () => {
    await projectAll(store, db, [periodsProjection]);
    expect(queries.get(2025, { today: '2026-05-29' })).toMatchObject({
      status: 'not-opened',
      policy: null,
      formSdDeadline: '2026-06-01',
      daysLeft: 3,
      report: null,
    });
    expect(queries.reminderDays(2025)).toEqual([14, 28]);
    expect(queries.list({ today: '2026-01-01' })).toEqual([]);
  });

  it('given a closed period with a report published twice, then the latest report is the one shown', async () => {
    await open();
    const first = await publish('https://example.com/cmr-2024.pdf', true);
    await appendEvent(store, streams.period(2024), 'PeriodClosed', { period: 2024, note: 'filed' });
    const corrected = await publish('https://example.com/cmr-2024-amended.pdf', false);
    await projectAll(store, db, [periodsProjection]);
    const period = queries.get(2024, { today: '2025-06-10' });
    expect(period).toMatchObject({ status: 'closed', closeNote: 'filed', closedAt: expect.any(String) });
    expect(period.reports.map((r) => [r.eventId, r.onTime])).toEqual([
      [first.eventId, true],
      [corrected.eventId, false],
    ]);
    expect(period.report).toMatchObject({ url: 'https://example.com/cmr-2024-amended.pdf', onTime: false, eventId: corrected.eventId });
    expect(queries.list({ today: '2025-06-10' }).map((p) => p.period)).toEqual([2024]);
  });

  it('given a period closed, reopened with a reason and closed again, then it shows each change with who, when and why', async () => {
    await open();
    const closed = await appendEvent(
      store,
      streams.period(2024),
      'PeriodClosed',
      { period: 2024, note: 'filed' },
      { actor: 'cco', occurredAt: '2025-05-30T10:00:00.000Z' },
    );
    const reopened = await appendEvent(
      store,
      streams.period(2024),
      'PeriodReopened',
      { period: 2024, reason: 'acme corrected its CMRT' },
      { actor: 'cfo', occurredAt: '2025-06-10T08:00:00.000Z' },
    );
    await projectAll(store, db, [periodsProjection]);
    expect(queries.get(2024, { today: '2025-06-10' })).toMatchObject({
      status: 'open',
      closedAt: null,
      closeNote: null,
      reopenedAt: '2025-06-10T08:00:00.000Z',
      reopenReason: 'acme corrected its CMRT',
      statusChanges: [
        { change: 'closed', at: '2025-05-30T10:00:00.000Z', by: 'cco', note: 'filed', eventId: closed.eventId },
        { change: 'reopened', at: '2025-06-10T08:00:00.000Z', by: 'cfo', note: 'acme corrected its CMRT', eventId: reopened.eventId },
      ],
    });
    expect(queries.isClosed(2024)).toBe(false);
    await appendEvent(store, streams.period(2024), 'PeriodClosed', { period: 2024, note: 'filed again' });
    await projectAll(store, db, [periodsProjection]);
    expect(queries.get(2024, { today: '2025-06-11' })).toMatchObject({
      status: 'closed',
      closeNote: 'filed again',
      reopenReason: 'acme corrected its CMRT',
    });
    expect(queries.get(2024, { today: '2025-06-11' }).statusChanges.map((change) => change.change)).toEqual([
      'closed',
      'reopened',
      'closed',
    ]);
    expect(queries.isClosed(2024)).toBe(true);
  });

  it('applied twice, and rebuilt from the log, equals the live read model', async () => {
    await open();
    await projectAll(store, db, [periodsProjection]);
    await publish('https://example.com/cmr-2024.pdf', true);
    await appendEvent(store, streams.period(2024), 'PeriodClosed', { period: 2024 });
    await appendEvent(store, streams.period(2024), 'PeriodReopened', { period: 2024, reason: 'correction' });
    await appendEvent(store, streams.period(2024), 'PeriodClosed', { period: 2024 });
    await projectAll(store, db, [periodsProjection]);
    const live = canonicalDump(db, [periodsProjection]);
    const { once, twice, db: rebuilt } = await projectTwice(store, [periodsProjection]);
    try {
      expect(once).toEqual(live);
      expect(twice).toEqual(live);
      expect(new PeriodQueries(rebuilt).get(2024, { today: '2025-05-01' })).toEqual(queries.get(2024, { today: '2025-05-01' }));
      expect(queries.get(2024, { today: '2025-05-01' }).status).toBe('closed');
    } finally {
      rebuilt.close();
    }
  });
});
