/**
 * Test fixtures of the event store (`@dd/event-store/testing`): the contract every adapter runs, and
 * the tampering a person with write access to a sqlite file could do. Never part of a build.
 */
export * from './event-store.contract';
export * from './test-support/tamper';
