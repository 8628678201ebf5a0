import type { EvidencePackInput, PackSeal } from './evidence-pack';
import { PERIOD_SCOPE_TEXT } from './period-scope';

export interface PackReadmeFacts {
  period: number;
  head: EvidencePackInput['head'];
  seal: PackSeal;
  signedSums: boolean;
}

/** README.txt of the pack: what is in it and how a third party checks it with standard tools only. */
export function packReadme({ period, head, seal, signedSums }: PackReadmeFacts): string {
  const folder = `evidence-pack-${period}`;
  const title = `Evidence pack for the reporting period ${period}`;
  const lines = [
    title,
    '='.repeat(title.length),
    '',
    `Made from the event log as it stood at global position ${head.position}` +
      (head.hash ? ` (event hash ${head.hash}, recorded at ${head.recordedAt})` : ' (an empty log)') +
      '.',
    '',
    'What is in it',
    '-------------',
    '  README.txt          this file',
    "  events.jsonl        the period's events, one JSON object a line, in log order, each with its",
    '                      metadata (event id, actor, times, hash and previous hash)',
    '  originals/          the files suppliers sent, byte for byte as received, each named',
    '                      <sha256>.<extension> after the SHA-256 of its own bytes; the events name',
    '                      them (ResponseRecorded data.source.sha256)',
    '  reports/            the reports issued for the period (events named ...Issued with a sha256),',
    '                      named the same way, when the system kept their files',
    '  audit-verify.json   the result of `audit verify` over the whole log when the pack was made',
    '  seal/               the signed seal of the log head (see below), when a seal key is set up',
    '  MANIFEST.json       the period, the head, which event names which file, files named but not',
    '                      kept, the verify result and the seal',
    '  SHA256SUMS          the SHA-256 of every file above',
    ...(signedSums ? ['  SHA256SUMS.sig      an Ed25519 signature over SHA256SUMS, by the key that signed the seal'] : []),
    '',
    ...wrapped(`"The period's events" are ${PERIOD_SCOPE_TEXT}.`),
    '',
    '1. Every file is intact (unzip, sha256sum: GNU coreutils; on macOS use `shasum -a 256 -c`)',
    '-----------------------------------------------------------------------------------------',
    '  unzip <this pack>.zip',
    `  cd ${folder}`,
    '  sha256sum -c SHA256SUMS',
    '',
    'Every line must end in "OK"; the command exits 0 only then. An original is the file its',
    'event names when its name, its line in SHA256SUMS and the event agree:',
    '  sha256sum originals/*           # each file hashes to its own name',
    '  grep -c <sha256> events.jsonl   # and an event names that hash',
    '',
    '2. The seal and the manifest are genuine (openssl 3)',
    '----------------------------------------------------',
  ];
  if (seal.sealed) {
    lines.push(
      `The seal says: at ${seal.sealedAt} the log's head was position ${seal.headPosition}; the digest of every`,
      'event up to it is in seal/statement.json. It is signed with Ed25519 by the key with the fingerprint',
      `  ${seal.keyFingerprint}`,
      'Compare this fingerprint with the one the company gave you outside this pack (audit keygen prints it),',
      'then check that the public key in the pack is that key, and that it signed the statement:',
      '  openssl pkey -pubin -in seal/public-key.pem -outform DER | openssl dgst -sha256 -binary | openssl base64',
      '    (prints the fingerprint after "SHA256:", with a trailing "=")',
      '  openssl pkeyutl -verify -pubin -inkey seal/public-key.pem -rawin -in seal/statement.json -sigfile seal/signature.bin',
      '    (prints "Signature Verified Successfully")',
    );
    if (signedSums) {
      lines.push(
        'The same key signed SHA256SUMS, which ties every file of the pack to the seal:',
        '  openssl pkeyutl -verify -pubin -inkey seal/public-key.pem -rawin -in SHA256SUMS -sigfile SHA256SUMS.sig',
      );
    }
    lines.push(
      '',
      'seal/log-seal.json is the same seal as the system keeps it; with access to the system,',
      '`npm run cli -- audit verify --seal seal/log-seal.json --key-fingerprint <fingerprint>` proves that',
      'every event up to the sealed head is still in the log, unchanged.',
    );
  } else {
    lines.push(`This pack is not sealed: ${seal.reason}.`, 'SHA256SUMS shows the files agree with each other, not who made them.');
  }
  lines.push(
    '',
    'What a check does not show',
    '--------------------------',
    'SHA256SUMS alone shows the files were not changed or damaged after it was written, not who',
    'wrote it: that is what the signature is for. The seal covers the whole log up to its head, of',
    "which events.jsonl holds the period's part; its digest is over every event, so it is rechecked",
    'against the system (audit verify --seal), not against events.jsonl alone.',
    '',
  );
  return lines.join('\n');
}

/** A paragraph as lines of at most `width` characters (a long word stays whole). */
function wrapped(text: string, width = 96): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
