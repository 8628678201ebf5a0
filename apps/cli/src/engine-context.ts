import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { EngineModule, engineConfigFromEnv, type EngineOptions } from '@dd/engine';

/**
 * The engine without HTTP, for commands that need the read side (it catches up on start). A CLI
 * command does its one job: the reminder scheduler does not tick by itself (`reminders run` ticks it),
 * nor does the log sealer (`audit seal` seals), so e.g. a projection rebuild never sends reminders on the side.
 */
export async function withEngine<T>(work: (engine: INestApplicationContext) => Promise<T>, options: EngineOptions = {}): Promise<T> {
  const engine = await NestFactory.createApplicationContext(EngineModule.forRoot(engineConfigFromEnv(), { reminderIntervalMs: 0, sealIntervalMs: 0, ...options }), {
    logger: ['error', 'warn'],
  });
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}
