import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { PublicCommandName } from '@dd/domain';
import type { RiskEntry } from '@dd/projections';
import { completeEmrtDeclaration } from '@dd/domain/testing';
import { REFERENCE_AS_OF, REFERENCE_ROWS, tinDeclaration } from '@dd/projections/testing';
import { DispatchCommand } from '../commands/command-dispatcher';
import { EngineModule } from '../engine.module';
import { ReadQueries } from '../reads/read-queries.service';
import { riskRegisterRead } from '../reads/risk-register.reads';
import { ReadSide } from '../read-side';

/** The smelter-status process manager on the memory store, driven through the engine's own command bus. */
describe('smelter-status process manager', () => {
  let engine: INestApplicationContext;
  let commands = 0;
  const period = 2025;

  const send = (name: PublicCommandName, data: unknown) =>
    engine.get(CommandBus).execute(new DispatchCommand(name, data as never, { commandId: `spec-${++commands}`, actor: 'spec' }));
  const risks = async (): Promise<RiskEntry[]> => engine.get(ReadQueries).ask(riskRegisterRead, { period });
  const statusList = (asOf: string, file: string, entries: Array<[string, string]>) =>
    send('ImportRmapStatusList', {
      asOf,
      source: { kind: 'csv', fileName: 'rmap.csv', sha256: file.repeat(64) },
      entries: entries.map(([smelterId, status]) => ({ metal: 'tin', smelterId, status })),
    });

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
    await send('RegisterSupplier', { supplierId: 'acme', name: 'Acme', tier: 'direct' });
    await send('SendCMRT', { supplierId: 'acme', period, dueDate: '2025-12-31' });
  });

  afterEach(async () => {
    await engine.close();
  });

  it('judges rows recorded before any status list once the first list arrives', async () => {
    await send('RecordResponse', {
      supplierId: 'acme',
      period,
      declaration: tinDeclaration([
        { row: 5, metal: 'tin', smelterId: 'CID000001' },
        { row: 6, metal: 'tin', smelterId: 'CID000002' },
      ]),
    });
    expect(await risks()).toEqual([]);
    await statusList('2025-03-05', 'b', [['CID000001', 'suspended']]);
    expect((await risks()).map((r) => [r.category, r.smelterId, r.severity])).toEqual([
      ['non-conformant-smelter', 'CID000001', 'high'],
      ['smelter-not-audited', 'CID000002', 'medium'],
    ]);
  });

  it('judges a confirmed row as the smelter it now is, and closes the unknown-smelter risk once no row of the metal is unknown', async () => {
    await statusList('2025-03-05', 'b', [['CID000004', 'non-conformant']]);
    await send('RecordResponse', {
      supplierId: 'acme',
      period,
      declaration: tinDeclaration([{ row: 8, metal: 'tin', lookupName: 'Smelter not listed', name: 'Metallo Belgium' }]),
    });
    expect((await risks()).map((r) => r.category)).toEqual(['unknown-smelter']);
    await send('ConfirmSmelterMatch', { supplierId: 'acme', period, row: 8, smelterId: 'CID000004' });
    // Nothing unknown is left: the unknown-smelter risk closes by itself; the smelter's own risk is open.
    expect((await risks()).map((r) => [r.category, r.smelterId, r.status, r.closure?.resolution ?? null])).toEqual([
      ['non-conformant-smelter', 'CID000004', 'open', null],
      ['unknown-smelter', null, 'closed', 'resolved-by-match-confirmation'],
    ]);
  });

  it('keeps the unknown-smelter risk open while another row of the metal is still unknown', async () => {
    await statusList('2025-03-05', 'b', [['CID000004', 'conformant']]);
    await send('RecordResponse', {
      supplierId: 'acme',
      period,
      declaration: tinDeclaration([
        { row: 8, metal: 'tin', lookupName: 'Smelter not listed', name: 'Metallo Belgium' },
        { row: 9, metal: 'tin', lookupName: 'Smelter not listed', name: 'Nowhere Tin Works' },
      ]),
    });
    await send('ConfirmSmelterMatch', { supplierId: 'acme', period, row: 8, smelterId: 'CID000004' });
    expect((await risks()).map((r) => [r.category, r.status])).toEqual([['unknown-smelter', 'open']]);
  });

  it('closes nothing when a resubmission drops the smelter, and closes the risk when the smelter becomes conformant', async () => {
    await statusList('2025-03-05', 'b', [['CID000001', 'non-conformant']]);
    await send('RecordResponse', {
      supplierId: 'acme',
      period,
      declaration: tinDeclaration([{ row: 5, metal: 'tin', smelterId: 'CID000001' }]),
    });
    await send('SendCMRT', { supplierId: 'acme', period, dueDate: '2025-12-31' });
    await send('RecordResponse', {
      supplierId: 'acme',
      period,
      declaration: tinDeclaration([{ row: 5, metal: 'tin', smelterId: 'CID000002' }]),
    });
    await statusList('2025-03-06', 'c', [
      ['CID000001', 'non-conformant'],
      ['CID000002', 'conformant'],
    ]);
    // CID000001 is still open although the latest response no longer names it; CID000002 was not on the
    // first list (not audited) when the resubmission named it, and became conformant with the second.
    expect((await risks()).map((r) => [r.category, r.smelterId, r.status])).toEqual([
      ['non-conformant-smelter', 'CID000001', 'open'],
      ['smelter-not-audited', 'CID000002', 'closed'],
    ]);
    await statusList('2025-05-01', 'd', [
      ['CID000001', 'cross-recognized'],
      ['CID000002', 'conformant'],
    ]);
    const [closed] = await risks();
    expect(closed).toMatchObject({ status: 'closed', closure: { resolution: 'resolved-by-status-change', by: 'system:smelter-status' } });
    expect(closed.closure?.note).toBe(
      'Tin smelter CID000001 is cross-recognized on the RMAP status list as of 2025-05-01 (was non-conformant)',
    );
  });

  describe('given acme answers a CMRT and an EMRT for the same year', () => {
    const cobaltList = (asOf: string, file: string, cobalt: string) =>
      send('ImportRmapStatusList', {
        asOf,
        source: { kind: 'csv', fileName: 'rmap.csv', sha256: file.repeat(64) },
        entries: [
          { metal: 'tin', smelterId: 'CID000001', status: 'suspended' },
          { metal: 'cobalt', smelterId: 'CID003927', status: cobalt },
        ],
      });

    beforeEach(async () => {
      await send('RecordResponse', {
        supplierId: 'acme',
        period,
        declaration: tinDeclaration([{ row: 5, metal: 'tin', smelterId: 'CID000001' }]),
      });
      await send('SendCMRT', { supplierId: 'acme', period, dueDate: '2025-12-31', family: 'emrt' });
      // Cobalt (in scope) from refiner CID003927, as the EMRT's own Smelter Look-up names it.
      await send('RecordEmrtResponse', { supplierId: 'acme', period, family: 'emrt', declaration: completeEmrtDeclaration('Acme') });
    });

    it('when the status list says the cobalt refiner is not conformant, then it is a risk like a tin one, and the CMRT rows still count', async () => {
      await cobaltList('2025-03-05', 'b', 'non-conformant');
      expect((await risks()).map((r) => [r.category, r.metal, r.smelterId, r.severity])).toEqual([
        ['non-conformant-smelter', 'tin', 'CID000001', 'high'],
        ['non-conformant-smelter', 'cobalt', 'CID003927', 'high'],
      ]);
    });

    it('when the cobalt refiner is not on the list at all, then it is not audited; when it becomes conformant, its risk closes by itself', async () => {
      await statusList('2025-03-05', 'b', [['CID000001', 'conformant']]);
      expect((await risks()).map((r) => [r.category, r.metal, r.smelterId, r.status])).toEqual([
        ['smelter-not-audited', 'cobalt', 'CID003927', 'open'],
      ]);
      await cobaltList('2025-04-01', 'c', 'conformant');
      const cobalt = (await risks()).find((r) => r.metal === 'cobalt');
      expect(cobalt).toMatchObject({ status: 'closed', closure: { resolution: 'resolved-by-status-change' } });
      expect(cobalt?.closure?.note).toBe(
        'Cobalt smelter CID003927 is conformant on the RMAP status list as of 2025-04-01 (was not on the list)',
      );
    });
  });

  it('keeps the active smelter without a risk, and an active smelter that loses its status gets one', async () => {
    await statusList('2025-03-05', 'b', [['CID000001', 'active']]);
    await send('RecordResponse', {
      supplierId: 'acme',
      period,
      declaration: tinDeclaration([{ row: 5, metal: 'tin', smelterId: 'CID000001' }]),
    });
    expect(await risks()).toEqual([]);
    await statusList('2025-06-01', 'c', [['CID000002', 'conformant']]);
    expect((await risks()).map((r) => [r.category, r.smelterId])).toEqual([['smelter-not-audited', 'CID000001']]);
    await engine.get(ReadSide).settled();
  });

  describe('a status list withdrawn as a mistake', () => {
    const withdraw = (asOf: string) =>
      send('WithdrawRmapStatusList', { asOf, reason: 'the list of another programme, imported by mistake' });
    const byCategory = async () =>
      (await risks())
        .map((r) => [r.category, r.smelterId, r.status, r.closure?.resolution ?? null])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1])));

    it('closes the risks it raised, reopens those it closed where the list before still warrants them, and leaves the rest alone', async () => {
      await statusList('2025-03-05', 'b', [
        ['CID000001', 'conformant'],
        ['CID000002', 'non-conformant'],
      ]);
      await send('RecordResponse', {
        supplierId: 'acme',
        period,
        declaration: tinDeclaration([
          { row: 5, metal: 'tin', smelterId: 'CID000001' },
          { row: 6, metal: 'tin', smelterId: 'CID000002' },
        ]),
      });
      expect(await byCategory()).toEqual([['non-conformant-smelter', 'CID000002', 'open', null]]);

      // The mistaken list: Alpha suspended (raises), Beta conformant (closes Beta's risk by itself).
      await statusList('2025-06-01', 'c', [
        ['CID000001', 'suspended'],
        ['CID000002', 'conformant'],
      ]);
      expect(await byCategory()).toEqual([
        ['non-conformant-smelter', 'CID000001', 'open', null],
        ['non-conformant-smelter', 'CID000002', 'closed', 'resolved-by-status-change'],
      ]);

      await withdraw('2025-06-01');
      expect(await byCategory()).toEqual([
        ['non-conformant-smelter', 'CID000001', 'closed', 'resolved-by-list-withdrawal'],
        ['non-conformant-smelter', 'CID000002', 'open', null],
      ]);
      const alpha = (await risks()).find((r) => r.smelterId === 'CID000001')!;
      expect(alpha.closure).toMatchObject({ by: 'system:smelter-status' });
      expect(alpha.closure?.note).toBe(
        'Raised on the RMAP status list as of 2025-06-01, which was withdrawn (the list of another programme, imported by mistake); the RMAP status list as of 2025-03-05 is in force again',
      );
    });

    it('judges the rows recorded while it was in force against the list before, and keeps what both warrant', async () => {
      await statusList('2025-03-05', 'b', [
        ['CID000001', 'non-conformant'],
        ['CID000002', 'non-conformant'],
      ]);
      await statusList('2025-06-01', 'c', [
        ['CID000001', 'non-conformant'],
        ['CID000002', 'conformant'],
      ]);
      await send('RecordResponse', {
        supplierId: 'acme',
        period,
        declaration: tinDeclaration([
          { row: 5, metal: 'tin', smelterId: 'CID000001' },
          { row: 6, metal: 'tin', smelterId: 'CID000002' },
        ]),
      });
      expect(await byCategory()).toEqual([['non-conformant-smelter', 'CID000001', 'open', null]]);
      await withdraw('2025-06-01');
      // Alpha is non-conformant on both lists: its risk stays. Beta was judged conformant only by the withdrawn list.
      expect(await byCategory()).toEqual([
        ['non-conformant-smelter', 'CID000001', 'open', null],
        ['non-conformant-smelter', 'CID000002', 'open', null],
      ]);
      // Withdrawing the list before too leaves no status to judge by: every status risk it stands for closes.
      await withdraw('2025-03-05');
      expect((await byCategory()).map(([, smelterId, status, resolution]) => [smelterId, status, resolution])).toEqual([
        ['CID000001', 'closed', 'resolved-by-list-withdrawal'],
        ['CID000002', 'closed', 'resolved-by-list-withdrawal'],
      ]);
    });
  });

  it('given a closed reporting year, then a status list changes no risk of it, and the next year is still judged', async () => {
    await statusList('2025-03-05', 'b', [['CID000001', 'conformant']]);
    await send('RecordResponse', {
      supplierId: 'acme',
      period,
      declaration: tinDeclaration([{ row: 5, metal: 'tin', smelterId: 'CID000001' }]),
    });
    await send('SendCMRT', { supplierId: 'acme', period: 2026, dueDate: '2026-12-31' });
    await send('RecordResponse', {
      supplierId: 'acme',
      period: 2026,
      declaration: tinDeclaration([{ row: 5, metal: 'tin', smelterId: 'CID000001' }]),
    });
    await send('OpenPeriod', { period, policy: { reminderDays: [14, 28] } });
    await send('ClosePeriod', { period, note: 'filed' });
    await statusList('2025-06-01', 'c', [['CID000001', 'suspended']]);
    expect(await risks()).toEqual([]);
    const nextYear: RiskEntry[] = await engine.get(ReadQueries).ask(riskRegisterRead, { period: 2026 });
    expect(nextYear.map((r) => [r.category, r.smelterId, r.status])).toEqual([['non-conformant-smelter', 'CID000001', 'open']]);
  });
});
