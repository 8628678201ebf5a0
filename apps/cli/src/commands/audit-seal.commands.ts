import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  CommandDispatcher,
  engineConfigFromEnv,
  ReferenceListCache,
  sealAndRecord,
  SEALS_DIRECTORY,
  StreamCommandExecutor,
  systemClock,
} from '@dd/engine';
import {
  checkSealFile,
  generateSealKeyPair,
  loadPublicKey,
  loadSealKey,
  SealError,
  verifyLog,
  verifyLogFromSeal,
  type BrokenLink,
  type CheckedSeal,
  type EventStore,
  type LogVerification,
} from '@dd/event-store';
import { cliActor } from '../cli-actor';

type WithStore = <T>(work: (store: EventStore) => Promise<T>) => Promise<T>;

/** Exit codes: 0 everything holds; 1 the log or the seal does not; 2 the command could not run (options, key). */
const BROKEN = 1;
const UNUSABLE = 2;

function fail(code: number, message: string): void {
  console.error(message);
  process.exitCode = code;
}

/**
 * `audit verify [--seal <file> [--public-key <pem> | --key-fingerprint <SHA256:…>]]`: every chain, the
 * store's records, and, given a seal, that everything up to its head is still there, unchanged.
 */
export function verifyCommand(audit: Command, withStore: WithStore): void {
  audit
    .command('verify')
    .description(
      "recompute every hash chain and check the store's records against the log; with --seal, also prove that everything up to the sealed head is unchanged. Exits 1 and names the first broken place if anything is broken",
    )
    .option('--seal <file>', 'a seal file (audit seal) kept outside the system')
    .option(
      '--from-seal [file]',
      'verify only what follows a seal (default: the newest in <data dir>/seals): its head must still be there, unchanged, and every event after it is checked in full; the events it covers are not walked again',
    )
    .option('--public-key <file>', 'pin the seal to this Ed25519 public key (PEM): a seal signed by any other key is rejected')
    .option('--key-fingerprint <fingerprint>', 'pin the seal to the key with this fingerprint (SHA256:…), as printed by audit keygen')
    .action(async (options: { seal?: string; fromSeal?: string | true; publicKey?: string; keyFingerprint?: string }) => {
      if (options.seal && options.fromSeal)
        return fail(UNUSABLE, 'error: --seal verifies the whole log against a seal, --from-seal only what follows one: give one of them');
      if ((options.publicKey || options.keyFingerprint) && !options.seal && !options.fromSeal)
        return fail(UNUSABLE, 'error: --public-key and --key-fingerprint pin the key of a --seal or --from-seal file; give the seal');
      if (options.publicKey && options.keyFingerprint)
        return fail(UNUSABLE, 'error: pin the seal key with --public-key or with --key-fingerprint, not both');
      let sealFile = options.seal;
      if (options.fromSeal === true) {
        const newest = newestSealFile(engineConfigFromEnv().dataDir);
        if (!newest)
          return fail(UNUSABLE, `error: no seal in ${join(engineConfigFromEnv().dataDir, SEALS_DIRECTORY)}; name one: --from-seal <file>`);
        sealFile = newest;
      } else if (options.fromSeal) {
        sealFile = options.fromSeal;
      }
      let checked: CheckedSeal | undefined;
      if (sealFile) {
        try {
          const pin = options.publicKey
            ? { publicKey: loadPublicKey(options.publicKey) }
            : options.keyFingerprint
              ? { fingerprint: options.keyFingerprint }
              : {};
          checked = checkSealFile(sealFile, pin);
        } catch (error) {
          if (error instanceof SealError) return fail(BROKEN, `SEAL REJECTED: ${error.message}`);
          throw error;
        }
        const { statement } = checked.seal;
        console.log(
          `seal: ${sealFile}, sealed at ${statement.sealedAt}, head at position ${statement.head.position} (hash ${statement.head.hash})\n` +
            `  signed by key ${checked.fingerprint} ${checked.pinned ? '(the pinned key)' : "(not pinned: pass --public-key or --key-fingerprint to require the auditor's copy of the key)"}`,
        );
      }
      const seal = checked?.head;
      const result = await withStore((store) =>
        options.fromSeal && seal ? verifyLogFromSeal(store, seal) : verifyLog(store, seal ? { seal } : {}),
      );
      if (result.firstBrokenLink) return fail(BROKEN, describeBroken(result.firstBrokenLink));
      console.log(result.fromSeal ? describeIntactSince(result) : describeIntact(result, checked));
    });
}

/** The seal with the highest head in the data directory's seals folder (file names sort by position). */
function newestSealFile(dataDir: string): string | undefined {
  const directory = join(dataDir, SEALS_DIRECTORY);
  if (!existsSync(directory)) return undefined;
  const seals = readdirSync(directory)
    .filter((name) => /^log-seal-\d{12}-.+\.json$/.test(name))
    .sort();
  return seals.length ? join(directory, seals[seals.length - 1]) : undefined;
}

function describeIntactSince(result: LogVerification): string {
  const from = result.fromSeal!.position;
  const head = result.head;
  return [
    `ok: the sealed head (position ${from}) is there, unchanged; the ${result.events} events after it verify (hash chains, the store's records of the streams they wrote and of the log head)`,
    ...(head ? [`  head: position ${head.globalPosition}, hash ${head.hash}, recorded at ${head.recordedAt}`] : []),
    `  log digest up to the head: ${result.logDigest}`,
    `  not re-checked: the events before the sealed head (an edit there that was not re-hashed through the head is found only by a full audit verify), the records of streams not written since, recorded_at before the head`,
  ].join('\n');
}

/** `audit keygen` and `audit seal`. */
export function registerSealCommands(audit: Command, withStore: WithStore): void {
  audit
    .command('keygen')
    .description('make an Ed25519 key pair for sealing the log (the private key is DD_SEAL_KEY_FILE; the public key goes to the auditor)')
    .requiredOption('--private-key <file>', 'where to write the private key (PEM, readable by its owner only)')
    .requiredOption('--public-key <file>', 'where to write the public key (PEM)')
    .action((options: { privateKey: string; publicKey: string }) => {
      for (const file of [options.privateKey, options.publicKey]) {
        if (existsSync(file)) return fail(UNUSABLE, `error: ${file} exists; keys are never overwritten`);
      }
      const pair = generateSealKeyPair();
      writeFileSync(options.privateKey, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
      writeFileSync(options.publicKey, pair.publicKeyPem, { mode: 0o644, flag: 'wx' });
      console.log(
        `key fingerprint ${pair.fingerprint}\n` +
          `  private key: ${resolve(options.privateKey)} (set DD_SEAL_KEY_FILE to it; keep it from anyone who can write the data directory)\n` +
          `  public key:  ${resolve(options.publicKey)} (give it to the auditor, who verifies with --public-key or --key-fingerprint)`,
      );
    });

  audit
    .command('seal')
    .description(
      'verify the log, sign a statement of its head (position, hash, digest, time) with DD_SEAL_KEY_FILE, write it to <data dir>/seals and record LogSealed; exits 1 without sealing if the log does not verify',
    )
    .option('--out <file>', 'also write the seal here (for the auditor to keep outside the system)')
    .action(async (options: { out?: string }) => {
      const config = engineConfigFromEnv();
      const keyFile = config.seal?.keyFile;
      if (!keyFile)
        return fail(UNUSABLE, 'error: set DD_SEAL_KEY_FILE to the Ed25519 private key seals are signed with (audit keygen makes one)');
      let key;
      try {
        key = loadSealKey(keyFile);
      } catch (error) {
        if (error instanceof SealError) return fail(UNUSABLE, `error: ${error.message}`);
        throw error;
      }
      try {
        const outcome = await withStore((store) =>
          sealAndRecord(
            store,
            new CommandDispatcher(new StreamCommandExecutor(store, systemClock), new ReferenceListCache(store), store),
            key,
            config.dataDir,
            cliActor(),
          ),
        );
        if (options.out) copyFileSync(outcome.file, options.out);
        const { statement, signature } = outcome.seal;
        console.log(
          `sealed: ${statement.events} events, head at position ${statement.head.position} (hash ${statement.head.hash}), at ${statement.sealedAt}\n` +
            `  key fingerprint ${signature.keyFingerprint}\n` +
            `  seal file: ${outcome.file}${options.out ? `\n  copy:      ${resolve(options.out)}` : ''}\n` +
            `  keep a copy outside the system; verify with: audit verify --seal <file> --key-fingerprint ${signature.keyFingerprint}`,
        );
      } catch (error) {
        if (error instanceof SealError) return fail(BROKEN, `NOT SEALED: ${error.message}`);
        throw error;
      }
    });
}

export function describeBroken(link: BrokenLink): string {
  const where = `${link.streamId || '(log)'}${link.streamVersion >= 0 ? ` version ${link.streamVersion}` : ''} (global position ${link.globalPosition})`;
  return `BROKEN: ${where}: ${link.reason}\n  expected ${link.expected}\n  found    ${link.actual}`;
}

function describeIntact(result: LogVerification, checked: CheckedSeal | undefined): string {
  const lines = [`ok: ${result.events} events in ${result.streams} streams, every hash chain intact`];
  const { streamChained, logChained, firstLogChained } = result.formats;
  if (logChained > 0 && streamChained > 0) {
    lines.push(
      `  positions ${firstLogChained}-${result.head!.globalPosition} are log-chained; the ${streamChained} events before them are stream-chained (written before the log-wide chain, or by KurrentDB): their order across streams is covered only by a seal`,
    );
  } else if (streamChained > 0) {
    lines.push(
      '  every event is stream-chained (written before the log-wide chain, or by KurrentDB): the order of events across streams is covered only by a seal',
    );
  }
  if (result.bookkeepingChecked)
    lines.push("  the store's records (each stream's version and last hash, the log head, recorded_at) agree with the events");
  if (result.head)
    lines.push(`  head: position ${result.head.globalPosition}, hash ${result.head.hash}, recorded at ${result.head.recordedAt}`);
  if (checked) {
    const after =
      result.head && result.head.globalPosition > checked.head.position
        ? `; the events after it (to position ${result.head.globalPosition}) are verified by their chains only`
        : '';
    lines.push(`  everything up to the sealed head (position ${checked.head.position}) is there, unchanged${after}`);
  } else {
    lines.push(
      "  not checked against a seal: the newest events deleted together with the store's records of them, or the log rewritten and re-hashed from an event to its end, would look intact. Keep seals (audit seal) outside the system and verify with --seal.",
    );
  }
  return lines.join('\n');
}
