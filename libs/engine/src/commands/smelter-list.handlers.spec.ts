import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { PublicCommandName } from '@dd/domain';
import { EngineModule } from '../engine.module';
import { countStreamReads } from '../test-support/stream-reads.fixture';
import { DispatchCommand } from './command-dispatcher';

const source = (index: number) => ({ kind: 'csv' as const, fileName: `list-${index}.csv`, sha256: index.toString(16).padStart(64, '0') });
const asOf = (index: number) => `2025-01-${String(index + 1).padStart(2, '0')}`;
const smelterId = (index: number) => `CID${String(index).padStart(6, '0')}`;

/** Each imported smelter list replaces the one before, so importing the next reads the current one only. */
describe('importing smelter lists on a real sqlite log, through the engine', () => {
  let root: string;
  let engine: INestApplicationContext;
  let commands = 0;
  const send = (name: PublicCommandName, data: unknown) =>
    engine.get(CommandBus).execute(new DispatchCommand(name, data as never, { commandId: `spec-${++commands}`, actor: 'spec' }));

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'dd-smelter-lists-'));
    engine = await NestFactory.createApplicationContext(
      EngineModule.forRoot(
        { dataDir: join(root, 'data'), eventStore: 'sqlite', port: 0, apiKeys: new Map() },
        { reminderIntervalMs: 0, escalationIntervalMs: 0 },
      ),
      { logger: false },
    );
  });

  afterEach(async () => {
    await engine.close();
    rmSync(root, { recursive: true, force: true });
  });

  const referenceList = (index: number) => ({
    asOf: asOf(index),
    source: source(index),
    rows: Array.from({ length: 20 }, (_, row) => ({
      metal: 'tin',
      lookupName: `Smelter ${row}`,
      standardName: `Smelter ${row}`,
      country: 'X',
      smelterId: smelterId(row + index),
    })),
  });
  const statusList = (index: number) => ({
    asOf: asOf(index),
    source: source(index),
    entries: Array.from({ length: 20 }, (_, row) => ({
      metal: 'tin',
      smelterId: smelterId(row + index),
      status: row % 2 ? 'conformant' : 'active',
    })),
  });

  it('reads the same one list to import the tenth RMI reference list as the second', async () => {
    const eventsRead = countStreamReads(engine);
    await send('ImportReferenceList', referenceList(0));
    const second = await eventsRead(() => send('ImportReferenceList', referenceList(1)));
    for (let index = 2; index < 9; index++) await send('ImportReferenceList', referenceList(index));
    const tenth = await eventsRead(() => send('ImportReferenceList', referenceList(9)));
    expect({ second, tenth }).toEqual({ second: 1, tenth: 1 });
  });

  it('reads the same one list to import the tenth RMAP status list as the second', async () => {
    const eventsRead = countStreamReads(engine);
    await send('ImportRmapStatusList', statusList(0));
    const second = await eventsRead(() => send('ImportRmapStatusList', statusList(1)));
    for (let index = 2; index < 9; index++) await send('ImportRmapStatusList', statusList(index));
    const tenth = await eventsRead(() => send('ImportRmapStatusList', statusList(9)));
    expect({ second, tenth }).toEqual({ second: 1, tenth: 1 });
  });
});
