/** Injection tokens for the engine's ports (interfaces have no runtime identity in TypeScript). */
export const EVENT_STORE = Symbol('EventStore');
export const READ_MODEL_DB = Symbol('ReadModelDb');
export const ENGINE_CONFIG = Symbol('EngineConfig');
export const CLOCK = Symbol('Clock');
/** How this process uses the read models (ReadModelRole): own them, or follow another process's. */
export const READ_MODEL_ROLE = Symbol('ReadModelRole');

/** The time source; tests and the demo year replace it to run a whole reporting year. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
