import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BusinessTimeRefused, CommandRefused, publicCommands, streams, type PublicCommandName } from '@dd/domain';
import { IdempotencyKeyReusedError, type EventStore, type RecordedEvent } from '@dd/event-store';
import { EngineModule } from '../engine.module';
import { EVENT_STORE } from '../tokens';
import type { CommandResult } from './command-metadata';
import { CommandDispatcher } from './command-dispatcher';

/** The engine clock: a company keys in, in April 2025, what happened during 2024. */
const NOW = '2025-04-01T09:00:00.000Z';
const period = 2024;
const survey = streams.survey(period, 'acme');

describe('commands dated in the past (business time), through the one dispatch path', () => {
  let engine: INestApplicationContext;
  let store: EventStore;
  let commands = 0;

  const send = (name: PublicCommandName, data: Record<string, unknown>, occurredAt?: string, commandId = `spec-${++commands}`) =>
    engine.get(CommandDispatcher).dispatch(name, publicCommands[name].schema.parse(data) as never, {
      commandId,
      actor: 'spec',
      ...(occurredAt ? { occurredAt } : {}),
    });
  const events = async (streamId: string): Promise<RecordedEvent[]> => store.readStream(streamId);
  const last = async (streamId: string): Promise<RecordedEvent> => (await events(streamId)).at(-1)!;

  const registered = () => send('RegisterSupplier', { supplierId: 'acme', name: 'Acme', tier: 'direct' }, '2024-01-10T08:00:00.000Z');
  const requested = () => send('SendCMRT', { supplierId: 'acme', period, dueDate: '2024-03-31' }, '2024-02-01T10:00:00.000Z');
  const response = { supplierId: 'acme', period, declaration: { company: { name: 'Acme' }, minerals: { tin: { q1: { answer: 'No' } } } } };

  beforeEach(async () => {
    engine = await NestFactory.createApplicationContext(
      EngineModule.forRoot(
        { dataDir: '/tmp/unused', eventStore: 'memory', port: 0, apiKeys: new Map() },
        { clock: { now: () => new Date(NOW) }, reminderIntervalMs: 0, escalationIntervalMs: 0 },
      ),
      { logger: false },
    );
    store = engine.get<symbol, EventStore>(EVENT_STORE);
  });

  afterEach(async () => {
    await engine.close();
  });

  it("given a supplier registered last year, when last year's request is sent dated then, then its event carries that business time and the decider judged its due date on that day", async () => {
    await registered();
    await requested();

    const sent = await last(survey);
    expect(sent.type).toBe('CMRTSent');
    expect(sent.metadata.occurredAt).toBe('2024-02-01T10:00:00.000Z');
    expect(sent.data).toMatchObject({ sentOn: '2024-02-01', dueDate: '2024-03-31' });
    expect((await last(streams.supplier('acme'))).metadata.occurredAt).toBe('2024-01-10T08:00:00.000Z');
  });

  it('given the same request undated, then it is refused: on the engine clock its due date is past', async () => {
    await registered();
    await expect(send('SendCMRT', { supplierId: 'acme', period, dueDate: '2024-03-31' })).rejects.toMatchObject({
      code: 'due-date-in-past',
    });
  });

  it('given an open request, when reminders are dated before and after its due date, then each says overdue as of its own day', async () => {
    await registered();
    await requested();

    await send('SendReminder', { supplierId: 'acme', period }, '2024-03-15T09:00:00.000Z');
    await send('SendReminder', { supplierId: 'acme', period }, '2024-04-15T09:00:00.000Z');

    const reminders = (await events(survey)).filter((event) => event.type === 'ReminderSent');
    expect(reminders.map((event) => [event.metadata.occurredAt, (event.data as { overdue: boolean }).overdue])).toEqual([
      ['2024-03-15T09:00:00.000Z', false],
      ['2024-04-15T09:00:00.000Z', true],
    ]);
  });

  it('given a request, when its response is recorded dated last year, then the response was received then', async () => {
    await registered();
    await requested();

    await send('RecordResponse', response, '2024-03-20T14:00:00.000Z');

    const recorded = (await events(survey)).find((event) => event.type === 'ResponseRecorded')!;
    expect(recorded.metadata.occurredAt).toBe('2024-03-20T14:00:00.000Z');
    expect(recorded.data).toMatchObject({ receivedAt: '2024-03-20T14:00:00.000Z' });
  });

  it('given a response whose receivedAt says another time than the stated one, then it is refused naming both, and nothing is appended', async () => {
    await registered();
    await requested();

    const both = send('RecordResponse', { ...response, receivedAt: '2024-03-21T14:00:00.000Z' }, '2024-03-20T14:00:00.000Z');

    await expect(both).rejects.toBeInstanceOf(BusinessTimeRefused);
    await expect(both).rejects.toThrow(/differs from the time the command's own data gives \(2024-03-21T14:00:00.000Z\)/);
    expect((await last(survey)).type).toBe('CMRTSent');
  });

  it("given a command whose row says now (closing a year), when it is dated, then it is refused with the row's reason and nothing is appended", async () => {
    const closing = send('ClosePeriod', { period }, '2024-12-31T17:00:00.000Z');

    await expect(closing).rejects.toBeInstanceOf(BusinessTimeRefused);
    await expect(closing).rejects.toThrow(/^ClosePeriod cannot be dated: closing a year freezes its records/);
    expect(await events(streams.period(period))).toEqual([]);
  });

  it('given a time ahead of the engine clock, then it is refused beyond the clock skew and taken as now within it', async () => {
    const ahead = send('RegisterSupplier', { supplierId: 'acme', name: 'Acme', tier: 'direct' }, '2025-04-01T10:00:00.000Z');
    await expect(ahead).rejects.toThrow(/2025-04-01T10:00:00.000Z lies in the future \(the engine's now is 2025-04-01T09:00:00.000Z\)/);

    await send('RegisterSupplier', { supplierId: 'acme', name: 'Acme', tier: 'direct' }, '2025-04-01T09:00:30.000Z');
    expect((await last(streams.supplier('acme'))).metadata.occurredAt).toBe(NOW);
  });

  it('given a survey requested on 1 February, when a reminder is dated before that, then it is refused: nothing happens to a request before it was sent', async () => {
    await registered();
    await requested();

    const early = send('SendReminder', { supplierId: 'acme', period }, '2024-01-15T09:00:00.000Z');

    await expect(early).rejects.toBeInstanceOf(CommandRefused);
    await expect(early).rejects.toMatchObject({ code: 'occurred-before-stream-began' });
    expect((await last(survey)).type).toBe('CMRTSent');
  });

  it('given a response recorded with the wrong date, when it is recorded again dated when it truly arrived (earlier), then the later record corrects it and the log keeps both', async () => {
    await registered();
    await requested();
    await send('RecordResponse', response, '2024-03-25T14:00:00.000Z');

    await send('RecordResponse', response, '2024-03-20T14:00:00.000Z');

    const responses = (await events(survey)).filter((event) => event.type === 'ResponseRecorded');
    expect(responses.map((event) => [(event.data as { responseNumber: number }).responseNumber, event.metadata.occurredAt])).toEqual([
      [1, '2024-03-25T14:00:00.000Z'],
      [2, '2024-03-20T14:00:00.000Z'],
    ]);
  });

  it('given an idempotency key used with one business time, then the same key dated otherwise is another command, refused; dated the same, the first result', async () => {
    const first: CommandResult = await send(
      'RegisterSupplier',
      { supplierId: 'acme', name: 'Acme', tier: 'direct' },
      '2024-01-10T08:00:00.000Z',
      'key-1',
    );

    const again = await send('RegisterSupplier', { supplierId: 'acme', name: 'Acme', tier: 'direct' }, '2024-01-10T08:00:00.000Z', 'key-1');
    expect(again).toMatchObject({ duplicate: true, eventIds: first.eventIds });
    await expect(
      send('RegisterSupplier', { supplierId: 'acme', name: 'Acme', tier: 'direct' }, '2024-01-11T08:00:00.000Z', 'key-1'),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('given no stated time, then a command is dated by the engine clock as before', async () => {
    await send('RegisterSupplier', { supplierId: 'acme', name: 'Acme', tier: 'direct' });
    expect((await last(streams.supplier('acme'))).metadata.occurredAt).toBe(NOW);
  });
});
