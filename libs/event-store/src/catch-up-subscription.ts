import { deliverBatch, isDeliveringFor } from './delivery-context';
import type { RecordedEvent, SubscribeOptions, Subscription } from './event-envelope';
import { SubscriptionProgress } from './subscription-progress';

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

const DEFAULT_BATCH_SIZE = 1000;

/**
 * Pages through the log from a checkpoint, then waits to be notified (or polls) for more. One
 * loop per subscription delivers batches strictly one after another, which is what lets a
 * projector write its read model and checkpoint in one transaction per batch.
 */
export class CatchUpSubscription implements Subscription {
  private readonly progress: SubscriptionProgress;
  /** Set by notify(); cleared when the loop goes idle again, so no wake-up is ever lost. */
  private woken = false;
  private wake: (() => void) | null = null;
  private readonly finished: Promise<void>;

  constructor(
    private readonly log: PositionedLog,
    private readonly options: SubscribeOptions,
    private readonly catchUpOptions: CatchUpOptions = {},
  ) {
    this.progress = new SubscriptionProgress(options, catchUpOptions.onEnded);
    this.finished = this.progress.run(() => this.deliverUntilStopped());
  }

  /** Tells an idle subscription that the log has grown. */
  notify(): void {
    this.woken = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.progress.stopped = true;
    this.wake?.();
    // Called from onEvents: nothing after the current batch will be delivered, and waiting for
    // the loop would wait for ourselves.
    if (isDeliveringFor(this)) return;
    await this.finished;
  }

  async caughtUp(): Promise<void> {
    // Do not wait for the next poll when the events came from another process.
    return this.progress.waitFor(await this.log.headPosition(), () => this.notify());
  }

  private async deliverUntilStopped(): Promise<void> {
    const batchSize = Math.max(1, this.options.batchSize ?? DEFAULT_BATCH_SIZE);
    while (!this.progress.stopped) {
      const batch = await this.log.readAfter(this.progress.position, batchSize);
      if (this.progress.stopped) break;
      if (batch.length > 0) {
        await deliverBatch(this, this.options, batch);
        this.progress.delivered(batch[batch.length - 1].globalPosition);
        continue;
      }
      await this.idle();
    }
  }

  /** Returns when there may be something new to read, or when stopped. */
  private async idle(): Promise<void> {
    const pollIntervalMs = this.catchUpOptions.pollIntervalMs;
    while (!this.progress.stopped && !this.woken) {
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
      if (!this.progress.stopped && !this.woken && pollIntervalMs !== undefined) {
        if ((await this.log.headPosition()) > this.progress.position) break;
      }
    }
    this.woken = false;
  }
}
