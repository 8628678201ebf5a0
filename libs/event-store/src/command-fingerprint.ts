import { hash } from 'node:crypto';
import { IdempotencyKeyReusedError } from './errors';
import { canonicalJson } from './hash-chain';

/**
 * What a command was, in 64 hex digits: SHA-256 of its name and the canonical JSON of its validated
 * data. Stored with the commandId, it tells a retry (same key, same command: the first result again)
 * from a misused key (same key, another command or body: refused). Who sent it and when are not part of
 * it: a process manager re-deriving a command from the same cause gets the same fingerprint.
 */
export function commandFingerprint(name: string, data: unknown): string {
  return hash('sha256', `${name}\n${canonicalJson(data === undefined ? null : data)}`, 'hex');
}

/**
 * Throws IdempotencyKeyReusedError when both fingerprints are known and differ. A command recorded
 * before fingerprints existed (null), or an append that states none, is judged by its commandId alone.
 */
export function assertSameCommand(
  commandId: string,
  streamId: string,
  recorded: string | null | undefined,
  given: string | undefined,
): void {
  if (recorded && given && recorded !== given) throw new IdempotencyKeyReusedError(commandId, streamId);
}
