import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { CommandRefused, RecordGrievance, streams, type PublicCommandName } from '@dd/domain';
import { createEventStore, type EventStore } from '@dd/event-store';
import type { ManagementSystems, RiskEntry } from '@dd/projections';
import { EngineModule } from '../engine.module';
import { oecdStatusRead, programRead } from '../reads/oecd-and-program.reads';
import { ReadQueries } from '../reads/read-queries.service';
import { riskRegisterRead } from '../reads/risk-register.reads';
import { countStreamReads } from '../test-support/stream-reads.fixture';
import { EVENT_STORE } from '../tokens';
import type { CommandResult } from './command-metadata';
import { DispatchCommand } from './command-dispatcher';

const period = 2025;
const NOW = '2025-04-01T09:00:00.000Z';

/** The engine as the API runs it, on a real SQLite file in `dataDir`. */
async function bootEngine(dataDir: string): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(
    EngineModule.forRoot(
      { dataDir, eventStore: 'sqlite', port: 0, apiKeys: new Map() },
      { clock: { now: () => new Date(NOW) }, reminderIntervalMs: 0, escalationIntervalMs: 0 },
    ),
    { logger: false },
  );
}

const send = (engine: INestApplicationContext, name: PublicCommandName, data: unknown, commandId: string): Promise<CommandResult> =>
  engine.get(CommandBus).execute(new DispatchCommand(name, data as never, { commandId, actor: 'spec' }));

const grievance = (grievanceId: string, extra: Record<string, unknown> = {}) =>
  RecordGrievance.parse({ period, grievanceId, description: `Grievance ${grievanceId}: tin from an armed group`, metal: 'tin', ...extra });

describe('grievances and contract clauses on a real sqlite log, through the engine', () => {
  let root: string;
  let engine: INestApplicationContext;

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'dd-grievances-'));
    engine = await bootEngine(join(root, 'data'));
  });

  afterEach(async () => {
    await engine.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('records 16 distinct grievances sent at once, every one of them, each raising its risk', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 16 }, (_, index) => send(engine, 'RecordGrievance', grievance(`g-${index}`), `c-${index}`)),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    const results = outcomes.map((outcome) => (outcome as PromiseFulfilledResult<CommandResult>).value);
    expect(results.map((result) => result.streamId).sort()).toEqual(
      Array.from({ length: 16 }, (_, index) => streams.grievance(period, `g-${index}`)).sort(),
    );
    const year: ManagementSystems = await engine.get(ReadQueries).ask(programRead, { period });
    expect(year.grievances).toMatchObject({ count: 16, anonymous: 16, risksRaised: 16 });
    const risks: RiskEntry[] = await engine.get(ReadQueries).ask(riskRegisterRead, { period, category: 'grievance' });
    expect(risks).toHaveLength(16);
  });

  it('refuses a grievance id already recorded in the year, also when both arrive at once; another year may reuse it', async () => {
    await send(engine, 'RecordGrievance', grievance('g-1'), 'first');
    await expect(send(engine, 'RecordGrievance', grievance('g-1', { description: 'told again' }), 'again')).rejects.toMatchObject({
      code: 'grievance-already-recorded',
    });

    const racing = await Promise.allSettled([
      send(engine, 'RecordGrievance', grievance('g-2'), 'race-a'),
      send(engine, 'RecordGrievance', grievance('g-2'), 'race-b'),
    ]);
    expect(racing.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refusal = racing.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(refusal.reason).toBeInstanceOf(CommandRefused);
    expect(refusal.reason).toMatchObject({ code: 'grievance-already-recorded' });

    await expect(send(engine, 'RecordGrievance', { ...grievance('g-1'), period: 2024 }, 'last-year')).resolves.toMatchObject({
      streamId: streams.grievance(2024, 'g-1'),
    });
    const year: ManagementSystems = await engine.get(ReadQueries).ask(programRead, { period });
    expect(year.grievances.items.map((item) => item.grievanceId)).toEqual(['g-1', 'g-2']);
  });

  it("reads as many events to record a grievance after 200 of the year's grievances as after one", async () => {
    const eventsRead = countStreamReads(engine);
    await send(engine, 'AdoptPolicy', { period, version: '2025-1', url: 'https://example.com/policy.pdf' }, 'policy');
    await send(engine, 'RecordGrievance', grievance('g-first'), 'g-first');
    await engine.get(ReadQueries).ask(programRead, { period });
    const early = await eventsRead(() => send(engine, 'RecordGrievance', grievance('g-early'), 'g-early'));

    // One after the other, as a year's grievances arrive (so this shows what is read, not how races end).
    for (let index = 0; index < 200; index++) await send(engine, 'RecordGrievance', grievance(`g-${index}`), `g-${index}`);
    await engine.get(ReadQueries).ask(programRead, { period });
    const late = await eventsRead(() => send(engine, 'RecordGrievance', grievance('g-late'), 'g-late'));

    // Whatever a grievance reads (here: the year's policy on program-2025), the other grievances are not part of it.
    expect(early).toBeGreaterThan(0);
    expect({ late }).toEqual({ late: early });
    const year: ManagementSystems = await engine.get(ReadQueries).ask(programRead, { period });
    expect(year.grievances.count).toBe(203);
  });

  it("reads as many events to record a contract clause after 100 suppliers' clauses as after one", async () => {
    const eventsRead = countStreamReads(engine);
    for (let index = 0; index < 102; index++)
      await send(engine, 'RegisterSupplier', { supplierId: `s-${index}`, name: `Supplier ${index}`, tier: 'direct' }, `register-${index}`);
    const clause = (supplierId: string) => ({ period, supplierId, clause: 'MSA 2025 §12 conflict minerals' });
    const early = await eventsRead(() => send(engine, 'RecordContractClause', clause('s-0'), 'clause-0'));
    for (let index = 1; index <= 100; index++) await send(engine, 'RecordContractClause', clause(`s-${index}`), `clause-${index}`);
    const late = await eventsRead(() => send(engine, 'RecordContractClause', clause('s-101'), 'clause-101'));

    // The supplier's own stream, read by both; the other suppliers' clauses by neither.
    expect(early).toBeGreaterThan(0);
    expect({ late }).toEqual({ late: early });
    await expect(send(engine, 'RecordContractClause', clause('s-7'), 'clause-7-again')).rejects.toMatchObject({
      code: 'clause-already-recorded',
    });
    const year: ManagementSystems = await engine.get(ReadQueries).ask(programRead, { period });
    expect(year.contractClauses.count).toBe(102);
  });
});

/**
 * Logs written before grievances and contract clauses had streams of their own hold them on
 * `program-<year>`. The same year recorded that way and recorded now must read the same, and an
 * old log must still refuse a grievance id or a supplier's clause it already holds.
 */
describe('a log that records grievances and contract clauses on the program stream (written before they had streams of their own)', () => {
  let root: string;
  const engines: INestApplicationContext[] = [];

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'dd-old-program-log-'));
  });

  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.close();
    rmSync(root, { recursive: true, force: true });
  });

  const boot = async (name: string) => {
    const engine = await bootEngine(join(root, name));
    engines.push(engine);
    return engine;
  };

  /** What both logs share, recorded through the engine. */
  async function recordTheYearsSetUp(engine: INestApplicationContext) {
    await send(engine, 'RegisterSupplier', { supplierId: 'acme', name: 'Acme', tier: 'direct' }, 'register-acme');
    await send(engine, 'AdoptPolicy', { period, version: '2025-1', url: 'https://example.com/policy.pdf' }, 'policy');
    await send(engine, 'DeclareGrievanceMechanism', { period, description: 'Whistleblower line' }, 'mechanism');
  }

  const clause = { period, supplierId: 'acme', clause: 'MSA 2025 §12' };
  const tip = grievance('g-1');
  const named = RecordGrievance.parse({
    period,
    grievanceId: 'g-2',
    anonymous: false,
    reporter: 'Jane Roe, NGO',
    description: 'acme buys from a suspended refiner',
    supplierId: 'acme',
  });

  const answers = async (engine: INestApplicationContext) => ({
    program: await engine.get(ReadQueries).ask(programRead, { period }),
    oecd: await engine.get(ReadQueries).ask(oecdStatusRead, { period }),
    // When the process manager raised each risk is the store's time of that run, not part of the year's record.
    risks: (await engine.get(ReadQueries).ask(riskRegisterRead, { period })).map(({ raisedAt, updatedAt, ...risk }) => ({
      ...risk,
      stamped: typeof raisedAt === 'string' && updatedAt === raisedAt,
    })),
  });

  it('reads as the same year recorded now: program, OECD status and the risks the grievances raised', async () => {
    // The old release appended the clause and the grievances to program-2025, with the same command ids and clock.
    const old = await boot('old');
    await recordTheYearsSetUp(old);
    await old.close();
    engines.splice(engines.indexOf(old), 1);
    const oldStore = createEventStore({ kind: 'sqlite', dataDir: join(root, 'old') });
    for (const [type, data, commandId] of [
      ['ContractClauseRecorded', clause, 'clause'],
      ['GrievanceRecorded', tip, 'tip'],
      ['GrievanceRecorded', named, 'named'],
    ] as const) {
      await oldStore.appendToStream(streams.program(period), [{ type, data }], { commandId, actor: 'spec', occurredAt: NOW });
    }
    await oldStore.close();
    const reopened = await boot('old');

    const current = await boot('new');
    await recordTheYearsSetUp(current);
    await send(current, 'RecordContractClause', clause, 'clause');
    await send(current, 'RecordGrievance', tip, 'tip');
    await send(current, 'RecordGrievance', named, 'named');

    const before = await answers(reopened);
    expect(before.program.grievances).toMatchObject({ count: 2, anonymous: 1, risksRaised: 2 });
    expect(before.program.contractClauses.count).toBe(1);
    const clauses = before.oecd.steps.flatMap((step) => step.criteria).find((criterion) => criterion.id === 'contract-clauses');
    expect(clauses).toMatchObject({ evidence: [before.program.contractClauses.suppliers[0].eventId] });
    expect(before.risks.map((risk) => [risk.category, risk.supplierId, risk.stamped])).toEqual(
      expect.arrayContaining([
        ['grievance', null, true],
        ['grievance', 'acme', true],
      ]),
    );
    expect(before).toEqual(await answers(current));
  });

  it('refuses a grievance id and a clause the program stream already holds, and records new ones on their own streams', async () => {
    const old = await boot('old');
    await recordTheYearsSetUp(old);
    const store = old.get<EventStore>(EVENT_STORE);
    await store.appendToStream(streams.program(period), [{ type: 'ContractClauseRecorded', data: clause }], {
      commandId: 'clause',
      actor: 'spec',
      occurredAt: NOW,
    });
    await store.appendToStream(streams.program(period), [{ type: 'GrievanceRecorded', data: tip }], {
      commandId: 'tip',
      actor: 'spec',
      occurredAt: NOW,
    });

    await expect(send(old, 'RecordGrievance', grievance('g-1', { description: 'the same id again' }), 'tip-again')).rejects.toMatchObject({
      code: 'grievance-already-recorded',
    });
    await expect(send(old, 'RecordContractClause', { ...clause, clause: 'MSA 2025 §14' }, 'clause-again')).rejects.toMatchObject({
      code: 'clause-already-recorded',
    });
    await expect(send(old, 'RecordGrievance', named, 'named')).resolves.toMatchObject({ streamId: streams.grievance(period, 'g-2') });

    const { program } = await answers(old);
    expect(program.grievances.items.map((item) => [item.grievanceId, item.riskId !== null])).toEqual([
      ['g-1', true],
      ['g-2', true],
    ]);
    expect(program.contractClauses.suppliers.map((supplier) => supplier.clause)).toEqual(['MSA 2025 §12']);
  });
});
