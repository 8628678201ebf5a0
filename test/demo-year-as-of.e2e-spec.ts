import { EVENT_STORE, SettableClock } from '@dd/engine';
import type { EventStore, RecordedEvent } from '@dd/event-store';
import { allProjections, replayAsOf, RiskRegisterQueries, type RiskEntry } from '@dd/projections';
import { seedDemoYear } from '../apps/cli/src/demo/seed-demo-year';
import { RunningApi } from './support/running-api';

/**
 * One clock: every command's business time is the engine clock's (unless its row says otherwise: a
 * response's receipt, a list's date; or its cause's, for what a process manager sends). The demo
 * moves the clock through its year, so replayed as of any date inside that year it shows exactly what
 * had happened by then, whatever the wall time the log was written at.
 */
describe('the demo year, replayed as of dates inside it', () => {
  const period = 2024;
  const year = period + 1;
  const clock = new SettableClock(`${year}-01-01T00:00:00.000Z`);
  let api: RunningApi;
  let store: EventStore;
  let log: RecordedEvent[];

  const risksAsOf = async (day: string): Promise<RiskEntry[]> => {
    const db = await replayAsOf(store, allProjections, { occurredUntil: day });
    try {
      return new RiskRegisterQueries(db).list({ period });
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    api = await RunningApi.start({ engine: { clock, escalationIntervalMs: 0, reminderIntervalMs: 0 } });
    await seedDemoYear(api.started.app, clock, period);
    store = api.started.app.get<symbol, EventStore>(EVENT_STORE);
    log = await store.readAll({ after: 0, maxCount: 100_000 });
  }, 180_000);

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it("dates every event of the year inside the year, the process managers' too, however late the log was written", () => {
    const outside = log.filter((event) => event.type !== 'LogSealed' && !event.metadata.occurredAt.startsWith(`${year}-`));
    expect(outside.map((event) => `${event.type} ${event.metadata.occurredAt}`)).toEqual([]);
    const raised = log.filter((event) => event.type === 'RiskRaised');
    expect(raised.length).toBeGreaterThan(0);
  });

  it('dates a risk a process manager raised at the time of the event that caused it', () => {
    const byId = new Map(log.map((event) => [event.metadata.eventId, event]));
    const caused = log.filter((event) => event.type === 'RiskRaised' && event.metadata.causationId && byId.has(event.metadata.causationId));
    expect(caused.length).toBeGreaterThan(0);
    for (const risk of caused) expect(risk.metadata.occurredAt).toBe(byId.get(risk.metadata.causationId!)!.metadata.occurredAt);
  });

  it('shows, as of the day before the risk work, the smelter risk raised but not yet assessed, and no grievance risk', async () => {
    const risks = await risksAsOf(`${year}-03-19`);
    const smelter = risks.find((risk) => risk.category === 'non-conformant-smelter');
    expect(smelter).toMatchObject({ status: 'open', assessment: null, owner: null, mitigation: null });
    expect(risks.filter((risk) => risk.source === 'grievance')).toEqual([]);
    expect(risks.every((risk) => risk.raisedAt <= `${year}-03-19T23:59:59.999Z`)).toBe(true);
  });

  it('shows, as of the day of the risk work, the assessment, owner and mitigation decided that day, and still no grievance risk', async () => {
    const risks = await risksAsOf(`${year}-03-20`);
    const smelter = risks.find((risk) => risk.category === 'non-conformant-smelter');
    expect(smelter?.assessment).not.toBeNull();
    expect(smelter?.owner).toBe('anna.buyer@demo.example');
    expect(smelter?.mitigation).not.toBeNull();
    expect(risks.filter((risk) => risk.source === 'grievance')).toEqual([]);
  });

  it('shows the grievance risk once the grievance was recorded', async () => {
    const risks = await risksAsOf(`${year}-03-25`);
    expect(risks.filter((risk) => risk.source === 'grievance')).toHaveLength(1);
  });

  it('shows nothing as of the day before the year was set up', async () => {
    expect(await risksAsOf(`${year}-01-05`)).toEqual([]);
  });
});
