import { deliverBatch, isDeliveringFor } from './delivery-context';
import type { RecordedEvent, SubscribeOptions, Subscription } from './event-envelope';

/** The two reads a catch-up subscription needs from a gap-free, position-ordered log. */
export interface PositionedLog {
  readAfter(after: number, maxCount: number): Promise<RecordedEvent[]>;
  headPosition(): Promise<number>;
}

export interface CatchUpOptions {
  /**
   * When set, an idle subscription also checks the head this often: appends made by another
   * process on the same file never reach this process's notifier.
   */
  pollIntervalMs?: number;
  /** Called once the subscription has ended, whatever the reason. */
  onEnded?: () => void;
}

interface CaughtUpWaiter {
  target: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const DEFAULT_BATCH_SIZE = 1000;

/**
 * Pages through the log from a checkpoint, then waits to be notified (or polls) for more. One
 * loop per subscription delivers batches strictly one after another, which is what lets a
 * projector write its read model and checkpoint in one transaction per batch.
 */
export class CatchUpSubscription implements Subscription {
  private position: number;
  private stopped = false;
  /** Set by notify(); cleared when the loop goes idle again, so no wake-up is ever lost. */
  private woken = false;
  private wake: (() => void) | null = null;
  private readonly waiters: CaughtUpWaiter[] = [];
  /** Why the subscription stopped, when it was not stop(). */
  private failure: unknown = undefined;
  private readonly finished: Promise<void>;

  constructor(
    private readonly log: PositionedLog,
    private readonly options: SubscribeOptions,
    private readonly catchUpOptions: CatchUpOptions = {},
  ) {
    this.position = options.after ?? 0;
    this.finished = this.run();
  }

  /** Tells an idle subscription that the log has grown. */
  notify(): void {
    this.woken = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    // Called from onEvents: nothing after the current batch will be delivered, and waiting for
    // the loop would wait for ourselves.
    if (isDeliveringFor(this)) return;
    await this.finished;
  }

  async caughtUp(): Promise<void> {
    const target = await this.log.headPosition();
    if (this.position >= target) return;
    if (this.stopped) throw this.failure ?? new Error('subscription stopped before catching up');
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ target, resolve, reject });
      // Do not wait for the next poll when the events came from another process.
      this.notify();
    });
  }

  private async run(): Promise<void> {
    // Let the constructor return (and the caller keep the handle) before the first delivery.
    await Promise.resolve();
    const batchSize = Math.max(1, this.options.batchSize ?? DEFAULT_BATCH_SIZE);
    try {
      while (!this.stopped) {
        const batch = await this.log.readAfter(this.position, batchSize);
        if (this.stopped) break;
        if (batch.length > 0) {
          await deliverBatch(this, this.options, batch);
          this.position = batch[batch.length - 1].globalPosition;
          this.settleWaiters();
          continue;
        }
        this.settleWaiters();
        await this.idle();
      }
    } catch (error) {
      this.stopped = true;
      this.failure = error;
      this.rejectWaiters(error);
      if (this.options.onError) this.options.onError(error);
      // A subscription that dies without a word leaves read models silently stale.
      else console.error('event store subscription stopped by an error', error);
    } finally {
      this.stopped = true;
      this.rejectWaiters(new Error('subscription stopped before catching up'));
      this.catchUpOptions.onEnded?.();
    }
  }

  /** Returns when there may be something new to read, or when stopped. */
  private async idle(): Promise<void> {
    const pollIntervalMs = this.catchUpOptions.pollIntervalMs;
    while (!this.stopped && !this.woken) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        if (pollIntervalMs !== undefined) {
          timer = setTimeout(resolve, pollIntervalMs);
          // A forgotten subscription must not keep a CLI process alive.
          timer.unref();
        }
      });
      this.wake = null;
      if (timer) clearTimeout(timer);
      if (!this.stopped && !this.woken && pollIntervalMs !== undefined) {
        if ((await this.log.headPosition()) > this.position) break;
      }
    }
    this.woken = false;
  }

  private settleWaiters(): void {
    for (let index = this.waiters.length - 1; index >= 0; index--) {
      if (this.waiters[index].target <= this.position) {
        this.waiters[index].resolve();
        this.waiters.splice(index, 1);
      }
    }
  }

  private rejectWaiters(error: unknown): void {
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }
}
