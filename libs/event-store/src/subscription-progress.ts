import type { SubscribeOptions } from './event-envelope';

interface CaughtUpWaiter {
  target: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * What every subscription keeps alike, whichever log it reads: how far it has delivered, the
 * callers of caughtUp() waiting for it to get further, and how its delivery loop ends. The
 * adapters differ only in how they read (pages and polling, or a server-side stream with retries).
 */
export class SubscriptionProgress {
  /** Global position of the last event handed to onEvents. */
  position: number;
  stopped = false;
  /** Why the subscription stopped, when it was not stop(). */
  private failure: unknown = undefined;
  private readonly waiters: CaughtUpWaiter[] = [];

  constructor(
    private readonly options: SubscribeOptions,
    private readonly onEnded?: () => void,
  ) {
    this.position = options.after ?? 0;
  }

  /**
   * For caughtUp(): settles once every event up to `head` (the log's head when it was asked) has
   * been delivered. `whenWaiting` runs only when that has not happened yet.
   */
  async waitFor(head: number, whenWaiting?: () => void): Promise<void> {
    if (this.position >= head) return;
    if (this.stopped) throw this.failure ?? new Error('subscription stopped before catching up');
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ target: head, resolve, reject });
      whenWaiting?.();
    });
  }

  /** Records the last position handed to onEvents and releases the callers it has caught up with. */
  delivered(position: number): void {
    this.position = position;
    for (let index = this.waiters.length - 1; index >= 0; index--) {
      if (this.waiters[index].target <= this.position) {
        this.waiters[index].resolve();
        this.waiters.splice(index, 1);
      }
    }
  }

  /**
   * Runs a delivery loop to its end. An error stops the subscription and goes to onError, or to
   * the console: a subscription that dies without a word leaves read models silently stale.
   * However it ends, callers still waiting are told and onEnded runs.
   */
  async run(deliverUntilStopped: () => Promise<void>): Promise<void> {
    // Let the constructor return (and the caller keep the handle) before the first delivery.
    await Promise.resolve();
    try {
      await deliverUntilStopped();
    } catch (error) {
      this.stopped = true;
      this.failure = error;
      this.rejectWaiters(error);
      if (this.options.onError) this.options.onError(error);
      else console.error('event store subscription stopped by an error', error);
    } finally {
      this.stopped = true;
      this.rejectWaiters(new Error('subscription stopped before catching up'));
      this.onEnded?.();
    }
  }

  private rejectWaiters(error: unknown): void {
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }
}
