import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { checkSealFile, SealError } from '@dd/event-store';
import { SEALS_DIRECTORY } from './log-sealer';

export const KeptSeal = z.object({
  file: z.string().describe('the seal file in <data dir>/seals'),
  headPosition: z.number().int().describe('global position of the last event the seal covers'),
  headHash: z.string().describe('that event’s hash'),
  events: z.number().int().describe('events the seal covers'),
  sealedAt: z.string().describe('when it was sealed (ISO time)'),
  keyFingerprint: z.string().describe('SHA256:… fingerprint of the key that signed it'),
});
export type KeptSeal = z.infer<typeof KeptSeal>;

export const KeptSeals = z.object({
  seals: z.array(KeptSeal).describe('newest first (highest head, then latest sealedAt)'),
  newest: KeptSeal.nullable().describe('the first of seals; null when the log was never sealed'),
  headPosition: z.number().int().describe('the log’s head now'),
  eventsSinceNewest: z
    .number()
    .int()
    .nullable()
    .describe('head position minus the newest seal’s (events not yet vouched for); null when there is no seal'),
  unreadable: z
    .array(z.object({ file: z.string(), problem: z.string() }))
    .describe('files in the seals folder that are not a well-formed, correctly signed seal'),
});
export type KeptSeals = z.infer<typeof KeptSeals>;

const SEAL_FILE = /^log-seal-\d{12}-.+\.json$/;

/**
 * The seals kept under <data dir>/seals, each checked on its own (shape, signature) but not against
 * the log: a full verify is long at scale, so it is `audit verify --from-seal`'s, never a request's.
 */
export function keptSeals(dataDir: string, headPosition: number): KeptSeals {
  const directory = join(dataDir, SEALS_DIRECTORY);
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => SEAL_FILE.test(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    names = [];
  }
  const seals: KeptSeal[] = [];
  const unreadable: KeptSeals['unreadable'] = [];
  for (const file of names) {
    try {
      const { statement, signature } = checkSealFile(join(directory, file)).seal;
      seals.push({
        file,
        headPosition: statement.head.position,
        headHash: statement.head.hash,
        events: statement.events,
        sealedAt: statement.sealedAt,
        keyFingerprint: signature.keyFingerprint,
      });
    } catch (error) {
      if (!(error instanceof SealError)) throw error;
      unreadable.push({ file, problem: error.message.replace(`${join(directory, file)}`, file) });
    }
  }
  seals.sort((a, b) => b.headPosition - a.headPosition || b.sealedAt.localeCompare(a.sealedAt));
  const newest = seals[0] ?? null;
  return { seals, newest, headPosition, eventsSinceNewest: newest ? headPosition - newest.headPosition : null, unreadable };
}
