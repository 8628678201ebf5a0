import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CMRT_6_6_FIXTURE, EMRT_2_1_FIXTURE, readFixture, writeCells } from '@dd/cmrt/testing';
import { SettableClock } from '@dd/engine';
import { filledCmrtCells, filledEmrtCells } from './support/filled-templates';
import { RunningApi } from './support/running-api';
import { runCli } from './support/run-cli';

/**
 * `cmrt import` takes EMRTs beside CMRTs: each file is recorded on the supplier's survey of the family
 * the workbook is, whatever the folder mixes. Built from the committed fixtures (no ../shared needed).
 */
describe('cmrt import of a folder holding CMRTs and EMRTs', () => {
  let api: RunningApi;
  let env: Record<string, string>;
  let work: string;

  beforeAll(async () => {
    api = await RunningApi.start({ engine: { clock: new SettableClock('2025-01-15T09:00:00.000Z') } });
    env = { DD_DATA_DIR: api.dataDir, DD_EVENT_STORE: 'sqlite' };
    const commands: Array<[string, unknown]> = [
      ['RegisterSupplier', { supplierId: 'cobalt-co', name: 'Cobalt Components GmbH', tier: 'direct' }],
      ['RegisterSupplier', { supplierId: 'tin-co', name: 'Tin Parts AG', tier: 'direct' }],
      ['SendCMRT', { supplierId: 'cobalt-co', period: 2024, dueDate: '2025-03-31', family: 'emrt' }],
      ['SendCMRT', { supplierId: 'tin-co', period: 2024, dueDate: '2025-03-31' }],
    ];
    for (const [command, body] of commands) expect((await api.post(command, body)).status).toBe(201);
    await api.stop();

    work = mkdtempSync(join(tmpdir(), 'dd-emrt-import-'));
    mkdirSync(join(work, 'batch'));
    writeFileSync(join(work, 'batch', 'cobalt.xlsx'), writeCells(readFixture(EMRT_2_1_FIXTURE), filledEmrtCells('Cobalt Components GmbH')));
    writeFileSync(join(work, 'batch', 'tin.xlsx'), writeCells(readFixture(CMRT_6_6_FIXTURE), filledCmrtCells('Tin Parts AG')));
    // Tin Parts sends an EMRT too, but was asked for its CMRT only.
    writeFileSync(join(work, 'batch', 'tin-emrt.xlsx'), writeCells(readFixture(EMRT_2_1_FIXTURE), filledEmrtCells('Tin Parts AG')));
  });

  afterAll(() => {
    api.removeData();
    rmSync(work, { recursive: true, force: true });
  });

  it('records the EMRT on the EMRT survey and the CMRT on the CMRT survey; an EMRT nobody asked for is refused', async () => {
    const run = await runCli(['cmrt', 'import', join(work, 'batch'), '--period', '2024', '--json'], env);
    const result = JSON.parse(run.stdout);
    expect(result.files.map((file: { file: string; result: string; code?: string }) => [file.file, file.result, file.code])).toEqual([
      ['cobalt.xlsx', 'recorded', undefined],
      ['tin-emrt.xlsx', 'refused', 'survey-not-sent'],
      ['tin.xlsx', 'recorded', undefined],
    ]);
    expect(result.files[0]).toMatchObject({
      supplierId: 'cobalt-co',
      templateVersion: '2.1',
      outcome: { family: 'emrt', usability: 'usable', inScopeMinerals: ['cobalt'], findingCounts: { error: 0 }, mines: 1 },
    });
    expect(result.files[1].reason).toMatch(/no EMRT was sent to tin-co for 2024/);
    expect(result.files[2]).toMatchObject({
      supplierId: 'tin-co',
      outcome: { family: 'cmrt', templateVersion: '6.6', usability: 'usable' },
    });

    const trail = JSON.parse((await runCli(['audit', 'trail', '--limit', '100', '--json'], env)).stdout).items as Array<{
      type: string;
      streamId: string;
    }>;
    const responses = trail.filter((event) => event.type.endsWith('ResponseRecorded')).map((event) => [event.type, event.streamId]);
    expect(responses.sort()).toEqual([
      ['EmrtResponseRecorded', 'survey-2024-cobalt-co:emrt'],
      ['ResponseRecorded', 'survey-2024-tin-co'],
    ]);
  });

  it("imports an EMRT workbook's Smelter Look-up as the EMRT's own reference list, beside the 3TG list, and withdraws it with --emrt", async () => {
    const workbook = join(work, 'emrt-lookup.xlsx');
    writeFileSync(workbook, readFixture(EMRT_2_1_FIXTURE));
    const noDate = await runCli(['smelters', 'import-reference', workbook], env);
    expect(noDate.exitCode).toBe(1);
    expect(noDate.stderr).toMatch(/is an EMRT 2\.1: the date of its Smelter Look-up list is not known here; give it with --as-of/);

    const imported = await runCli(['smelters', 'import-reference', workbook, '--as-of', '2025-01-10', '--json'], env);
    expect(imported.exitCode).toBe(0);
    const result = JSON.parse(imported.stdout);
    expect(result).toMatchObject({
      recorded: true,
      family: 'emrt',
      asOf: '2025-01-10',
      source: { kind: 'emrt-template', templateVersion: '2.1' },
    });
    expect(result.smelters).toBeGreaterThan(0);

    const withdrawn = await runCli(['smelters', 'withdraw-reference', '--emrt', '--as-of', '2025-01-10', '--reason', 'wrong date'], env);
    expect(withdrawn.stdout).toMatch(/withdrew the EMRT smelter reference list as of 2025-01-10: no reference list is current any more/);
    // The 3TG list was never touched: there is none to withdraw.
    const cmrt = await runCli(['smelters', 'withdraw-reference', '--as-of', '2025-01-10', '--reason', 'x'], env);
    expect(cmrt.stderr).toMatch(/refused \(reference-list-none\)/);
  });
});
