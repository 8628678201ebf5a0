import {
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type KurrentDBClient,
} from '@kurrent/kurrentdb-client';
import { deliverBatch, isDeliveringFor } from '../delivery-context';
import type { RecordedEvent, SubscribeOptions, Subscription } from '../event-envelope';
import { SubscriptionProgress } from '../subscription-progress';
import { readPositionAfter, toRecordedEvent } from './kurrentdb-events';

export interface KurrentDbSubscriptionOptions {
  /** Consecutive failed (re)subscriptions tolerated before onError; default 10. */
  maxRetries?: number;
  /** First back-off delay, doubled per failure up to maxDelayMs; default 100 ms. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  onEnded?: () => void;
}

/** Marks an error thrown by onEvents: the consumer failed, so resubscribing would not help. */
class ConsumerError extends Error {
  constructor(readonly reason: unknown) {
    super('onEvents failed');
  }
}

const DEFAULT_BATCH_SIZE = 1000;

/**
 * subscribeToAll with the resilience the client leaves to us: when the gRPC stream fails (leader
 * change, restart, network) it resubscribes from the last position handed to onEvents, backing
 * off between attempts, and only reports an error once the retries are spent.
 */
export class KurrentDbSubscription implements Subscription {
  private readonly progress: SubscriptionProgress;
  private current: AllStreamSubscription | null = null;
  private wakeFromBackoff: (() => void) | null = null;
  private readonly finished: Promise<void>;

  constructor(
    private readonly client: KurrentDBClient,
    private readonly headPosition: () => Promise<number>,
    private readonly options: SubscribeOptions,
    private readonly retry: KurrentDbSubscriptionOptions = {},
  ) {
    this.progress = new SubscriptionProgress(options, retry.onEnded);
    this.finished = this.progress.run(() => this.deliverUntilStopped());
  }

  async stop(): Promise<void> {
    this.progress.stopped = true;
    this.wakeFromBackoff?.();
    // Ends a subscription idling in the live phase; the loop then sees `stopped`.
    await this.current?.unsubscribe().catch(() => undefined);
    // Called from onEvents: nothing after the current batch will be delivered, and waiting for
    // the loop would wait for ourselves.
    if (isDeliveringFor(this)) return;
    await this.finished;
  }

  async caughtUp(): Promise<void> {
    return this.progress.waitFor(await this.headPosition());
  }

  private async deliverUntilStopped(): Promise<void> {
    const batchSize = Math.max(1, this.options.batchSize ?? DEFAULT_BATCH_SIZE);
    const maxRetries = this.retry.maxRetries ?? 10;
    let failures = 0;
    while (!this.progress.stopped) {
      const subscription = this.client.subscribeToAll({
        fromPosition: readPositionAfter(this.progress.position),
        filter: excludeSystemEvents(),
      });
      this.current = subscription;
      subscription.on('confirmation', () => {
        failures = 0;
      });
      try {
        for await (const batch of batches(subscription, batchSize)) {
          if (this.progress.stopped) break;
          await this.deliver(batch);
          failures = 0;
        }
        if (this.progress.stopped) break;
        // The server ended the stream without an error: resubscribe, but never in a hot loop.
        if (++failures > maxRetries) throw new Error('KurrentDB kept ending the $all subscription');
        await this.backOff(failures);
      } catch (error) {
        if (error instanceof ConsumerError) throw error.reason;
        if (this.progress.stopped) break;
        if (++failures > maxRetries) throw error;
        await this.backOff(failures);
      } finally {
        this.current = null;
        await subscription.unsubscribe().catch(() => undefined);
      }
    }
  }

  private async deliver(batch: AllStreamResolvedEvent[]): Promise<void> {
    const events: RecordedEvent[] = [];
    for (const resolved of batch) {
      const event = toRecordedEvent(resolved);
      // Resubscribing from a position may replay it; never hand an event over twice.
      if (event && event.globalPosition > this.progress.position) events.push(event);
    }
    if (events.length === 0) return;
    try {
      await deliverBatch(this, this.options, events);
    } catch (error) {
      throw new ConsumerError(error);
    }
    this.progress.delivered(events[events.length - 1].globalPosition);
  }

  private async backOff(failures: number): Promise<void> {
    const initial = this.retry.initialDelayMs ?? 100;
    const ms = Math.min(this.retry.maxDelayMs ?? 5000, initial * 2 ** (failures - 1));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeFromBackoff = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wakeFromBackoff = null;
  }
}

/**
 * Groups what the subscription has already buffered into one batch, so a catch-up over many
 * events reaches onEvents in large batches while a live event is handed over at once.
 */
async function* batches(subscription: AllStreamSubscription, max: number): AsyncGenerator<AllStreamResolvedEvent[]> {
  const iterator = subscription[Symbol.asyncIterator]();
  try {
    for (;;) {
      const first = await iterator.next();
      if (first.done) return;
      const batch = [first.value];
      while (batch.length < max && subscription.readableLength > 0) {
        const next = await iterator.next();
        if (next.done) break;
        batch.push(next.value);
      }
      yield batch;
    }
  } finally {
    await iterator.return?.();
  }
}
