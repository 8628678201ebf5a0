import type { EventStore } from '@dd/event-store';
import { REPLAY_PAGE_SIZE, type RetryPolicy } from '@dd/projections';
import type { LogProcessManager } from './log-process-manager';

/**
 * Starts the log-fed process managers so that those behind the log catch up on ONE read of it: each
 * following the log alone would read and parse the whole log once per process manager (five times on
 * a fresh data directory). The reader pages through the log from the lowest checkpoint and hands each
 * page to every process manager still behind; each handles the events after its own checkpoint, in
 * its own transactions, as its own subscription would. One that fails leaves the shared reader and
 * goes on alone from its checkpoint, retrying as it always does; the others are not held up. At the
 * head, each follows the log alone (live appends are one small batch each).
 *
 * Those level with the log at the start follow it at once.
 */
export class ProcessManagerCatchUp {
  private stopped = false;
  private readonly done: Promise<void>;

  constructor(
    private readonly store: EventStore,
    private readonly managers: readonly LogProcessManager[],
    retry: Partial<RetryPolicy> = {},
    private readonly pageSize = REPLAY_PAGE_SIZE,
    /**
     * The shared read starts once this settles (the projections' replay on a server's start): the two
     * would share one event loop, and every command a process manager sends waits a turn of it, which a
     * page of the replay holds for long. Those level with the log follow it at once regardless.
     */
    private readonly after: Promise<unknown> = Promise.resolve(),
  ) {
    // Catching up from the first instant (/health says so at once); those found level with the log follow it.
    for (const manager of managers) manager.startCatchingUp(retry);
    // A log that cannot be read is met again by each process manager reading alone, which retries and reports it.
    this.done = this.run().catch(() => undefined);
  }

  /** Settles when every process manager has left the shared reader (caught up, failed, or stopped). */
  finished(): Promise<void> {
    return this.done;
  }

  /** Ends the shared read after its current page; the process managers' own stop() ends them. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
  }

  private async run(): Promise<void> {
    let behind = [...this.managers];
    try {
      const head = await this.store.headPosition();
      const level = behind.filter((manager) => manager.position() >= head);
      for (const manager of level) manager.finishCatchUp();
      behind = behind.filter((manager) => !level.includes(manager));
      if (behind.length > 0) await this.after;
      let after = Math.min(...behind.map((manager) => manager.position()));
      // Up to the head as it was at the start; what is appended meanwhile each follows alone, as live.
      while (behind.length > 0 && !this.stopped && after < head) {
        const page = await this.store.readAll({ after, maxCount: this.pageSize });
        if (page.length === 0 || this.stopped) break;
        const still: LogProcessManager[] = [];
        for (const manager of behind) if (await manager.catchUpWith(page)) still.push(manager);
        behind = still;
        after = page[page.length - 1].globalPosition;
        // Requests are answered between pages (a synchronous store's reads settle as microtasks).
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      // Caught up (or the log could not be read, or stopping): each goes on alone from its checkpoint.
      for (const manager of behind) manager.finishCatchUp();
    }
  }
}
