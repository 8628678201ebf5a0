import { createPrivateKey, createPublicKey, generateKeyPairSync, hash as digest, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { EventStore } from './event-store.port';
import { canonicalJson } from './hash-chain';
import { verifyLog, type LogVerification, type SealedHead } from './verify-log';

/**
 * A seal is a signed statement of the log's head: "at sealedAt the log held `events` events, the last
 * at `position` with `hash`, and the digest of all of them was `logDigest`". Kept outside the system
 * (by an auditor, in another account), it turns what a log cannot prove about itself into something
 * checkable: that nothing up to the head was deleted, reordered or rewritten since, even with every
 * hash after the change recomputed. Signed with Ed25519 (node:crypto), so the one holding the private
 * key is the one who could have made it; the public key travels in the file and is pinned by its
 * fingerprint.
 */
export interface LogSealStatement {
  kind: 'dd-log-seal';
  version: 1;
  store: EventStore['kind'];
  head: {
    /** Global position of the last event; 0 for an empty log. */
    position: number;
    /** Its hash; 64 zeros for an empty log. */
    hash: string;
    /** Its hashed recordedAt (null for an empty log). */
    recordedAt: string | null;
    streamId: string | null;
    streamVersion: number | null;
  };
  events: number;
  /** See nextLogDigest: pins the order and completeness of every event up to the head. */
  logDigest: string;
  sealedAt: string;
}

export interface SignedLogSeal {
  statement: LogSealStatement;
  signature: {
    algorithm: 'Ed25519';
    /** The signer's public key, SPKI DER, base64. */
    publicKey: string;
    /** SHA256:<base64 of SHA-256 over the SPKI DER>, as OpenSSH prints key fingerprints. */
    keyFingerprint: string;
    /** Ed25519 signature over the UTF-8 canonical JSON of `statement`, base64. */
    value: string;
  };
}

export interface SealKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  fingerprint: string;
}

/** The seal file, the key or the log do not hold up; the message says which and why. */
export class SealError extends Error {
  override readonly name = 'SealError';
}

export function keyFingerprint(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `SHA256:${digest('sha256', der, 'base64').replace(/=+$/, '')}`;
}

/** A new Ed25519 key pair as PEM (private: PKCS#8, public: SPKI), with the public key's fingerprint. */
export function generateSealKeyPair(): { privateKeyPem: string; publicKeyPem: string; fingerprint: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: keyFingerprint(publicKey),
  };
}

/** Reads the signing key (DD_SEAL_KEY_FILE): an Ed25519 private key in PEM. */
export function loadSealKey(file: string): SealKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(file));
  } catch (error) {
    throw new SealError(`seal key ${file}: not a readable PEM private key (${(error as Error).message})`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new SealError(`seal key ${file}: an Ed25519 key is needed, this is ${privateKey.asymmetricKeyType ?? 'not an asymmetric key'}`);
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, fingerprint: keyFingerprint(publicKey) };
}

/** Reads a public key to pin (a PEM public key, or the private key it belongs to). */
export function loadPublicKey(file: string): KeyObject {
  let text: Buffer;
  try {
    text = readFileSync(file);
  } catch (error) {
    throw new SealError(`public key ${file}: cannot be read (${(error as Error).message})`);
  }
  let key: KeyObject;
  try {
    key = createPublicKey(text);
  } catch (error) {
    throw new SealError(`public key ${file}: not a PEM public key (${(error as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new SealError(`public key ${file}: an Ed25519 key is needed, this is ${key.asymmetricKeyType}`);
  return key;
}

export function signLogSeal(statement: LogSealStatement, key: SealKey): SignedLogSeal {
  const value = sign(null, Buffer.from(canonicalJson(statement)), key.privateKey).toString('base64');
  return {
    statement,
    signature: {
      algorithm: 'Ed25519',
      publicKey: key.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      keyFingerprint: key.fingerprint,
      value,
    },
  };
}

export function sealStatement(verification: LogVerification, sealedAt: Date): LogSealStatement {
  const head = verification.head;
  return {
    kind: 'dd-log-seal',
    version: 1,
    store: verification.store,
    head: {
      position: head ? head.globalPosition : 0,
      hash: head ? head.hash : '0'.repeat(64),
      recordedAt: head ? head.recordedAt : null,
      streamId: head ? head.streamId : null,
      streamVersion: head ? head.streamVersion : null,
    },
    events: verification.events,
    logDigest: verification.logDigest,
    sealedAt: sealedAt.toISOString(),
  };
}

/**
 * Verifies the whole log and seals its head. Refuses (SealError) to seal a log that does not verify:
 * a seal vouches for what it covers.
 */
export async function sealLog(
  store: EventStore,
  key: SealKey,
  sealedAt: Date = new Date(),
): Promise<{ seal: SignedLogSeal; verification: LogVerification }> {
  const verification = await verifyLog(store);
  const broken = verification.firstBrokenLink;
  if (broken) {
    throw new SealError(
      `the log does not verify, so it is not sealed: ${broken.streamId || '(log)'} version ${broken.streamVersion} (global position ${broken.globalPosition}): ${broken.reason}`,
    );
  }
  return { seal: signLogSeal(sealStatement(verification, sealedAt), key), verification };
}

/** A name for the seal file that sorts by position: log-seal-<position>-<sealedAt>.json. */
export function sealFileName(statement: LogSealStatement): string {
  return `log-seal-${String(statement.head.position).padStart(12, '0')}-${statement.sealedAt.replace(/[:.]/g, '-')}.json`;
}

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');
const SealFile = z
  .object({
    statement: z
      .object({
        kind: z.literal('dd-log-seal'),
        version: z.literal(1),
        store: z.enum(['memory', 'sqlite', 'kurrentdb']),
        head: z
          .object({
            position: z.number().int().min(0),
            hash: Hex64,
            recordedAt: z.string().nullable(),
            streamId: z.string().nullable(),
            streamVersion: z.number().int().min(0).nullable(),
          })
          .strict(),
        events: z.number().int().min(0),
        logDigest: Hex64,
        sealedAt: z.iso.datetime(),
      })
      .strict(),
    signature: z
      .object({
        algorithm: z.literal('Ed25519'),
        publicKey: z.base64(),
        keyFingerprint: z.string().startsWith('SHA256:'),
        value: z.base64(),
      })
      .strict(),
  })
  .strict();

export interface CheckedSeal {
  seal: SignedLogSeal;
  head: SealedHead;
  /** Fingerprint of the key that signed it. */
  fingerprint: string;
  /** True when the signer's key was the pinned one; false when none was pinned. */
  pinned: boolean;
}

/**
 * Reads a seal file and checks it on its own: its shape (each field named), the signature over the
 * statement, and, if given, that the signer is the pinned key (a public key, or its fingerprint).
 * Whether the log still matches it is verifyLog's part, given the returned head.
 */
export function checkSealFile(file: string, pin: { publicKey?: KeyObject; fingerprint?: string } = {}): CheckedSeal {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SealError(`seal ${file}: not a readable JSON file (${(error as Error).message})`);
  }
  const parsed = SealFile.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new SealError(`seal ${file} is not a log seal: ${problems.join('; ')}`);
  }
  const seal = parsed.data as SignedLogSeal;
  let signer: KeyObject;
  try {
    signer = createPublicKey({ key: Buffer.from(seal.signature.publicKey, 'base64'), format: 'der', type: 'spki' });
  } catch (error) {
    throw new SealError(`seal ${file}: signature.publicKey is not a public key (${(error as Error).message})`);
  }
  if (signer.asymmetricKeyType !== 'ed25519') throw new SealError(`seal ${file}: signature.publicKey is not an Ed25519 key`);
  const fingerprint = keyFingerprint(signer);
  if (fingerprint !== seal.signature.keyFingerprint) {
    throw new SealError(
      `seal ${file}: signature.keyFingerprint ${seal.signature.keyFingerprint} is not the fingerprint of signature.publicKey (${fingerprint})`,
    );
  }
  if (!verify(null, Buffer.from(canonicalJson(seal.statement)), signer, Buffer.from(seal.signature.value, 'base64'))) {
    throw new SealError(`seal ${file}: the signature does not match the statement: the file was altered after it was signed`);
  }
  const expected = pin.publicKey ? keyFingerprint(pin.publicKey) : pin.fingerprint;
  if (expected !== undefined && expected !== fingerprint) {
    throw new SealError(`seal ${file} was signed by key ${fingerprint}, not by the pinned key ${expected}`);
  }
  const { head, logDigest } = seal.statement;
  return { seal, head: { position: head.position, hash: head.hash, logDigest }, fingerprint, pinned: expected !== undefined };
}
