import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { EventStore } from '@dd/event-store';
import { EngineModule } from '../engine.module';
import { EVENT_STORE } from '../tokens';
import { supplierRead } from './reporting-year.reads';
import { InvalidReadParameters, ReadQueries } from './read-queries.service';
import { riskRegisterRead } from './risk-register.reads';

/** The one path from HTTP and CLI to a read model: validate, let the read models it names settle, answer. */
describe('read queries', () => {
  let engine: INestApplicationContext;

  beforeEach(async () => {
    engine = await NestFactory.createApplicationContext(
      EngineModule.forRoot(
        { dataDir: '/tmp/unused', eventStore: 'memory', port: 0, apiKeys: new Map() },
        { escalationIntervalMs: 0, reminderIntervalMs: 0 },
      ),
      { logger: false },
    );
  });

  afterEach(async () => {
    await engine.close();
  });

  it('given an event just appended, answers with it: the read waits until its read model has projected the log', async () => {
    await engine
      .get<EventStore>(EVENT_STORE)
      .appendToStream(
        'supplier-acme',
        [{ type: 'SupplierRegistered', data: { supplierId: 'acme', name: 'Acme Metals', tier: 'direct' } }],
        {
          commandId: 'register-acme',
          actor: 'spec',
        },
      );
    expect(await engine.get(ReadQueries).ask(supplierRead, { id: 'acme' })).toMatchObject({
      supplierId: 'acme',
      name: 'Acme Metals',
      tier: 'direct',
      surveys: [],
    });
  });

  it('answers null for what the read model does not hold', async () => {
    expect(await engine.get(ReadQueries).ask(supplierRead, { id: 'nobody' })).toBeNull();
  });

  it('refuses parameters its schema does not accept, naming each, before reading anything', async () => {
    const refused = await engine
      .get(ReadQueries)
      .ask(riskRegisterRead, { period: 1999, severity: 'dire' as 'high' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidReadParameters);
    expect((refused as InvalidReadParameters).error.issues.map((issue) => issue.path.join('.'))).toEqual(['period', 'severity']);
  });
});
