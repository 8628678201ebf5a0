import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { DispatchCommand, EngineModule, type EngineConfig } from '@dd/engine';
import type { PublicCommandName } from '@dd/domain';
import { perSecond, round, summariseLatencies, type LatencySummary } from './percentiles';
import { openRawEventsDb } from './raw-sqlite';
import type { BenchmarkContext, BenchmarkOutcome } from './benchmark';
import { storageKind, withTempDir } from './temp-dir';

export interface CommandBusResult {
  storage: 'tmpfs' | 'disk';
  suppliers: number;
  commands: number;
  commandsPerSecond: number;
  /** Per command, ms: every RegisterSupplier and SendCMRT. */
  latencyMs: LatencySummary;
  byCommand: Record<'RegisterSupplier' | 'SendCMRT', LatencySummary>;
  /**
   * The same number of single-event commits through raw better-sqlite3 (one INSERT per transaction,
   * same pragmas and table): the fsync-bound ceiling of "one command, one durable commit".
   */
  baseline: { name: string; commitsPerSecond: number; latencyMs: LatencySummary };
  /** commandsPerSecond / baseline.commitsPerSecond. */
  ratio: number;
}

/**
 * (a) Single commands through the Nest CommandBus, one after the other, on the sqlite store in a
 * temp data dir: N RegisterSupplier (distinct ids), then SendCMRT for each. The engine boots as it
 * does in production, so the projections and the risk process manager follow the log meanwhile
 * (in this process, as in the API): their work is part of what a command costs here.
 */
export async function benchCommandBus(context: BenchmarkContext): Promise<BenchmarkOutcome<CommandBusResult>> {
  const suppliers = context.quick ? 30 : 2000;
  const warmUp = context.quick ? 5 : 200;
  return withTempDir(context.tmpRoot, 'command-bus', async (dir) => {
    const config: EngineConfig = { dataDir: join(dir, 'engine'), eventStore: 'sqlite', port: 0, apiKeys: new Map() };
    const engine = await NestFactory.createApplicationContext(EngineModule.forRoot(config), { logger: false });
    let timings: { register: number[]; send: number[]; ms: number };
    try {
      const bus = engine.get(CommandBus);
      // Warm-up on other suppliers: JIT, statement caches, first WAL pages.
      await runCommands(bus, 'warm', warmUp);
      context.progress(`commandBus: ${suppliers} RegisterSupplier + ${suppliers} SendCMRT, one at a time`);
      timings = await runCommands(bus, 'bench', suppliers);
    } finally {
      await engine.close();
    }
    const commands = suppliers * 2;
    const baseline = rawSingleCommits(join(dir, 'raw.sqlite'), commands);
    const commandsPerSecond = perSecond(commands, timings.ms);
    return {
      result: {
        storage: storageKind(dir),
        suppliers,
        commands,
        commandsPerSecond,
        latencyMs: summariseLatencies([...timings.register, ...timings.send]),
        byCommand: { RegisterSupplier: summariseLatencies(timings.register), SendCMRT: summariseLatencies(timings.send) },
        baseline,
        ratio: round(commandsPerSecond / baseline.commitsPerSecond, 3),
      },
      targets: [],
    };
  });
}

async function runCommands(bus: CommandBus, prefix: string, suppliers: number) {
  const register: number[] = [];
  const send: number[] = [];
  const execute = async (name: PublicCommandName, data: unknown, into: number[]) => {
    const started = performance.now();
    await bus.execute(new DispatchCommand(name, data as never, { commandId: randomUUID(), actor: 'bench' }));
    into.push(performance.now() - started);
  };
  // The survey decider refuses a due date in the past, so the period follows the clock.
  const period = new Date().getUTCFullYear();
  const dueDate = `${period + 1}-05-31`;
  const started = performance.now();
  for (let index = 0; index < suppliers; index++) {
    await execute(
      'RegisterSupplier',
      { supplierId: `${prefix}-${index}`, name: `Supplier ${index} Manufacturing Co., Ltd.`, tier: 'direct', country: 'DE' },
      register,
    );
  }
  for (let index = 0; index < suppliers; index++) {
    await execute('SendCMRT', { supplierId: `${prefix}-${index}`, period, dueDate, templateVersion: '6.4' }, send);
  }
  return { register, send, ms: performance.now() - started };
}

/** One single-row transaction per "command", as the store commits one append per command. */
function rawSingleCommits(file: string, commits: number) {
  const { db, insert } = openRawEventsDb(file);
  try {
    const recordedAt = new Date().toISOString();
    const write = (index: number) =>
      insert.run(
        `supplier-raw-${index}`,
        0,
        randomUUID(),
        randomUUID(),
        'SupplierRegistered',
        `{"country":"DE","name":"Supplier ${index} Manufacturing Co., Ltd.","supplierId":"raw-${index}","tier":"direct"}`,
        `{"actor":"bench","recordedAt":"${recordedAt}"}`,
        recordedAt,
      );
    for (let index = 0; index < 50; index++) write(-1 - index);
    const latencies: number[] = [];
    const started = performance.now();
    for (let index = 0; index < commits; index++) {
      const begun = performance.now();
      write(index); // autocommit: one transaction, one fsync
      latencies.push(performance.now() - begun);
    }
    const ms = performance.now() - started;
    return {
      name: 'raw better-sqlite3, one INSERT per transaction',
      commitsPerSecond: perSecond(commits, ms),
      latencyMs: summariseLatencies(latencies),
    };
  } finally {
    db.close();
  }
}
