import { sign } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { Period } from '@dd/domain';
import {
  CommandDispatcher,
  engineConfigFromEnv,
  OriginalAltered,
  originalsStoreFor,
  ReferenceListCache,
  sealAndRecord,
  sha256Hex,
  StreamCommandExecutor,
  systemClock,
  type OriginalsStore,
} from '@dd/engine';
import { canonicalJson, loadSealKey, SealError, verifyLog, type EventStore, type LogVerification, type SealKey } from '@dd/event-store';
import { writeEvidencePack, type FoundFile, type PackedEvent, type PackSeal } from '@dd/reports';
import { cliActor } from '../cli-actor';

type WithStore = <T>(work: (store: EventStore) => Promise<T>) => Promise<T>;

/** Issued reports are kept here by the report commands, content-addressed (their names hold the SHA-256). */
export const REPORTS_DIRECTORY = 'reports';

/** Exit codes as for audit verify: 0 everything holds; 1 the log or a kept file does not (the pack is written all the same); 2 could not run. */
const BROKEN = 1;
const UNUSABLE = 2;
const PAGE = 1000;

function fail(code: number, message: string): void {
  console.error(message);
  process.exitCode = code;
}

const asPeriod = (value: string) => {
  const parsed = Period.safeParse(Number(value));
  if (!/^\d+$/.test(value) || !parsed.success) throw new Error(`--period: expected a reporting year such as 2024, got ${value}`);
  return parsed.data;
};

/**
 * `audit pack --period <year> --out <file>`: the auditor's evidence pack (see writeEvidencePack). Seals
 * the head first when DD_SEAL_KEY_FILE is set (as `audit seal`, recording LogSealed), else verifies the
 * log; everything in the pack is as of that head. The zip is written aside and renamed: whole or not at all.
 */
export function packCommand(audit: Command, withStore: WithStore): void {
  audit
    .command('pack')
    .description(
      "the auditor's evidence pack of a period as one zip: the period's events (JSONL), the original files and issued reports they name, the verify result and a seal of the head, with SHA256SUMS and a README on checking it with unzip, sha256sum and openssl",
    )
    .requiredOption('--period <year>', 'reporting period', asPeriod)
    .requiredOption('--out <file>', 'where to write the zip, e.g. pack.zip')
    .action(async (options: { period: number; out: string }) => {
      const config = engineConfigFromEnv();
      let key: SealKey | undefined;
      if (config.seal?.keyFile) {
        try {
          key = loadSealKey(config.seal.keyFile);
        } catch (error) {
          if (error instanceof SealError) return fail(UNUSABLE, `error: ${error.message}`);
          throw error;
        }
      }
      const out = resolve(options.out);
      if (!existsSync(dirname(out))) return fail(UNUSABLE, `error: --out: no such folder ${dirname(out)}`);
      if (existsSync(out) && statSync(out).isDirectory()) return fail(UNUSABLE, `error: --out: ${out} is a folder; name the zip file`);
      const partial = `${out}.partial`;
      const originals = originalsStoreFor(config);
      const reports = new ReportShelf(join(config.dataDir, REPORTS_DIRECTORY));

      const result = await withStore(async (store) => {
        const { verification, seal } = await sealOrVerify(store, key, config.dataDir);
        const headPosition = verification.head?.globalPosition ?? 0;
        const fd = openSync(partial, 'w');
        let open = true;
        try {
          const manifest = await writeEvidencePack({
            period: options.period,
            head: { position: headPosition, hash: verification.head?.hash ?? null, recordedAt: verification.head?.recordedAt ?? null },
            events: () => eventsUpTo(store, headPosition),
            findFile: async (sha256) => (await originalFile(originals, sha256)) ?? reports.find(sha256),
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
      });

      const { events, originals: kept, reports: issued, notKept, altered } = result;
      console.log(
        `evidence pack for ${options.period}: ${out}\n` +
          `  ${events.count} events in ${events.streams} streams, as of log position ${result.head.position}\n` +
          `  ${kept.length} original file(s), ${issued.length} report(s)` +
          (notKept.length ? `; ${notKept.length} file(s) named by events are not kept (listed in MANIFEST.json notKept)` : '') +
          `\n  verify: ${result.verify.intact ? 'every hash chain intact' : 'BROKEN (see audit-verify.json)'}\n` +
          `  seal: ${result.seal.sealed ? `head at position ${result.seal.headPosition}, key ${result.seal.keyFingerprint}` : `none: ${result.seal.reason}`}\n` +
          '  check it: unzip, then sha256sum -c SHA256SUMS inside the folder (README.txt says more)',
      );
      if (!result.verify.intact) fail(BROKEN, 'BROKEN: the log does not verify; the pack holds the verify result and no seal');
      for (const file of altered)
        fail(BROKEN, `ALTERED: the kept file ${file.sha256} (${file.shelf}): ${file.detail}; left out of the pack`);
    });
}

/** Seals the head when there is a key (the seal's verification is the pack's); else only verifies. */
async function sealOrVerify(
  store: EventStore,
  key: SealKey | undefined,
  dataDir: string,
): Promise<{ verification: LogVerification; seal: PackSeal }> {
  if (!key) {
    return {
      verification: await verifyLog(store),
      seal: { sealed: false, reason: 'no seal key is configured (DD_SEAL_KEY_FILE; `audit keygen` makes one)' },
    };
  }
  try {
    const dispatcher = new CommandDispatcher(new StreamCommandExecutor(store, systemClock), new ReferenceListCache(store), store);
    const outcome = await sealAndRecord(store, dispatcher, key, dataDir, cliActor());
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
