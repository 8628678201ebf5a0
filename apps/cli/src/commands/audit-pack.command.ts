import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { Period } from '@dd/domain';
import { assembleEvidencePack, engineConfigFromEnv, originalsStoreFor } from '@dd/engine';
import { loadSealKey, SealError, type EventStore, type SealKey } from '@dd/event-store';
import { cliActor } from '../cli-actor';

type WithStore = <T>(work: (store: EventStore) => Promise<T>) => Promise<T>;

/** Exit codes as for audit verify: 0 everything holds; 1 the log or a kept file does not (the pack is written all the same); 2 could not run. */
const BROKEN = 1;
const UNUSABLE = 2;

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
      const result = await withStore((store) =>
        assembleEvidencePack({
          period: options.period,
          out,
          store,
          dataDir: config.dataDir,
          originals: originalsStoreFor(config),
          ...(key ? { key } : {}),
          actor: cliActor(),
        }),
      );

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
