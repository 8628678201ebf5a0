import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOG_SEAL_STREAM, type LogSealed } from '@dd/domain';
import {
  loadSealKey,
  sealFileName,
  sealLog,
  type EventStore,
  type LogVerification,
  type SealKey,
  type SignedLogSeal,
} from '@dd/event-store';
import { isEventOf } from '@dd/projections';
import type { CommandResult } from '../commands/command-metadata';
import { CommandDispatcher } from '../commands/command-dispatcher';
import type { EngineConfig } from '../config/engine-config';
import { ENGINE_CONFIG, EVENT_STORE } from '../tokens';

export const LOG_SEALER_ACTOR = 'system:log-sealer';
/** How often the service seals (ms); 0 or less: only when seal() is called. */
export const LOG_SEAL_INTERVAL_MS = Symbol('LogSealIntervalMs');
/** Seal files go to <data dir>/seals, one per seal, named by position and time. */
export const SEALS_DIRECTORY = 'seals';

export interface LogSealOutcome {
  /** Path of the seal file written. */
  file: string;
  seal: SignedLogSeal;
  verification: LogVerification;
  /** The LogSealed event's append (nothing appended when a later head was sealed meanwhile). */
  recorded: CommandResult;
}

/**
 * Verifies the whole log, signs a statement of its head, writes it to <data dir>/seals (whole or not
 * at all: written aside, then renamed) and records LogSealed on the `log-seals` stream. The seal
 * covers the log up to the event before LogSealed. Refuses (SealError) to seal a log that does not verify.
 */
export async function sealAndRecord(
  store: EventStore,
  commands: CommandDispatcher,
  key: SealKey,
  dataDir: string,
  actor: string,
  sealedAt: Date = new Date(),
): Promise<LogSealOutcome> {
  const { seal, verification } = await sealLog(store, key, sealedAt);
  const directory = join(dataDir, SEALS_DIRECTORY);
  mkdirSync(directory, { recursive: true });
  const name = sealFileName(seal.statement);
  const file = join(directory, name);
  writeFileSync(`${file}.partial`, `${JSON.stringify(seal, null, 2)}\n`);
  renameSync(`${file}.partial`, file);
  const { head, events, logDigest } = seal.statement;
  const data: LogSealed = {
    position: head.position,
    hash: head.hash,
    logDigest,
    events,
    sealedAt: seal.statement.sealedAt,
    keyFingerprint: seal.signature.keyFingerprint,
    file: name,
  };
  const recorded = await commands.dispatch('RecordLogSeal', data, { commandId: `log-seal/${head.position}/${data.sealedAt}`, actor });
  return { file, seal, verification, recorded };
}

/**
 * Seals the log on a schedule (DD_SEAL_KEY_FILE, DD_SEAL_INTERVAL_HOURS, daily by default): on start
 * when the last seal is older than the interval (or there is none), then every interval, skipping a
 * tick when nothing but the last seal was appended since. Without a key it seals nothing and says so
 * once. A log that does not verify is not sealed: the failure is logged as an error on every tick.
 */
@Injectable()
export class LogSealer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LogSealer.name);
  private timer?: NodeJS.Timeout;
  /** Seals run one after another. */
  private running: Promise<unknown> = Promise.resolve();
  private key?: SealKey;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    private readonly commands: CommandDispatcher,
    @Inject(LOG_SEAL_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    if (!this.config.seal?.keyFile) {
      this.logger.log('the log is not sealed on a schedule: set DD_SEAL_KEY_FILE to an Ed25519 key (`audit keygen` makes one)');
      return;
    }
    // A key that cannot be read stops the start, with the reason, rather than every seal later.
    this.key = loadSealKey(this.config.seal.keyFile);
    this.timer = setInterval(() => this.inBackground(() => this.tick()), this.intervalMs);
    this.timer.unref();
    this.inBackground(async () => ((await this.lastSealOlderThan(this.intervalMs)) ? this.tick() : null));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** A scheduled seal: none when the log's last event is the last seal (nothing new to vouch for). */
  tick(): Promise<LogSealOutcome | null> {
    return this.serially(async () => {
      const head = await this.store.headPosition();
      const [last] = head > 0 ? await this.store.readAll({ after: head - 1, maxCount: 1 }) : [];
      if (last?.type === 'LogSealed') return null;
      return this.sealOnce(LOG_SEALER_ACTOR);
    });
  }

  /** Seals now, whatever was sealed before. */
  seal(actor: string = LOG_SEALER_ACTOR): Promise<LogSealOutcome> {
    return this.serially(() => this.sealOnce(actor));
  }

  private async sealOnce(actor: string): Promise<LogSealOutcome> {
    const keyFile = this.config.seal?.keyFile;
    if (!keyFile) throw new Error('no DD_SEAL_KEY_FILE: the log cannot be sealed without a signing key');
    this.key ??= loadSealKey(keyFile);
    const outcome = await sealAndRecord(this.store, this.commands, this.key, this.config.dataDir, actor);
    this.logger.log(
      `sealed the log at position ${outcome.seal.statement.head.position} with key ${outcome.seal.signature.keyFingerprint}: ${outcome.file}`,
    );
    return outcome;
  }

  private async lastSealOlderThan(ms: number): Promise<boolean> {
    const version = await this.store.streamVersion(LOG_SEAL_STREAM);
    if (version < 0) return true;
    const [last] = await this.store.readStream(LOG_SEAL_STREAM, { fromVersion: version, maxCount: 1 });
    // The seal stream holds seals only; anything else there vouches for nothing.
    if (!isEventOf(last, ['LogSealed'])) return true;
    return Date.now() - new Date(last.data.sealedAt).getTime() >= ms;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.running.then(work);
    this.running = run.catch(() => undefined);
    return run;
  }

  private inBackground(work: () => Promise<unknown>): void {
    work().catch((error) => this.logger.error(`the log was not sealed: ${error instanceof Error ? error.message : String(error)}`));
  }
}
