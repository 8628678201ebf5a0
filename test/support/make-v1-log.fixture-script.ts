import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { jxAdvancedMetalsSample } from '@dd/domain/testing';
import { RunningApi } from './running-api';

/**
 * Writes libs/event-store/src/test-support/fixtures/v1-log.sqlite: a small log in the first event
 * format (each event chained to its stream only), made through the real API at commit f1d1d8e, before
 * the log-wide chain existed. Kept only to document how the fixture was made; run at that commit with
 *   npx jest --testMatch '**\/make-v1-log.fixture-script.ts' test/support
 */
describe('the v1 log fixture', () => {
  it('is written through the API', async () => {
    const api = await RunningApi.start({ apiKeys: 'compliance-key-1=alice:compliance,compliance-key-2=bob:compliance' });
    const alice = { 'x-api-key': 'compliance-key-1' };
    const bob = { 'x-api-key': 'compliance-key-2' };
    const period = 2024;
    const dueDate = `${new Date().getUTCFullYear() + 1}-01-31`;
    const ok = async (response: Promise<{ status: number; body: unknown }>) => {
      const { status, body } = await response;
      if (status !== 201) throw new Error(`${status} ${JSON.stringify(body)}`);
    };
    await ok(api.post('RegisterSupplier', { supplierId: 'cm-1', name: 'Contract Manufacturer One', tier: 'direct', country: 'TW' }, alice));
    await ok(
      api.post(
        'RegisterSupplier',
        { supplierId: 'jx', name: 'JX Advanced Metals Corporation', tier: 'indirect', country: 'JP', parentSupplierId: 'cm-1' },
        alice,
      ),
    );
    await ok(
      api.post(
        'RegisterSupplier',
        { supplierId: 'mr-1', name: 'Mina Rwanda', tier: 'direct', country: 'RW' },
        { ...bob, 'idempotency-key': 'register-mr-1' },
      ),
    );
    await ok(api.post('SendCMRT', { supplierId: 'jx', period, dueDate, templateVersion: '6.4' }, alice));
    await ok(api.post('SendCMRT', { supplierId: 'mr-1', period, dueDate }, bob));
    await ok(api.post('SendReminder', { supplierId: 'jx', period }, alice));
    await ok(
      api.post(
        'RecordResponse',
        { supplierId: 'jx', period, receivedAt: '2024-06-14T09:00:00Z', declaration: jxAdvancedMetalsSample() },
        alice,
      ),
    );
    await ok(
      api.post('FlagNonConflictFree', { supplierId: 'mr-1', period, metal: 'tin', smelterId: 'CID000228', reason: 'first flag' }, bob),
    );
    await ok(api.post('SendReminder', { supplierId: 'mr-1', period }, bob));
    await ok(
      api.post('AddSupplierContact', { supplierId: 'mr-1', name: 'Claudine U.', email: 'claudine@example.rw', role: 'compliance' }, bob),
    );
    await ok(api.post('AssignSupplierOwner', { supplierId: 'mr-1', owner: 'buyer-bob' }, bob));
    await ok(api.post('AssignSupplierOwner', { supplierId: 'jx', owner: 'buyer-alice' }, alice));
    const flagged = await api.post(
      'FlagNonConflictFree',
      { supplierId: 'jx', period, metal: 'tantalum', smelterId: 'CID000211', reason: 'RMI lists it as non-conformant' },
      alice,
    );
    const riskId = (flagged.body as { streamId: string }).streamId.replace(/^risk-/, '');
    await ok(api.post('AssessRisk', { riskId, likelihood: 'likely', impact: 'major', rationale: 'sole tantalum source' }, alice));
    await ok(
      api.post('DecideMitigation', { riskId, strategy: 'continue-trade-during-mitigation', plan: 'ask for an RMAP audit', dueDate }, alice),
    );
    await ok(api.post('RecordMitigationProgress', { riskId, note: 'audit requested' }, alice));
    await api.stop();

    const file = join(api.dataDir, 'events.sqlite');
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.close();
    copyFileSync(file, join(__dirname, '../../libs/event-store/src/test-support/fixtures/v1-log.sqlite'));
    api.removeData();
  });
});
