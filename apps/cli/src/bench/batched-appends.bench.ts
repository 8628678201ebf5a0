import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, type NewEvent } from '@dd/event-store';
import { riskFromFindingPayload } from './domain-payloads';
import { perSecond, round } from './percentiles';
import { openRawEventsDb } from './raw-sqlite';
import type { BenchmarkContext, BenchmarkOutcome } from './benchmark';
import { atLeast } from './targets';
import { storageKind, withTempDir } from './temp-dir';

export interface BatchedAppendsResult {
  storage: 'tmpfs' | 'disk';
  events: number;
  batchSize: number;
  /** Mean bytes of an event's data JSON / metadata JSON as stored. */
  dataBytes: number;
  metadataBytes: number;
  ours: { eventsPerSecond: number; ms: number };
  /** Raw better-sqlite3: the very rows ours wrote, one transaction per batch, same pragmas and table. */
  raw: { eventsPerSecond: number; ms: number };
  /** ours / raw. */
  ratio: number;
}

type Row = [string, number, string, string, string, string, string, string];

/**
 * (b) Events/s appending batches of 100 RiskRaised events (about 450 bytes of JSON each) through
 * SqliteEventStore.appendToStream, against raw better-sqlite3 inserting the SAME rows (read back
 * from our file, byte for byte) into the store's own table with the same pragmas, one transaction
 * per batch. The two alternate in rounds so that a noisy neighbour hurts both alike.
 * What ours does on top: canonical JSON, event ids and the hash chain (SHA-256 each), the
 * idempotency record, the stream tip and the version check.
 */
export async function benchBatchedAppends(context: BenchmarkContext): Promise<BenchmarkOutcome<BatchedAppendsResult>> {
  const batchSize = 100;
  const events = context.quick ? 2_000 : 100_000;
  const rounds = context.quick ? 2 : 4;
  const batchesPerRound = Math.ceil(events / batchSize / rounds);
  return withTempDir(context.tmpRoot, 'appends', async (dir) => {
    const storeFile = join(dir, 'ours.sqlite');
    const store = new SqliteEventStore(storeFile);
    // A second connection to our file, to read back exactly what was written.
    const reader = new Database(storeFile, { readonly: true });
    const raw = openRawEventsDb(join(dir, 'raw.sqlite'));
    const selectRows = reader
      .prepare(
        `SELECT stream_id, stream_version, event_id, command_id, type, data, metadata, recorded_at
         FROM events WHERE global_position > ? ORDER BY global_position`,
      )
      .raw();
    const insertBatch = raw.db.transaction((rows: Row[], from: number, to: number) => {
      for (let index = from; index < to; index++) raw.insert.run(...rows[index]);
    }).immediate;

    let batch = 0;
    const ourBatch = async () => {
      const streamId = `risk-bench-${batch}`;
      const newEvents: NewEvent[] = new Array(batchSize);
      for (let index = 0; index < batchSize; index++) {
        newEvents[index] = { type: 'RiskRaised', data: riskFromFindingPayload(batch * batchSize + index, `source-${batch}-${index}`) };
      }
      batch++;
      await store.appendToStream(streamId, newEvents, { commandId: `bench-append-${batch}`, actor: 'bench', expectedVersion: 'no_stream' });
    };

    try {
      // Warm-up on both sides (not counted): JIT, statement caches, the first WAL pages.
      for (let index = 0; index < 20; index++) await ourBatch();
      let after = await store.headPosition();
      const warmRows = selectRows.all(0) as Row[];
      for (let from = 0; from < warmRows.length; from += batchSize)
        insertBatch(warmRows, from, Math.min(from + batchSize, warmRows.length));

      let oursMs = 0;
      let rawMs = 0;
      let oursEvents = 0;
      let rawEvents = 0;
      let dataBytes = 0;
      let metadataBytes = 0;
      for (let round = 0; round < rounds; round++) {
        context.progress(`batchedAppends: round ${round + 1}/${rounds}, ${batchesPerRound} batches of ${batchSize}, ours then raw`);
        let started = performance.now();
        for (let index = 0; index < batchesPerRound; index++) await ourBatch();
        oursMs += performance.now() - started;
        oursEvents += batchesPerRound * batchSize;

        // Untimed: the rows ours just wrote become raw's input.
        const rows = selectRows.all(after) as Row[];
        after += rows.length;
        for (const row of rows) {
          dataBytes += row[5].length;
          metadataBytes += row[6].length;
        }
        started = performance.now();
        for (let from = 0; from < rows.length; from += batchSize) insertBatch(rows, from, Math.min(from + batchSize, rows.length));
        rawMs += performance.now() - started;
        rawEvents += rows.length;
      }
      if (rawEvents !== oursEvents) throw new Error(`raw wrote ${rawEvents} rows, ours ${oursEvents}`);

      const ours = { eventsPerSecond: perSecond(oursEvents, oursMs), ms: Math.round(oursMs) };
      const rawFigure = { eventsPerSecond: perSecond(rawEvents, rawMs), ms: Math.round(rawMs) };
      const ratio = round(ours.eventsPerSecond / rawFigure.eventsPerSecond, 3);
      return {
        result: {
          storage: storageKind(dir),
          events: oursEvents,
          batchSize,
          dataBytes: Math.round(dataBytes / rawEvents),
          metadataBytes: Math.round(metadataBytes / rawEvents),
          ours,
          raw: rawFigure,
          ratio,
        },
        targets: [atLeast('batchedAppends.ratio (ours/raw events/s)', 0.5, ratio)],
      };
    } finally {
      reader.close();
      raw.db.close();
      await store.close();
    }
  });
}
