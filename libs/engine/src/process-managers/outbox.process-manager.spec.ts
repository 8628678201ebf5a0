import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { streams } from '@dd/domain';
import { createEventStore } from '@dd/event-store';
import { MessageQueries } from '@dd/projections';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { EngineModule } from '../engine.module';
import { ReadSide } from '../read-side';
import { READ_MODEL_DB } from '../tokens';

/**
 * A data directory of an earlier release: its log holds requests, reminders and answers to suppliers
 * with contacts, and no outbox. Upgrading must not mail suppliers what was "sent" years ago; what
 * happens from then on goes out.
 */
describe('the outbox on a log older than itself', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dd-outbox-pm-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('given requests recorded before the outbox first ran, queues nothing for them, and queues what comes after', async () => {
    const store = createEventStore({ kind: 'sqlite', dataDir });
    const as = (commandId: string) => ({ commandId, actor: 'earlier-release' });
    await store.appendToStream(
      streams.supplier('acme'),
      [{ type: 'SupplierRegistered', data: { supplierId: 'acme', name: 'Acme', tier: 'direct' } }],
      as('r'),
    );
    await store.appendToStream(
      streams.supplier('acme'),
      [{ type: 'SupplierContactAdded', data: { supplierId: 'acme', name: 'Ana', email: 'ana@acme.example' } }],
      as('c'),
    );
    await store.appendToStream(
      streams.survey(2024, 'acme'),
      [{ type: 'CMRTSent', data: { supplierId: 'acme', period: 2024, dueDate: '2025-02-28', requestNumber: 1 } }],
      as('s'),
    );
    await store.close();

    const app = await NestFactory.createApplicationContext(
      EngineModule.forRoot(
        { dataDir, eventStore: 'sqlite', port: 0, apiKeys: new Map() },
        { reminderIntervalMs: 0, escalationIntervalMs: 0, sealIntervalMs: 0, outbox: { intervalMs: 0 } },
      ),
      { logger: false },
    );
    try {
      const messages = new MessageQueries(app.get(READ_MODEL_DB));
      await app.get(ReadSide).settled();
      expect(messages.forSupplier('acme')).toEqual([]);

      await app
        .get(CommandDispatcher)
        .dispatch('SendReminder', { supplierId: 'acme', period: 2024 }, { commandId: 'remind-1', actor: 'tester' });
      await app.get(ReadSide).settled();
      // What it learnt from history (the contact, the request's due date) is in the new message.
      expect(messages.forSupplier('acme')).toEqual([
        expect.objectContaining({ kind: 'reminder', wave: 'reminder-1', recipients: ['ana@acme.example'], status: 'queued' }),
      ]);
    } finally {
      await app.close();
    }
  });
});
