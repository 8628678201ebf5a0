import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import {
  describeOwner,
  EngineModule,
  engineConfigFromEnv,
  EVENT_STORE,
  ReadModelOwnership,
  ReadModelsInUse,
  readModelFile,
  ReadSide,
  type EngineConfig,
  type EngineOptions,
  type ReadModelOwner,
} from '@dd/engine';
import type { EventStore } from '@dd/event-store';
import { ReadModelsUnavailable } from '@dd/projections';
import { CliRefusal } from './cli-refusal';

// Its own file so that the light `audit replay` (main.ts) can name it without loading the engine.
export { CliRefusal };

/**
 * What a command does when another process (the server) keeps the data directory's read models:
 * - follow: it works together with it: appends its commands to the log, reads the server's read
 *   models read-only, and leaves projecting and the process managers to the server;
 * - refuse: it says so at once, naming the server (pid, port), and does nothing.
 */
export type WhileServerRuns = 'follow' | 'refuse';

export interface CliEngineOptions extends EngineOptions {
  /** The command, as the owner file and the messages name it (e.g. "cmrt import"). */
  command?: string;
  /** Default: follow (append to the log, read the server's read models). */
  whileServerRuns?: WhileServerRuns;
  /** Why a refusing command refuses, after the owner's name (e.g. "stop the server first"). */
  refusal?: string;
}

/** How long a following command waits for a server that is still opening its read models. */
const OWNER_START_WAIT_MS = 60_000;

/**
 * The engine without HTTP, for commands that need the read side. With no server running, the command
 * keeps the read models itself while it runs (it catches up on start) and holds the data directory's
 * ownership, so a server started meanwhile is refused with its name. A CLI command does its one job:
 * the reminder scheduler does not tick by itself (`reminders run` ticks it), nor does the log sealer (`audit seal` seals), so e.g. a projection
 * rebuild never sends reminders on the side.
 */
export async function withEngine<T>(work: (engine: INestApplicationContext) => Promise<T>, options: CliEngineOptions = {}): Promise<T> {
  const { command = 'a CLI command', whileServerRuns = 'follow', refusal, ...engineOptions } = options;
  const config = engineConfigFromEnv();
  const role = await readModelRole(config, command, whileServerRuns, refusal);
  let engine: INestApplicationContext;
  try {
    engine = await NestFactory.createApplicationContext(
      EngineModule.forRoot(config, { reminderIntervalMs: 0, sealIntervalMs: 0, outbox: { intervalMs: 0 }, ...engineOptions, ...role }),
      {
        logger: ['error', 'warn'],
        abortOnError: false,
      },
    );
  } catch (error) {
    role.ownership?.release();
    throw error;
  }
  try {
    const store = engine.get<symbol, EventStore>(EVENT_STORE);
    const head = await store.headPosition();
    const result = await work(engine);
    // Following a server: wait (a few seconds at most) until it has projected what this command
    // appended, so that what the command printed is what the server now shows.
    if (role.readModels === 'follow' && (await store.headPosition()) > head) await settleAfterWrites(engine);
    return result;
  } finally {
    await engine.close();
  }
}

/** Waits for the read side after writes; a read side that cannot catch up is said on stderr, as the writes are done. */
export async function settleAfterWrites(engine: INestApplicationContext): Promise<void> {
  try {
    await engine.get(ReadSide).settled();
  } catch (error) {
    if (!(error instanceof ReadModelsUnavailable)) throw error;
    console.error(`note: recorded, but the read models do not show it yet: ${error.message}`);
  }
}

async function readModelRole(
  config: EngineConfig,
  command: string,
  whileServerRuns: WhileServerRuns,
  refusal = 'stop it first',
): Promise<Pick<EngineOptions, 'readModels' | 'ownership'>> {
  if (config.eventStore === 'memory') return { readModels: 'own' };
  const file = readModelFile(config);
  try {
    return { readModels: 'own', ownership: await ReadModelOwnership.claim(file, { kind: 'cli', command }) };
  } catch (error) {
    if (!(error instanceof ReadModelsInUse)) throw error;
    if (whileServerRuns === 'refuse') throw new CliRefusal(`${command} refused: ${error.message}; ${refusal}`);
    const owner = await ownerReady(file, error.owner);
    console.error(
      `note: ${describeOwner(owner)} keeps the read models in ${dirname(file)}; ${command} appends to the log and leaves projecting to it`,
    );
    return { readModels: 'follow' };
  }
}

/** A following command reads the owner's read models: waits until the owner has opened them. */
async function ownerReady(file: string, owner: ReadModelOwner | null): Promise<ReadModelOwner | null> {
  const deadline = Date.now() + OWNER_START_WAIT_MS;
  let current = owner;
  while ((current?.state === 'starting' || !existsSync(file)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    current = ReadModelOwnership.currentOwner(file);
  }
  if (!existsSync(file))
    throw new CliRefusal(`${describeOwner(current)} holds ${dirname(file)} but has not created its read models yet; try again`);
  return current;
}
