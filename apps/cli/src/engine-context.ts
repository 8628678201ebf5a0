import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { EngineModule, engineConfigFromEnv } from '@dd/engine';

/** The engine without HTTP, for commands that need the read side (it catches up on start). */
export async function withEngine<T>(work: (engine: INestApplicationContext) => Promise<T>): Promise<T> {
  const engine = await NestFactory.createApplicationContext(EngineModule.forRoot(engineConfigFromEnv()), { logger: ['error', 'warn'] });
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}
