import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Principal } from '@dd/engine';

/** A session nobody used for this long has ended: a browser left open overnight signs in again. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** Sessions only come from valid API keys, but memory is bounded all the same: the least recently used goes first. */
export const MAX_SESSIONS = 10_000;

/** Injection token of the milliseconds clock sessions idle by (Date.now unless a spec gives its own). */
export const SESSION_WALL_CLOCK = Symbol('SESSION_WALL_CLOCK');

interface Session {
  principal: Principal;
  lastUsed: number;
}

/**
 * The console's signed-in browsers: an opaque random id (the cookie) → the principal its API key
 * named. Kept in memory only, so the key never leaves the request that signed in, and a restart
 * ends every session (the browser signs in again).
 */
@Injectable()
export class BrowserSessions {
  private readonly sessions = new Map<string, Session>();

  private readonly now: () => number;

  /** Idle time is wall-clock time, not the engine clock that tests and the demo year move. */
  constructor(@Optional() @Inject(SESSION_WALL_CLOCK) now?: () => number) {
    this.now = now ?? Date.now;
  }

  open(principal: Principal): string {
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { principal, lastUsed: this.now() });
    while (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    return id;
  }

  /** The session's principal, or undefined when there is no such session or it has been idle too long. */
  principal(id: string): Principal | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const now = this.now();
    this.sessions.delete(id);
    if (now - session.lastUsed > SESSION_IDLE_MS) return undefined;
    // Re-inserted: the map's order is least recently used first.
    this.sessions.set(id, { principal: session.principal, lastUsed: now });
    return session.principal;
  }

  close(id: string): void {
    this.sessions.delete(id);
  }
}
