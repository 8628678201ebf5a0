import { AsyncLocalStorage } from 'node:async_hooks';
import type { RecordedEvent, SubscribeOptions, Subscription } from './event-envelope';

const delivering = new AsyncLocalStorage<Subscription>();

/** Runs onEvents so that the subscription can tell when stop() is called from inside it. */
export function deliverBatch(subscription: Subscription, options: SubscribeOptions, events: RecordedEvent[]): Promise<void> | void {
  return delivering.run(subscription, () => options.onEvents(events));
}

/**
 * True inside onEvents of this subscription. stop() must not wait for the loop there: the loop is
 * waiting for that very onEvents, and awaiting each other would hang both for good.
 */
export function isDeliveringFor(subscription: Subscription): boolean {
  return delivering.getStore() === subscription;
}
