import { SettableClock } from '../settable-clock';
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { publicCommands, riskIdFor, streams, type PublicCommandName, type RiskRaised } from '@dd/domain';
import { createEventStore, IdempotencyKeyReusedError, type EventStore, type RecordedEvent } from '@dd/event-store';
import { CampaignQueries } from '@dd/projections';
import { DispatchCommand } from '../commands/command-dispatcher';
import { EngineModule, type EngineOptions } from '../engine.module';
import { ReadSide } from '../read-side';
import { EVENT_STORE, READ_MODEL_DB } from '../tokens';
import { CAMPAIGN_ACTOR, campaignCommandId, CampaignDispatcherProcessManager } from './campaign-dispatcher.process-manager';
import { REMINDER_ACTOR, ReminderSchedulerProcessManager } from './reminder-scheduler.process-manager';

const period = 2024;
const dueDate = '2025-02-28';
/** Monday 6 January 2025, 09:00 UTC: the campaign goes out. */
const launchDay = '2025-01-06T09:00:00.000Z';

/** The engine on a SQLite directory, with a clock the test moves; the scheduler ticks only when told. */
async function startEngine(dataDir: string, clock: SettableClock, options: EngineOptions = {}) {
  const app = await NestFactory.createApplicationContext(
    EngineModule.forRoot({ dataDir, eventStore: 'sqlite', port: 0, apiKeys: new Map() }, { clock, reminderIntervalMs: 0, ...options }),
    { logger: false },
  );
  let commands = 0;
  return {
    app,
    store: app.get<symbol, EventStore>(EVENT_STORE),
    scheduler: app.get(ReminderSchedulerProcessManager),
    campaigns: new CampaignQueries(app.get(READ_MODEL_DB)),
    post: (name: PublicCommandName, data: unknown, commandId = `test-${name}-${++commands}-${Date.now()}`) =>
      // Parsed as the API parses a body, so the schemas' defaults apply.
      app
        .get(CommandBus)
        .execute(new DispatchCommand(name, publicCommands[name].schema.parse(data) as never, { commandId, actor: 'tester' })),
    settled: () => app.get(ReadSide).settled(),
    async events(type: string): Promise<RecordedEvent[]> {
      return (await app.get<symbol, EventStore>(EVENT_STORE).readAll()).filter((event) => event.type === type);
    },
  };
}
type Engine = Awaited<ReturnType<typeof startEngine>>;

async function seed(engine: Engine) {
  await engine.post('OpenPeriod', { period, policy: { reminderDays: [14, 28], defaultDueDate: dueDate } });
  await engine.post('RegisterSupplier', { supplierId: 'acme', name: 'Acme', tier: 'direct' });
  await engine.post('RegisterSupplier', { supplierId: 'bolt', name: 'Bolt', tier: 'indirect', parentSupplierId: 'acme' });
  await engine.post('RegisterSupplier', { supplierId: 'cobra', name: 'Cobra', tier: 'indirect', parentSupplierId: 'acme' });
  await engine.post('RegisterSupplier', { supplierId: 'dormant', name: 'Dormant', tier: 'indirect', parentSupplierId: 'acme' });
  await engine.post('ChangeSupplierStatus', { supplierId: 'dormant', status: 'inactive', reason: 'no longer supplies us' });
  await engine.post('AssignSupplierOwner', { supplierId: 'acme', owner: 'buyer-a' });
  await engine.post('AssignSupplierOwner', { supplierId: 'cobra', owner: 'buyer-c' });
}

describe('campaign dispatcher and reminder scheduler (engine on SQLite, moved clock)', () => {
  let dataDir: string;
  let clock: SettableClock;
  let engine: Engine;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dd-reminders-'));
    clock = new SettableClock(launchDay);
  });

  afterEach(async () => {
    await engine?.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends one CMRT per active supplier a campaign selects, and nothing twice for a second campaign over them', async () => {
    engine = await startEngine(dataDir, clock);
    await seed(engine);
    const launched = await engine.post('LaunchCampaign', { campaignId: 'all-2024', period, templateVersion: '6.5' }, 'launch-all');
    await engine.settled();
    const sent = await engine.events('CMRTSent');
    expect(sent.map((event) => [event.streamId, event.metadata.commandId, event.metadata.actor, event.metadata.occurredAt])).toEqual(
      ['acme', 'bolt', 'cobra'].map((id) => [streams.survey(period, id), campaignCommandId('all-2024', id), CAMPAIGN_ACTOR, launchDay]),
    );
    expect(sent[0].data).toEqual({
      supplierId: 'acme',
      period,
      dueDate,
      templateVersion: '6.5',
      requestNumber: 1,
      campaignId: 'all-2024',
      sentOn: launchDay.slice(0, 10),
    });
    expect(sent[0].metadata.causationId).toBe(launched.eventIds[0]);

    // The same request again is answered from the store, the same key with another body refused; another
    // campaign over the same suppliers sends nothing.
    expect(await engine.post('LaunchCampaign', { campaignId: 'all-2024', period, templateVersion: '6.5' }, 'launch-all')).toEqual({
      ...launched,
      duplicate: true,
    });
    await expect(engine.post('LaunchCampaign', { campaignId: 'all-2024', period }, 'launch-all')).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
    await expect(engine.post('LaunchCampaign', { campaignId: 'all-2024', period })).rejects.toMatchObject({
      code: 'campaign-already-launched',
    });
    await engine.post('LaunchCampaign', { campaignId: 'indirect-2024', period, selection: { tier: 'indirect' } });
    await engine.settled();
    expect(await engine.events('CMRTSent')).toHaveLength(3);
    expect((await engine.events('CampaignLaunched')).map((event) => (event.data as { supplierIds: string[] }).supplierIds)).toEqual([
      ['acme', 'bolt', 'cobra'],
      ['bolt', 'cobra'],
    ]);
    expect(engine.app.get(CampaignDispatcherProcessManager).position()).toBe(await engine.store.headPosition());
  });

  it('resumes an interrupted dispatch after a restart, sending to the rest and nothing twice', async () => {
    engine = await startEngine(dataDir, clock);
    await seed(engine);
    await engine.app.close();
    // As if the engine died in the middle of dispatching: the campaign and its first request are in the
    // log, the dispatcher's checkpoint is still before them.
    const store = createEventStore({ kind: 'sqlite', dataDir });
    await store.appendToStream(
      streams.campaign('crashed'),
      [
        {
          type: 'CampaignLaunched',
          data: { campaignId: 'crashed', period, selection: {}, supplierIds: ['acme', 'bolt', 'cobra'], dueDate },
        },
      ],
      { commandId: 'launch-crashed', actor: 'tester' },
    );
    await store.appendToStream(
      streams.survey(period, 'acme'),
      [{ type: 'CMRTSent', data: { supplierId: 'acme', period, dueDate, requestNumber: 1, campaignId: 'crashed' } }],
      { commandId: campaignCommandId('crashed', 'acme'), actor: CAMPAIGN_ACTOR },
    );
    await store.close();

    engine = await startEngine(dataDir, clock);
    await engine.settled();
    const sent = await engine.events('CMRTSent');
    expect(sent.map((event) => event.metadata.commandId)).toEqual(['acme', 'bolt', 'cobra'].map((id) => campaignCommandId('crashed', id)));
    expect(engine.campaigns.campaign('crashed', { today: clock.today() })).toMatchObject({ selected: 3, sent: 3, alreadyRequested: 0 });
  });

  it('sends the CMRT and the EMRT to each supplier a campaign for both selects, and reminds each survey on its own stream', async () => {
    engine = await startEngine(dataDir, clock);
    await seed(engine);
    await engine.post('LaunchCampaign', { campaignId: 'both-2024', period, family: 'both' });
    await engine.settled();
    const sent = await engine.events('CMRTSent');
    expect(sent.map((event) => [event.streamId, event.metadata.commandId, (event.data as { family?: string }).family])).toEqual(
      ['acme', 'bolt', 'cobra'].flatMap((id) => [
        [streams.survey(period, id), campaignCommandId('both-2024', id), undefined],
        [streams.survey(period, id, 'emrt'), campaignCommandId('both-2024', id, 'emrt'), 'emrt'],
      ]),
    );

    // Day 14: each open request is reminded on its own survey, the EMRT's under ids of its own.
    clock.set('2025-01-20T08:00:00.000Z');
    expect(await engine.scheduler.tick()).toMatchObject({ openRequests: 6, reminders: 6 });
    const reminders = await engine.events('ReminderSent');
    expect(reminders.filter((event) => event.streamId === streams.survey(period, 'acme', 'emrt'))).toEqual([
      expect.objectContaining({
        data: { supplierId: 'acme', period, family: 'emrt', requestNumber: 1, reminderNumber: 1, overdue: false },
        metadata: expect.objectContaining({ commandId: `reminder/${period}/acme/emrt/1/1` }),
      }),
    ]);
    await engine.settled();
    expect(engine.campaigns.openRequests().map((request) => `${request.supplierId}/${request.family}`)).toEqual([
      'acme/cmrt',
      'acme/emrt',
      'bolt/cmrt',
      'bolt/emrt',
      'cobra/cmrt',
      'cobra/emrt',
    ]);
  });

  it('given a campaign for both templates left unanswered, then each supplier has two non-response risks, the CMRT one under its old id', async () => {
    engine = await startEngine(dataDir, clock);
    await seed(engine);
    await engine.post('LaunchCampaign', { campaignId: 'both-2024', period, family: 'both' });
    await engine.settled();
    for (const day of ['2025-01-20', '2025-02-03', '2025-03-01']) {
      clock.set(`${day}T09:00:00.000Z`);
      await engine.scheduler.tick();
    }
    const risks = (await engine.events('RiskRaised')).map((event) => event.data as RiskRaised);
    expect(risks.map((risk) => `${risk.supplierId}/${risk.source.kind === 'non-response' ? (risk.source.family ?? 'cmrt') : '?'}`)).toEqual(
      ['acme/cmrt', 'acme/emrt', 'bolt/cmrt', 'bolt/emrt', 'cobra/cmrt', 'cobra/emrt'],
    );
    expect(new Set(risks.map((risk) => risk.riskId)).size).toBe(6);
    const { family: _family, ...cmrtSource } = risks[0].source as { family?: string };
    expect(risks[0].source).toEqual(cmrtSource);
    expect(risks[0].riskId).toBe(riskIdFor({ period, supplierId: 'acme', category: 'non-response' }));
    expect(risks[1].reason).toMatch(/^acme has not answered the EMRT request 1 for 2024/);
  });

  it('reminds on days 14 and 28, escalates past due after the last reminder with a non-response risk, and a restart sends nothing twice', async () => {
    engine = await startEngine(dataDir, clock);
    await seed(engine);
    await engine.post('LaunchCampaign', { campaignId: 'all-2024', period });
    await engine.settled(); // the requests go out now, on launch day

    clock.set('2025-01-19T23:00:00.000Z'); // day 13
    expect(await engine.scheduler.tick()).toMatchObject({ openRequests: 3, reminders: 0, escalations: 0, risks: 0 });
    clock.set('2025-01-20T08:00:00.000Z'); // day 14, before the hour the CMRT went out: calendar days count
    expect(await engine.scheduler.tick()).toMatchObject({ reminders: 3, escalations: 0 });
    expect(await engine.scheduler.tick()).toMatchObject({ reminders: 0 });
    const firstReminders = await engine.events('ReminderSent');
    expect(firstReminders.map((event) => [event.metadata.commandId, event.metadata.actor])).toEqual(
      ['acme', 'bolt', 'cobra'].map((id) => [`reminder/${period}/${id}/1/1`, REMINDER_ACTOR]),
    );

    clock.set('2025-01-25T10:00:00.000Z');
    await engine.post('RecordResponse', { supplierId: 'acme', period, declaration: { company: { name: 'Acme', scope: 'company' } } });

    clock.set('2025-02-03T09:00:00.000Z'); // day 28
    expect(await engine.scheduler.tick()).toMatchObject({ openRequests: 2, reminders: 2, escalations: 0 });
    clock.set(`${dueDate}T18:00:00.000Z`); // every reminder out, but not past due yet
    expect(await engine.scheduler.tick()).toMatchObject({ reminders: 0, escalations: 0, risks: 0 });

    clock.set('2025-03-01T07:00:00.000Z');
    const ticks = await Promise.all([engine.scheduler.tick(), engine.scheduler.tick()]);
    expect(ticks.map(({ reminders, escalations, risks }) => ({ reminders, escalations, risks }))).toEqual([
      { reminders: 0, escalations: 2, risks: 2 },
      { reminders: 0, escalations: 0, risks: 0 },
    ]);
    expect((await engine.events('NonResponseEscalated')).map((event) => event.data)).toEqual([
      { supplierId: 'bolt', period, requestNumber: 1, owner: 'unassigned', reminders: 2, dueDate },
      { supplierId: 'cobra', period, requestNumber: 1, owner: 'buyer-c', reminders: 2, dueDate },
    ]);
    const risks = await engine.events('RiskRaised');
    const cmrtSent = await engine.events('CMRTSent');
    expect(risks.map((event) => event.data)).toEqual(
      ['bolt', 'cobra'].map((id) =>
        expect.objectContaining({
          supplierId: id,
          period,
          category: 'non-response',
          severity: 'medium',
          source: {
            kind: 'non-response',
            eventId: cmrtSent.find((sent) => sent.streamId === streams.survey(period, id))?.metadata.eventId,
            dueDate,
          },
        }),
      ),
    );
    const before = (await engine.store.readAll()).length;

    // Restart on the same directory and tick again (and later): nothing is sent twice.
    await engine.app.close();
    engine = await startEngine(dataDir, clock);
    expect(await engine.scheduler.tick()).toMatchObject({ openRequests: 2, reminders: 0, escalations: 0, risks: 0 });
    clock.set('2025-04-01T09:00:00.000Z');
    expect(await engine.scheduler.tick()).toMatchObject({ reminders: 0, escalations: 0, risks: 0 });
    expect((await engine.store.readAll()).length).toBe(before);
    expect(engine.campaigns.forPeriod(period, { today: clock.today() })).toMatchObject({
      remindersSent: 5,
      escalations: 2,
      overdue: 2,
      responded: 1,
    });
  });

  it('raises the risk of an escalation whose tick died before raising it, and escalates nothing again', async () => {
    engine = await startEngine(dataDir, clock);
    await seed(engine);
    await engine.post('OpenPeriod', { period: 2023, policy: { reminderDays: [7] } });
    await engine.post('SendCMRT', { supplierId: 'bolt', period: 2023, dueDate: '2025-01-31' });
    clock.set('2025-02-05T09:00:00.000Z');
    // The tick that died had sent the only reminder, and the escalation, with the scheduler's command ids; not the risk.
    await engine.app.get(CommandBus).execute(
      new DispatchCommand('SendReminder', { supplierId: 'bolt', period: 2023 } as never, {
        commandId: 'reminder/2023/bolt/1/1',
        actor: REMINDER_ACTOR,
      }),
    );
    await engine.app
      .get(CommandBus)
      .execute(
        new DispatchCommand(
          'EscalateNonResponse',
          { supplierId: 'bolt', period: 2023 },
          { commandId: `escalate/2023/bolt/1`, actor: REMINDER_ACTOR },
        ),
      );
    expect(await engine.scheduler.tick()).toMatchObject({ openRequests: 1, reminders: 0, escalations: 0, risks: 1 });
    expect(await engine.events('NonResponseEscalated')).toHaveLength(1);
    expect(await engine.events('RiskRaised')).toHaveLength(1);
  });

  it("leaves a closed period's unanswered requests alone, says how many, and chases them again once it is reopened", async () => {
    engine = await startEngine(dataDir, clock);
    await seed(engine);
    await engine.post('SendCMRT', { supplierId: 'acme', period, dueDate });
    await engine.post('ClosePeriod', { period, note: 'closed early' });
    clock.set('2025-03-10T09:00:00.000Z');
    const before = (await engine.store.readAll()).length;
    expect(await engine.scheduler.tick()).toMatchObject({ openRequests: 1, inClosedPeriods: 1, reminders: 0, escalations: 0, risks: 0 });
    expect(await engine.scheduler.tick()).toMatchObject({ inClosedPeriods: 1, reminders: 0 });
    expect((await engine.store.readAll()).length).toBe(before);

    await engine.post('ReopenPeriod', { period, reason: 'the survey is not finished' });
    expect(await engine.scheduler.tick()).toMatchObject({ openRequests: 1, inClosedPeriods: 0, reminders: 2, escalations: 1, risks: 1 });
  });

  it('goes through the open requests a slice at a time, the event loop serving other work between slices', async () => {
    engine = await startEngine(dataDir, clock, { passSlice: 2 });
    await seed(engine);
    for (const id of ['delta', 'echo', 'foxtrot', 'golf'])
      await engine.post('RegisterSupplier', { supplierId: id, name: id, tier: 'direct' });
    await engine.post('LaunchCampaign', { campaignId: 'all-2024', period });
    await engine.settled();
    clock.set('2025-01-20T08:00:00.000Z'); // day 14: every request is due its first reminder

    // Work waiting on the event loop (as an HTTP request would) gets its turns while the pass runs.
    let turns = 0;
    let passing = true;
    const otherWork = () => {
      if (!passing) return;
      turns++;
      setImmediate(otherWork);
    };
    setImmediate(otherWork);
    const result = await engine.scheduler.tick();
    passing = false;

    expect(result).toMatchObject({ openRequests: 7, reminders: 7, slices: 4 });
    expect(turns).toBeGreaterThanOrEqual(result.slices - 1);
    expect((await engine.events('ReminderSent')).map((event) => event.metadata.commandId)).toEqual(
      ['acme', 'bolt', 'cobra', 'delta', 'echo', 'foxtrot', 'golf'].map((id) => `reminder/${period}/${id}/1/1`),
    );
    // A second pass, slice by slice as well, finds nothing more to send.
    expect(await engine.scheduler.tick()).toMatchObject({ openRequests: 7, reminders: 0, slices: 4 });
  });

  it('takes the non-response risk it re-issues after the owner changed for the repeat it is', async () => {
    engine = await startEngine(dataDir, clock);
    await seed(engine);
    await engine.post('OpenPeriod', { period: 2023, policy: { reminderDays: [7] } });
    await engine.post('SendCMRT', { supplierId: 'bolt', period: 2023, dueDate: '2025-01-31' });
    clock.set('2025-02-05T09:00:00.000Z');
    expect(await engine.scheduler.tick()).toMatchObject({ reminders: 1, escalations: 1, risks: 1 });

    // The risk's wording names the owner, so the repeat differs from the first under the same command id.
    await engine.post('AssignSupplierOwner', { supplierId: 'bolt', owner: 'buyer-b' });
    await engine.settled();
    expect(await engine.scheduler.tick()).toMatchObject({ reminders: 0, escalations: 0, risks: 0 });
    expect(await engine.events('RiskRaised')).toHaveLength(1);
  });

  it('ticks by itself on start and on its interval when one is given, and stops on shutdown', async () => {
    engine = await startEngine(dataDir, clock);
    await seed(engine);
    await engine.post('SendCMRT', { supplierId: 'acme', period, dueDate });
    await engine.app.close();
    clock.set('2025-01-21T09:00:00.000Z');
    engine = await startEngine(dataDir, clock, { reminderIntervalMs: 20 });
    await waitFor(async () => (await engine.events('ReminderSent')).length === 1);
    clock.set('2025-02-04T09:00:00.000Z');
    await waitFor(async () => (await engine.events('ReminderSent')).length === 2);
    await engine.app.close();
    engine = undefined as unknown as Engine;
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
