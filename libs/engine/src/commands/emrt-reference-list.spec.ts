import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { CommandRefused, streams, type EmrtResponseRecorded, type PublicCommandName, type ReferenceRow } from '@dd/domain';
import { completeEmrtDeclaration } from '@dd/domain/testing';
import type { EventStore } from '@dd/event-store';
import { REFERENCE_AS_OF, REFERENCE_ROWS } from '@dd/projections/testing';
import { DispatchCommand } from './command-dispatcher';
import { EngineModule } from '../engine.module';
import { ReadQueries } from '../reads/read-queries.service';
import { riskRegisterRead } from '../reads/risk-register.reads';
import { smeltersRead, unresolvedSmelterRowsRead } from '../reads/smelter-register.reads';
import { EVENT_STORE } from '../tokens';
import { ReferenceListCache } from './reference-list.cache';

/** The EMRT's own Smelter Look-up (two cobalt refiners, as RMI's EMRT 2.1 names them), imported as the EMRT's reference list. */
const EMRT_ROWS: ReferenceRow[] = [
  {
    metal: 'cobalt',
    lookupName: 'Anhui Hanrui New Material Co., Ltd.',
    standardName: 'Anhui Hanrui New Material Co., Ltd.',
    country: 'CHINA',
    smelterId: 'CID003927',
  },
  {
    metal: 'cobalt',
    lookupName: 'Advanced Materials Production Plant (Qingyuan Industrial Park)',
    standardName: 'Advanced Materials Production Plant (Qingyuan Industrial Park)',
    country: 'CHINA',
    smelterId: 'CID003875',
  },
];

/** The EMRT's reference list on the memory store, driven through the engine's own command bus. */
describe("the EMRT's own reference list", () => {
  let engine: INestApplicationContext;
  let commands = 0;
  const period = 2025;

  const send = (name: PublicCommandName, data: unknown) =>
    engine.get(CommandBus).execute(new DispatchCommand(name, data as never, { commandId: `spec-${++commands}`, actor: 'spec' }));
  const ask = () => engine.get(ReadQueries);
  const lastEmrtResponse = async () => {
    const events = await engine.get<symbol, EventStore>(EVENT_STORE).readStream(streams.survey(period, 'acme', 'emrt'));
    return events.filter((event) => event.type === 'EmrtResponseRecorded').pop()!.data as EmrtResponseRecorded;
  };

  beforeEach(async () => {
    engine = await NestFactory.createApplicationContext(
      EngineModule.forRoot(
        { dataDir: '/tmp/unused', eventStore: 'memory', port: 0, apiKeys: new Map() },
        { clock: { now: () => new Date('2025-07-01T09:00:00Z') }, escalationIntervalMs: 0 },
      ),
      { logger: false },
    );
    await send('ImportReferenceList', {
      asOf: REFERENCE_AS_OF,
      source: { kind: 'csv', fileName: 'ref.csv', sha256: 'a'.repeat(64) },
      rows: REFERENCE_ROWS,
    });
    await send('ImportReferenceList', {
      family: 'emrt',
      asOf: '2025-06-01',
      source: { kind: 'emrt-template', fileName: 'RMI_EMRT_2.1.xlsx', sha256: 'e'.repeat(64), templateVersion: '2.1' },
      rows: EMRT_ROWS,
    });
    await send('RegisterSupplier', { supplierId: 'acme', name: 'Acme', tier: 'direct' });
    await send('SendCMRT', { supplierId: 'acme', period, dueDate: '2025-12-31', family: 'emrt' });
    const declaration = completeEmrtDeclaration('Acme');
    declaration.smelters = [
      // Named, not picked from the look-up: found by its name.
      { row: 5, metal: 'cobalt', lookupName: 'Smelter not listed', name: 'Anhui Hanrui New Material Co., Ltd.', country: 'CHINA' },
      // A near miss: candidates for a person to confirm.
      { row: 6, metal: 'cobalt', lookupName: 'Smelter not listed', name: 'Advanced Materials Plant Qingyuan', country: 'CHINA' },
    ];
    await send('RecordEmrtResponse', { supplierId: 'acme', period, declaration });
  });

  afterEach(async () => {
    await engine.close();
  });

  it('given both lists, then each family has its own: the 3TG list is not replaced by the EMRT one', async () => {
    const cache = engine.get(ReferenceListCache);
    expect((await cache.current('cmrt')).asOf).toBe(REFERENCE_AS_OF);
    expect((await cache.current('emrt')).asOf).toBe('2025-06-01');
    expect((await cache.current('cmrt')).smelter('CID003927')).toBeUndefined();
    const cobalt = await ask().ask(smeltersRead, { metal: 'cobalt' });
    expect(cobalt.map((smelter) => [smelter.smelterId, smelter.onReferenceList])).toEqual([['CID003927', true]]);
    expect((await ask().ask(smeltersRead, { metal: 'tin' })).length).toBe(0);
  });

  it('when an EMRT row names a refiner without its CID, then it is matched by name; a near miss waits for a person', async () => {
    const response = await lastEmrtResponse();
    expect(response.referenceListAsOf).toBe('2025-06-01');
    expect(response.smelterMatches?.map(({ row, status, method, smelterId }) => ({ row, status, method, smelterId }))).toEqual([
      { row: 5, status: 'matched', method: 'alias', smelterId: 'CID003927' },
      { row: 6, status: 'needs-confirmation', method: undefined, smelterId: undefined },
    ]);
    expect(response.smelterMatches?.[1].candidates[0]).toMatchObject({ smelterId: 'CID003875' });
    expect(await ask().ask(unresolvedSmelterRowsRead, { period })).toEqual([
      expect.objectContaining({ supplierId: 'acme', row: 6, metal: 'cobalt', status: 'needs-confirmation' }),
    ]);
  });

  it('when a person confirms the near miss on the EMRT, then it names that refiner and is judged like any row', async () => {
    await send('ConfirmSmelterMatch', { supplierId: 'acme', period, family: 'emrt', row: 6, smelterId: 'CID003875' });
    expect(await ask().ask(unresolvedSmelterRowsRead, { period })).toEqual([]);
    const cobalt = await ask().ask(smeltersRead, { metal: 'cobalt', period });
    expect(cobalt.map((smelter) => [smelter.smelterId, smelter.namedBy.map((naming) => naming.method)])).toEqual([
      ['CID003875', ['confirmed']],
      ['CID003927', ['alias']],
    ]);
    await send('ImportRmapStatusList', {
      asOf: '2025-06-15',
      source: { kind: 'csv', fileName: 'rmap.csv', sha256: 'b'.repeat(64) },
      entries: [
        { metal: 'cobalt', smelterId: 'CID003875', status: 'non-conformant' },
        { metal: 'cobalt', smelterId: 'CID003927', status: 'conformant' },
      ],
    });
    const risks = await ask().ask(riskRegisterRead, { period });
    // The near miss was an unknown smelter when it was recorded (as a CMRT row would be); confirmed, its refiner is judged by status.
    expect(risks.map((risk) => [risk.category, risk.metal, risk.smelterId])).toEqual([
      ['non-conformant-smelter', 'cobalt', 'CID003875'],
      ['unknown-smelter', 'cobalt', null],
    ]);
  });

  it('refuses a 3TG smelter on an EMRT row, and a cobalt refiner on the CMRT list', async () => {
    await expect(
      send('ConfirmSmelterMatch', { supplierId: 'acme', period, family: 'emrt', row: 6, smelterId: 'CID000001' }),
    ).rejects.toMatchObject({ code: 'smelter-unknown' } satisfies Partial<CommandRefused>);
    await expect(
      send('ImportReferenceList', {
        asOf: '2025-06-02',
        source: { kind: 'csv', fileName: 'mixed.csv', sha256: 'c'.repeat(64) },
        rows: [...REFERENCE_ROWS, EMRT_ROWS[0]],
      }),
    ).rejects.toMatchObject({ code: 'reference-list-family-mismatch' });
  });
});
