import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSealFile, generateSealKeyPair, loadPublicKey, loadSealKey, sealFileName, sealLog } from './log-seal';
import { MemoryEventStore } from './memory/memory-event-store';

describe('log seals', () => {
  let directory: string;
  let keyFile: string;
  let publicKeyFile: string;
  let fingerprint: string;
  let sealFile: string;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'dd-seal-'));
    const pair = generateSealKeyPair();
    keyFile = join(directory, 'seal.key');
    publicKeyFile = join(directory, 'seal.pub');
    writeFileSync(keyFile, pair.privateKeyPem);
    writeFileSync(publicKeyFile, pair.publicKeyPem);
    fingerprint = pair.fingerprint;

    const store = new MemoryEventStore();
    await store.appendToStream('supplier-1', [{ type: 'SupplierRegistered', data: { name: 'Acme' } }], { commandId: 'c1', actor: 'alice' });
    const { seal } = await sealLog(store, loadSealKey(keyFile), new Date('2030-05-01T12:00:00.000Z'));
    sealFile = join(directory, sealFileName(seal.statement));
    writeFileSync(sealFile, JSON.stringify(seal, null, 2));
  });

  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('states the head, signed by the key whose fingerprint it names, in a file named by position and time', () => {
    expect(sealFile).toMatch(/log-seal-000000000001-2030-05-01T12-00-00-000Z\.json$/);
    expect(fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const checked = checkSealFile(sealFile, { publicKey: loadPublicKey(publicKeyFile) });
    expect(checked).toMatchObject({ fingerprint, pinned: true, head: { position: 1 } });
    expect(checked.seal.statement).toMatchObject({
      kind: 'dd-log-seal',
      version: 1,
      store: 'memory',
      events: 1,
      sealedAt: '2030-05-01T12:00:00.000Z',
    });
    expect(checkSealFile(sealFile, { fingerprint })).toMatchObject({ pinned: true });
    expect(checkSealFile(sealFile)).toMatchObject({ pinned: false });
  });

  it('refuses a seal whose statement was altered after signing', () => {
    const seal = JSON.parse(readFileSync(sealFile, 'utf8'));
    seal.statement.head.position = 0;
    writeFileSync(sealFile, JSON.stringify(seal));
    expect(() => checkSealFile(sealFile)).toThrow(/the signature does not match the statement/);
  });

  it('refuses a seal signed by another key when the auditor pinned theirs', async () => {
    const other = generateSealKeyPair();
    const otherKeyFile = join(directory, 'other.key');
    writeFileSync(otherKeyFile, other.privateKeyPem);
    const { seal: forged } = await sealLog(new MemoryEventStore(), loadSealKey(otherKeyFile));
    writeFileSync(sealFile, JSON.stringify(forged));
    expect(checkSealFile(sealFile)).toMatchObject({ fingerprint: other.fingerprint, pinned: false });
    expect(() => checkSealFile(sealFile, { fingerprint })).toThrow(
      `was signed by key ${other.fingerprint}, not by the pinned key ${fingerprint}`,
    );
  });

  it('names the fields of a file that is not a seal', () => {
    writeFileSync(sealFile, JSON.stringify({ statement: { kind: 'something-else' }, signature: {} }));
    expect(() => checkSealFile(sealFile)).toThrow(/statement\.kind: .*; .*signature\.algorithm/);
  });

  it('wants an Ed25519 private key to seal with', () => {
    const rsaFile = join(directory, 'rsa.key');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    writeFileSync(rsaFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => loadSealKey(rsaFile)).toThrow(`seal key ${rsaFile}: an Ed25519 key is needed, this is rsa`);
    expect(() => loadSealKey(join(directory, 'missing.key'))).toThrow(/not a readable PEM private key/);
  });
});
