import { z } from 'zod';
import type { EventSchemasByType, EventsOf } from '../shared/event-family';

/** The stream the engine records its seals of the log on (one stream for the whole log). */
export const LOG_SEAL_STREAM = 'log-seals';

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');

/** What a seal states: the head it vouches for, with which key, and where the file went. */
const sealFields = {
  /** Global position of the last event sealed (the seal's head); 0 for an empty log. */
  position: z.number().int().min(0),
  /** Its hash. */
  hash: Sha256Hex,
  /** Digest over every event up to the head (what the seal pins). */
  logDigest: Sha256Hex,
  events: z.number().int().min(0),
  sealedAt: z.iso.datetime(),
  /** SHA256:… fingerprint of the Ed25519 key that signed the seal. */
  keyFingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'expected SHA256:<43 base64 characters>'),
  /** The seal file's name in <data dir>/seals. */
  file: z.string().min(1).max(255),
};

/** The engine's command to record a seal it has just written. */
export const RecordLogSeal = z.object(sealFields).strict();
export type RecordLogSeal = z.infer<typeof RecordLogSeal>;

/**
 * The engine sealed the log: it verified every event and signed a statement of the head (a seal file
 * in the data directory, and one an auditor keeps elsewhere). The event says which head, with which
 * key, and where the file went; it is the trail's answer to "since when is the log vouched for".
 */
export const LogSealed = z.object(sealFields).strict();
export type LogSealed = z.infer<typeof LogSealed>;

/** The events of the log-seal stream, by type: the event catalogue and the LogSealEvent union are derived from it. */
export const logSealEventSchemas = { LogSealed } satisfies EventSchemasByType;
export type LogSealEvent = EventsOf<typeof logSealEventSchemas>;
