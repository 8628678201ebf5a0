import { sign } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { canonicalJson, SealError, verifyLog, type EventStore, type LogVerification, type SealKey } from '@dd/event-store';
import { writeEvidencePack, type EvidencePackManifest, type FoundFile, type PackedEvent, type PackSeal } from '@dd/reports';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { ReferenceListCache } from '../commands/reference-list.cache';
import { StreamCommandExecutor } from '../commands/stream-command-executor';
import { sha256Hex } from '../cmrt/cmrt-file';
import { OriginalAltered, type OriginalsStore } from '../originals/originals-store';
import { systemClock } from '../tokens';
import { REPORTS_DIRECTORY } from '../reports/risk-reports.service';
import { sealAndRecord } from './log-sealer';

const PAGE = 1000;

export interface EvidencePackAssembly {
  period: number;
  /** The zip's path: written to `<out>.partial`, then renamed; nothing is left there on failure. */
  out: string;
  store: EventStore;
  dataDir: string;
  originals: OriginalsStore;
  /** Given a key, the head is sealed first (recording LogSealed as `actor`); without one the log is only verified. */
  key?: SealKey;
  actor: string;
  /** Records LogSealed; without one, a dispatcher over the store is made (the CLI, which has no engine running). */
  dispatcher?: CommandDispatcher;
}

/**
 * The auditor's evidence pack of a period (see writeEvidencePack), as `audit pack` and
 * GET /reports/evidence-pack make it: seals the head when there is a key, else verifies the log;
 * everything in the pack is as of that head. Written aside and renamed: whole or not at all.
 */
export async function assembleEvidencePack(assembly: EvidencePackAssembly): Promise<EvidencePackManifest> {
  const { store, key, out } = assembly;
  const reports = new ReportShelf(join(assembly.dataDir, REPORTS_DIRECTORY));
  const { verification, seal } = await sealOrVerify(assembly);
  const headPosition = verification.head?.globalPosition ?? 0;
  const partial = `${out}.partial`;
  const fd = openSync(partial, 'w');
  let open = true;
  try {
    const manifest = await writeEvidencePack({
      period: assembly.period,
      head: { position: headPosition, hash: verification.head?.hash ?? null, recordedAt: verification.head?.recordedAt ?? null },
      events: () => eventsUpTo(store, headPosition),
      findFile: async (sha256) => (await originalFile(assembly.originals, sha256)) ?? reports.find(sha256),
      verification: { intact: verification.firstBrokenLink === null, result: verification },
      seal,
      ...(key && seal.sealed ? { signSums: (sums: Uint8Array) => new Uint8Array(sign(null, sums, key.privateKey)) } : {}),
      sink: (chunk) => void writeSync(fd, chunk),
    });
    fsyncSync(fd);
    closeSync(fd);
    open = false;
    renameSync(partial, out);
    return manifest;
  } catch (error) {
    if (open) closeSync(fd);
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Seals the head when there is a key (the seal's verification is the pack's); else only verifies. */
async function sealOrVerify({
  store,
  key,
  dataDir,
  actor,
  dispatcher,
}: EvidencePackAssembly): Promise<{ verification: LogVerification; seal: PackSeal }> {
  if (!key) {
    return {
      verification: await verifyLog(store),
      seal: { sealed: false, reason: 'no seal key is configured (DD_SEAL_KEY_FILE; `audit keygen` makes one)' },
    };
  }
  try {
    const commands =
      dispatcher ?? new CommandDispatcher(new StreamCommandExecutor(store, systemClock), new ReferenceListCache(store), store);
    const outcome = await sealAndRecord(store, commands, key, dataDir, actor);
    const { statement, signature } = outcome.seal;
    return {
      verification: outcome.verification,
      seal: {
        sealed: true,
        sealFile: readFileSync(outcome.file, 'utf8'),
        statement: Buffer.from(canonicalJson(statement), 'utf8'),
        signature: Buffer.from(signature.value, 'base64'),
        publicKeyPem: key.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        keyFingerprint: signature.keyFingerprint,
        headPosition: statement.head.position,
        sealedAt: statement.sealedAt,
        recordedEventId: outcome.recorded.eventIds[0] ?? null,
      },
    };
  } catch (error) {
    if (!(error instanceof SealError)) throw error;
    return { verification: await verifyLog(store), seal: { sealed: false, reason: `the log does not verify, so it was not sealed` } };
  }
}

/** The log from the start up to the head, page by page. */
async function* eventsUpTo(store: EventStore, head: number): AsyncIterable<PackedEvent> {
  let after = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    for (const event of page) {
      if (event.globalPosition > head) return;
      yield event;
    }
    if (page.length < PAGE) return;
    after = page[page.length - 1].globalPosition;
  }
}

async function originalFile(originals: OriginalsStore, sha256: string): Promise<FoundFile | null> {
  try {
    const file = await originals.get(sha256);
    return file ? { shelf: 'originals', extension: file.extension, bytes: file.bytes } : null;
  } catch (error) {
    if (error instanceof OriginalAltered) return { shelf: 'originals', altered: error.message };
    throw error;
  }
}

/**
 * The issued reports' folder, read tolerantly: any file under it (at any depth) whose name holds a
 * SHA-256 is that report, checked against the hash when read. An absent folder keeps nothing.
 */
class ReportShelf {
  private index?: Map<string, string>;

  constructor(private readonly root: string) {}

  async find(sha256: string): Promise<FoundFile | null> {
    const path = this.files().get(sha256);
    if (!path) return null;
    const bytes = new Uint8Array(readFileSync(path));
    const actual = sha256Hex(bytes);
    if (actual !== sha256) return { shelf: 'reports', altered: `${path} now hashes to ${actual}` };
    const extension = /\.([A-Za-z0-9]{1,8})$/.exec(basename(path))?.[1].toLowerCase() ?? 'bin';
    return { shelf: 'reports', extension, bytes };
  }

  private files(): Map<string, string> {
    if (this.index) return this.index;
    this.index = new Map();
    const walk = (folder: string) => {
      let entries;
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.isFile() && !entry.name.startsWith('.')) {
          const sha256 = /[0-9a-f]{64}/.exec(entry.name)?.[0];
          if (sha256 && !this.index!.has(sha256)) this.index!.set(sha256, path);
        }
      }
    };
    walk(this.root);
    return this.index;
  }
}
