import { RecordEmrtResponse, RecordResponse, streams } from '@dd/domain';
import type { EventStore } from '@dd/event-store';
import type { CommandDispatcher } from '../commands/command-dispatcher';
import type { OriginalsStore } from '../originals/originals-store';
import { isEmrtFile, type ResponseFile } from './cmrt-file';
import { cmrtResponseOutcome, type CmrtResponseOutcome } from './cmrt-response-outcome';

export interface CmrtResponseRequest {
  supplierId: string;
  period: number;
  /** When the supplier's file arrived (ISO time with offset); defaults to now. */
  receivedAt?: string;
}

export interface CmrtSender {
  actor: string;
  correlationId?: string;
}

/**
 * The idempotency key of recording one file: the same file for the same survey, counted from the
 * responses recorded before it. A retry (or a concurrent upload of the same file) before anything else
 * was recorded reuses the key and appends nothing; a retry after it was recorded gets a new key, which
 * the survey decider turns into nothing because the latest response has the same SHA-256. Counting the
 * responses lets a file sent again after a different one (A, B, then A again) be recorded anew.
 * The receivedAt given with it, as given, is part of the key: under one key the command must be the
 * same (its fingerprint), so the same file sent with another receivedAt is another command, which the
 * decider answers like any repeat of the latest file.
 */
export function cmrtResponseCommandId(
  period: number,
  supplierId: string,
  sha256: string,
  responsesBefore: number,
  receivedAt?: string,
  family: 'cmrt' | 'emrt' = 'cmrt',
): string {
  const kind = family === 'cmrt' ? 'cmrt-response' : `${family}-response`;
  return `${kind}:${period}:${supplierId}:${sha256}:${responsesBefore}${receivedAt === undefined ? '' : `:${receivedAt}`}`;
}

/**
 * Records a CMRT or EMRT file (read with readResponseFile) as a supplier's response on its survey of
 * that family: one RecordResponse (RecordEmrtResponse) command,
 * so the response, its findings, smelter matches and follow-ups are one atomic append. Returns what
 * was recorded, read back from the survey stream. Refusals (unknown supplier, no survey sent) are
 * CommandRefused errors, as for every command.
 *
 * The file itself is kept in the OriginalsStore first, durably, and only then is the response (which
 * names it by source.sha256) appended: a recorded response never points at a missing file. When the
 * file cannot be kept nothing is recorded; a refusal or a crash after keeping it leaves a file no event
 * names, which is harmless (the same bytes are stored once, whenever they come again).
 */
export class CmrtResponseIntake {
  constructor(
    private readonly commands: CommandDispatcher,
    private readonly store: EventStore,
    private readonly originals: OriginalsStore,
  ) {}

  async record(request: CmrtResponseRequest, file: ResponseFile, sender: CmrtSender): Promise<CmrtResponseOutcome> {
    const kept = await this.originals.put(file.bytes, file.source.fileName);
    if (kept.sha256 !== file.source.sha256)
      throw new Error(`the original of ${file.source.fileName} was kept as ${kept.sha256}, but was read as ${file.source.sha256}`);
    const family = isEmrtFile(file) ? 'emrt' : 'cmrt';
    const streamId = streams.survey(request.period, request.supplierId, family);
    const responsesBefore = (await this.store.readStream(streamId)).filter(
      (event) => event.type === 'ResponseRecorded' || event.type === 'EmrtResponseRecorded',
    ).length;
    const fields = {
      supplierId: request.supplierId,
      period: request.period,
      ...(request.receivedAt ? { receivedAt: request.receivedAt } : {}),
      declaration: file.read.declaration,
    };
    const metadata = {
      commandId: cmrtResponseCommandId(request.period, request.supplierId, file.source.sha256, responsesBefore, request.receivedAt, family),
      actor: sender.actor,
      ...(sender.correlationId ? { correlationId: sender.correlationId } : {}),
    };
    const upload = { source: file.source, readerFindings: file.read.readerFindings };
    const result = isEmrtFile(file)
      ? await this.commands.dispatch('RecordEmrtResponse', RecordEmrtResponse.parse(fields), metadata, upload)
      : await this.commands.dispatch('RecordResponse', RecordResponse.parse(fields), metadata, upload);
    const outcome = cmrtResponseOutcome(await this.store.readStream(streamId), result, file.source.sha256);
    if (!outcome) throw new Error(`${streamId} holds no response for the file ${file.source.sha256} after recording it`);
    return outcome;
  }
}
