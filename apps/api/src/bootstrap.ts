import 'reflect-metadata';
import { Logger, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { EngineConfig, EngineOptions } from '@dd/engine';
import { AppModule } from './app.module';
import { jsonBody } from './http/json-body';

export interface StartedApi {
  app: INestApplication;
  url: string;
  host: string;
  port: number;
}

/**
 * Without API keys nobody can be told apart, so the API is only reachable from this machine
 * (actor "local"); with keys it listens on every interface.
 */
export function listenHost(config: EngineConfig): string {
  return config.apiKeys.size === 0 ? '127.0.0.1' : '0.0.0.0';
}

export async function createApi(config: EngineConfig, options: EngineOptions & { logger?: LogLevel[] | false } = {}) {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    bodyParser: false,
    logger: options.logger ?? ['error', 'warn', 'log'],
  });
  app.use(...jsonBody());
  app.enableShutdownHooks();
  return app;
}

export async function startApi(config: EngineConfig, options: EngineOptions & { logger?: LogLevel[] | false } = {}): Promise<StartedApi> {
  const app = await createApi(config, options);
  const host = listenHost(config);
  await app.listen(config.port, host);
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://${host}:${address.port}`;
  new Logger('API').log(`listening on ${url} (store: ${config.eventStore}, data: ${config.dataDir}${config.apiKeys.size ? '' : ', no API keys: loopback only, actor "local"'})`);
  return { app, url, host, port: address.port };
}
