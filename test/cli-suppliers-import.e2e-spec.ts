import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streams } from '@dd/domain';
import { runCli } from './support/run-cli';

/** `suppliers import <file> [--dry-run]`: the API's supplier import from the CLI, on a real SQLite data directory. */
describe('CLI suppliers import', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dd-cli-suppliers-'));
  const env = { DD_DATA_DIR: dataDir, DD_EVENT_STORE: 'sqlite' };
  const file = join(dataDir, 'suppliers.csv');

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('given a list, when dry-run, then it shows each row and writes nothing; when imported, then the suppliers are registered by the CLI user', async () => {
    writeFileSync(file, 'supplierId,name,tier,owner\nacme,Acme GmbH,direct,maria\nsub,Sub Ltd,indirect,\n');
    const preview = await runCli(['suppliers', 'import', file, '--dry-run'], env);
    expect(preview.exitCode).toBe(0);
    expect(preview.stdout).toContain('row 2\tacme\tnew\tRegisterSupplier, AssignSupplierOwner');
    expect(preview.stdout).toContain('2 rows (2 new, 0 unchanged, 0 renamed, 0 updated, 0 error); dry run: nothing written');
    const imported = JSON.parse((await runCli(['suppliers', 'import', file, '--json'], env)).stdout);
    expect(imported).toMatchObject({ imported: true, counts: { new: 2 } });
    const trail = JSON.parse((await runCli(['audit', 'trail', '--json'], env)).stdout);
    const items = (Array.isArray(trail) ? trail : trail.items) as Array<{ type: string; actor: string; streamId: string }>;
    // The two rows run at once: each supplier's commands in the row's order, the log may interleave them.
    const ofStream = (streamId: string) => items.filter((event) => event.streamId === streamId).map((event) => event.type);
    expect(ofStream(streams.supplier('acme'))).toEqual(['SupplierRegistered', 'SupplierOwnerAssigned']);
    expect(ofStream(streams.supplier('sub'))).toEqual(['SupplierRegistered']);
    expect(items).toHaveLength(3);
    expect(items.every((event) => event.actor.startsWith('cli'))).toBe(true);
  });

  it('refuses a list with an error row (exit code 1), naming the row and column', async () => {
    writeFileSync(file, 'supplierId,name,tier\nok-one,Ok,direct\nbad,Bad,sideways\n');
    const refused = await runCli(['suppliers', 'import', file], env);
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toMatch(/row 3\tbad\terror\ttier: /);
    expect(refused.stdout).toContain('nothing imported: fix the rows with errors');
  });
});
