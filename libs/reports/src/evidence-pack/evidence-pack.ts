import { fileReferences, type FileReference } from './file-references';
import { PackZip, type PackEntry } from './pack-zip';
import { packReadme } from './pack-readme';
import { PERIOD_SCOPE_TEXT, PeriodScope } from './period-scope';

/** An event as the log holds it (a RecordedEvent fits); written to events.jsonl as it is. */
export interface PackedEvent {
  type: string;
  streamId: string;
  globalPosition: number;
  data: unknown;
  metadata: { eventId: string };
}

/** Where a referenced file was found: a supplier's original, or an issued report. */
export type FileShelf = 'originals' | 'reports';

export type FoundFile =
  | { shelf: FileShelf; extension: string; bytes: Uint8Array }
  /** Kept, but its bytes no longer hash to its name. */
  | { shelf: FileShelf; altered: string };

/** The seal of the head the pack was made at (audit seal), or why there is none. */
export type PackSeal =
  | {
      sealed: true;
      /** The seal file as `audit seal` writes it (statement and signature). */
      sealFile: string;
      /** The exact bytes the signature is over: the statement's canonical JSON. */
      statement: Uint8Array;
      /** The raw Ed25519 signature (64 bytes). */
      signature: Uint8Array;
      publicKeyPem: string;
      keyFingerprint: string;
      headPosition: number;
      sealedAt: string;
      /** The LogSealed event recording it (after the head: not among the pack's events). */
      recordedEventId: string | null;
    }
  | { sealed: false; reason: string };

export interface EvidencePackInput {
  period: number;
  /** The head everything in the pack is as of: the verified (and sealed) head of the log. */
  head: { position: number; hash: string | null; recordedAt: string | null };
  /** The log from the start up to the head, in global order; called twice (scope, then writing). */
  events: () => AsyncIterable<PackedEvent>;
  /** A file by SHA-256 from the folders that keep them; null when none keeps it. */
  findFile: (sha256: string) => Promise<FoundFile | null>;
  /** The `audit verify` result of the log, as JSON, and whether it held. */
  verification: { intact: boolean; result: unknown };
  seal: PackSeal;
  /** Signs the SHA256SUMS with the seal's key (Ed25519, raw signature), when there is one. */
  signSums?: (sums: Uint8Array) => Uint8Array;
  /** Receives the zip's bytes in order. */
  sink: (chunk: Uint8Array) => void;
}

export interface FileReferenceAt extends FileReference {
  eventId: string;
  position: number;
  type: string;
  streamId: string;
}

export interface PackedFile {
  path: string;
  sha256: string;
  size: number;
  referencedBy: FileReferenceAt[];
}

export interface EvidencePackManifest {
  kind: 'dd-evidence-pack';
  version: 1;
  period: number;
  scope: string;
  head: EvidencePackInput['head'];
  events: { path: string; count: number; streams: number; firstPosition: number | null; lastPosition: number | null };
  originals: PackedFile[];
  reports: PackedFile[];
  /** Files events name by SHA-256 that no folder keeps (recorded before originals were kept; lists imported as data). */
  notKept: Array<{ sha256: string; referencedBy: FileReferenceAt[] }>;
  /** Files kept whose bytes no longer hash to their name: left out of the pack. */
  altered: Array<{ sha256: string; shelf: FileShelf; detail: string; referencedBy: FileReferenceAt[] }>;
  verify: { path: string; intact: boolean };
  seal:
    | { sealed: true; path: string; keyFingerprint: string; headPosition: number; sealedAt: string; recordedEventId: string | null }
    | { sealed: false; reason: string };
  sums: { path: string; signature: string | null };
}

export const EVENTS_PATH = 'events.jsonl';
export const SUMS_PATH = 'SHA256SUMS';

/**
 * Writes an auditor's evidence pack for a period: one folder `evidence-pack-<period>/` holding
 * README.txt (how to check it with standard tools), events.jsonl (the period's events, PeriodScope),
 * the originals and issued reports those events name by SHA-256, audit-verify.json, the seal of the
 * head (seal/), MANIFEST.json and SHA256SUMS (every other file's SHA-256, `sha256sum -c` format),
 * signed as SHA256SUMS.sig when there is a seal key. Returns the manifest.
 */
export async function writeEvidencePack(input: EvidencePackInput): Promise<EvidencePackManifest> {
  const { period } = input;
  const scope = new PeriodScope();
  for await (const event of input.events()) scope.observe(event);

  const references = new Map<string, FileReferenceAt[]>();
  const zip = new PackZip(`evidence-pack-${period}`, new Date(input.head.recordedAt ?? 0), input.sink);
  zip.add(
    'README.txt',
    packReadme({ period, head: input.head, seal: input.seal, signedSums: Boolean(input.signSums && input.seal.sealed) }),
  );

  const events = zip.stream(EVENTS_PATH);
  const streams = new Set<string>();
  let count = 0;
  let firstPosition: number | null = null;
  let lastPosition: number | null = null;
  for await (const event of input.events()) {
    if (!scope.belongsTo(event, period)) continue;
    events.write(`${JSON.stringify(event)}\n`);
    count++;
    streams.add(event.streamId);
    firstPosition ??= event.globalPosition;
    lastPosition = event.globalPosition;
    for (const reference of fileReferences(event.data)) {
      const at = {
        ...reference,
        eventId: event.metadata.eventId,
        position: event.globalPosition,
        type: event.type,
        streamId: event.streamId,
      };
      references.set(reference.sha256, [...(references.get(reference.sha256) ?? []), at]);
    }
  }
  events.end();

  const manifest: EvidencePackManifest = {
    kind: 'dd-evidence-pack',
    version: 1,
    period,
    scope: PERIOD_SCOPE_TEXT,
    head: input.head,
    events: { path: EVENTS_PATH, count, streams: streams.size, firstPosition, lastPosition },
    originals: [],
    reports: [],
    notKept: [],
    altered: [],
    verify: { path: 'audit-verify.json', intact: input.verification.intact },
    seal: input.seal.sealed
      ? {
          sealed: true,
          path: 'seal/log-seal.json',
          keyFingerprint: input.seal.keyFingerprint,
          headPosition: input.seal.headPosition,
          sealedAt: input.seal.sealedAt,
          recordedEventId: input.seal.recordedEventId,
        }
      : { sealed: false, reason: input.seal.reason },
    sums: { path: SUMS_PATH, signature: null },
  };

  // By hash, so the order does not depend on the order they were named in; one file in memory at a time.
  for (const sha256 of [...references.keys()].sort()) {
    const referencedBy = references.get(sha256)!;
    const file = await input.findFile(sha256);
    if (!file) manifest.notKept.push({ sha256, referencedBy });
    else if ('altered' in file) manifest.altered.push({ sha256, shelf: file.shelf, detail: file.altered, referencedBy });
    else {
      // Workbooks and PDFs are compressed already; text reports deflate well.
      const compress = !['xlsx', 'xlsm', 'zip', 'pdf', 'png'].includes(file.extension);
      const entry: PackEntry = zip.add(`${file.shelf}/${sha256}.${file.extension}`, file.bytes, { compress });
      manifest[file.shelf].push({ path: entry.path, sha256, size: entry.size, referencedBy });
    }
  }

  zip.add(manifest.verify.path, `${JSON.stringify(input.verification.result, null, 2)}\n`);
  if (input.seal.sealed) {
    zip.add('seal/log-seal.json', input.seal.sealFile);
    zip.add('seal/statement.json', input.seal.statement);
    zip.add('seal/signature.bin', input.seal.signature);
    zip.add('seal/public-key.pem', input.seal.publicKeyPem);
  }
  const signSums = input.seal.sealed ? input.signSums : undefined;
  if (signSums) manifest.sums.signature = `${SUMS_PATH}.sig`;
  zip.add('MANIFEST.json', `${JSON.stringify(manifest, null, 2)}\n`);
  const sums = Buffer.from(zip.sha256sums(), 'utf8');
  zip.add(SUMS_PATH, sums);
  if (signSums) zip.add(`${SUMS_PATH}.sig`, signSums(sums));
  zip.end();
  return manifest;
}
