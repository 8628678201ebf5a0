/**
 * A pass driven by the clock (reminders, overdue mitigations) goes through its rows a slice at a
 * time and lets the event loop serve what waits (HTTP requests, timers, projections) between
 * slices: at a million events one unbroken pass held every request for more than half a second.
 */

/** Rows a pass looks at before it lets the event loop go: a slice reads them by index in well under a few ms. */
export const DEFAULT_PASS_SLICE = 200;
/** Commands a pass sends before it lets the event loop go, whatever the slice's size: each one writes to the log. */
export const COMMANDS_PER_SLICE = 20;

/** Resolves after the event loop has served the I/O and timers that were waiting (setImmediate runs after them). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
