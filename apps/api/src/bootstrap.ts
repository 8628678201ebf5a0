import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { Logger, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  DEFAULT_HOST,
  describeOwner,
  isLoopback,
  ReadModelOwnership,
  ReadModelsInUse,
  readModelFile,
  type EngineConfig,
  type EngineOptions,
} from '@dd/engine';
import { AppModule, type AppOptions } from './app.module';
import { jsonBody } from './http/json-body';
import { serveConsole } from './console/console-assets';

export interface StartedApi {
  app: INestApplication;
  url: string;
  host: string;
  port: number;
}

type ApiOptions = AppOptions & { logger?: LogLevel[] | false };

/**
 * 127.0.0.1 unless DD_HOST names another interface: opening the API to other machines is the
 * operator's explicit choice, API keys or not (and without keys the configuration refuses it).
 */
export function listenHost(config: EngineConfig): string {
  return config.host ?? DEFAULT_HOST;
}

export async function createApi(config: EngineConfig, options: ApiOptions = {}) {
  // Bounded start: the server listens at once and catches up in the background (docs/bounded-start.md).
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, { startInBackground: true, ...options }), {
    bodyParser: false,
    logger: options.logger ?? ['error', 'warn', 'log'],
    // A provider that cannot be built is reported like any other start-up error, not by aborting the process.
    abortOnError: false,
  });
  app.use(...jsonBody());
  serveConsole(app);
  app.enableShutdownHooks();
  return app;
}

/**
 * Starts the API on its data directory. One server keeps a data directory's read models and runs its
 * process managers: a second one is refused with a message naming the first (pid, port), unless it is
 * a read-only replica (DD_READ_ONLY=1), which reads the first one's read models and refuses commands.
 */
export async function startApi(config: EngineConfig, options: ApiOptions = {}): Promise<StartedApi> {
  const logger = new Logger('API');
  const role = await claimReadModels(config, options);
  try {
    const app = await createApi(config, { ...options, ...role });
    const host = listenHost(config);
    await app.listen(config.port, host);
    // The client, not the server, closes an idle keep-alive connection: with Node's 5 s default a
    // client (undici's fetch, a proxy) may send its next request on a socket the server is closing
    // in the same instant, and a busy event loop makes that instant wide (seen as ECONNRESET on
    // uploads under load). 65 s outlasts the usual client and proxy idle timeouts.
    const server = app.getHttpServer() as import('node:http').Server;
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    const address = app.getHttpServer().address() as { port: number };
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
    role.ownership?.publish({ port: address.port, url, state: 'running' });
    const replica = config.readOnly
      ? `, read-only replica of ${describeOwner(ReadModelOwnership.currentOwner(readModelFile(config)))}`
      : '';
    // The warning first: whoever waits for "listening on" (an operator, a supervisor) has it already.
    if (!isLoopback(host)) {
      logger.warn(
        `DD_HOST=${host}: the API is reachable from other machines and speaks plain HTTP, so API keys and data cross the network unencrypted; put TLS in front of it (a reverse proxy) or keep DD_HOST=127.0.0.1`,
      );
    }
    logger.log(
      `listening on ${url} (store: ${config.eventStore}, data: ${config.dataDir}${config.apiKeys.size ? '' : ', no API keys: actor "local"'}${replica})`,
    );
    return { app, url, host, port: address.port };
  } catch (error) {
    role.ownership?.release();
    throw error;
  }
}

/** Takes the data directory's read models (or, for a replica, checks there are some to follow). */
async function claimReadModels(config: EngineConfig, options: ApiOptions): Promise<Pick<EngineOptions, 'readModels' | 'ownership'>> {
  if (options.readModels || options.ownership || config.eventStore === 'memory') return {};
  const file = readModelFile(config);
  if (config.readOnly) {
    if (!existsSync(file)) {
      throw new Error(`DD_READ_ONLY=1: there are no read models in ${dirname(file)} yet; start the server that keeps them first`);
    }
    return { readModels: 'follow' };
  }
  try {
    return { readModels: 'own', ownership: await ReadModelOwnership.claim(file, { kind: 'server', port: config.port }) };
  } catch (error) {
    if (!(error instanceof ReadModelsInUse)) throw error;
    if (error.owner?.kind === 'cli')
      throw new Error(`not started: ${error.message}. Start the server once that command has finished`, { cause: error });
    throw new Error(
      `not started: ${error.message}. One server per data directory: stop that one first, or start this one as a read-only replica (DD_READ_ONLY=1)`,
      { cause: error },
    );
  }
}
