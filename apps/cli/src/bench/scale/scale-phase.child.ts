/**
 * The scale benchmark's own child processes (the other phases run the real CLI):
 * - raw <events file>: the raw-SQLite limit, every row in global order through better-sqlite3 and both
 *   JSON columns parsed; prints one JSON line { events, ms, eventsPerSecond };
 * - serve: the real API (startApi) on DD_DATA_DIR and PORT, with the scheduled passes off (reminders,
 *   seals, outbox) so that what is timed is start-up and reads, and the log stays the benchmark's.
 */
import 'reflect-metadata';
import Database from 'better-sqlite3';
import { REPLAY_PAGE_SIZE } from '@dd/projections';
import { perSecond } from '../percentiles';

function rawReadAndParse(file: string): { events: number; ms: number; eventsPerSecond: number } {
  const db = new Database(file, { readonly: true });
  try {
    const page = db
      .prepare(
        'SELECT global_position, stream_id, stream_version, type, data, metadata FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?',
      )
      .raw();
    const started = performance.now();
    let count = 0;
    let touched = 0;
    for (let after = 0; ;) {
      const rows = page.all(after, REPLAY_PAGE_SIZE) as Array<[number, string, number, string, string, string]>;
      if (rows.length === 0) break;
      for (const row of rows) {
        const data = JSON.parse(row[4]);
        const metadata = JSON.parse(row[5]);
        // Touch the results so the parse cannot be optimised away.
        if (data !== null && metadata !== null) touched++;
      }
      count += rows.length;
      after = rows[rows.length - 1][0];
    }
    const ms = performance.now() - started;
    if (touched !== count) throw new Error(`parsed ${touched} of ${count} rows`);
    return { events: count, ms: Math.round(ms), eventsPerSecond: perSecond(count, ms) };
  } finally {
    db.close();
  }
}

async function main(mode: string | undefined, args: string[]): Promise<void> {
  if (mode === 'raw' && args[0]) {
    process.stdout.write(`${JSON.stringify(rawReadAndParse(args[0]))}\n`);
    return;
  }
  if (mode === 'serve') {
    // Loaded only here: the raw phase's RSS is better-sqlite3's and the parse's, not the engine's.
    const [{ engineConfigFromEnv }, { startApi }] = await Promise.all([import('@dd/engine'), import('../../../../api/src/bootstrap')]);
    const started = await startApi(engineConfigFromEnv(), {
      reminderIntervalMs: 0,
      sealIntervalMs: 0,
      outbox: { intervalMs: 0 },
      logger: ['error', 'warn'],
    });
    process.stdout.write(`${JSON.stringify({ listening: started.url })}\n`);
    const stop = () => void started.app.close().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    return;
  }
  throw new Error('usage: scale-phase.child raw <events file> | serve');
}

main(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
