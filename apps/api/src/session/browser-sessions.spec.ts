import { BrowserSessions, MAX_SESSIONS, SESSION_IDLE_MS } from './browser-sessions';

describe('BrowserSessions', () => {
  const alice = { name: 'alice', role: 'compliance' as const };

  it('gives each sign-in its own opaque id that names the principal until it is closed', () => {
    const sessions = new BrowserSessions(() => 0);
    const first = sessions.open(alice);
    const second = sessions.open(alice);
    expect(first).not.toBe(second);
    expect(sessions.principal(first)).toEqual(alice);
    sessions.close(first);
    expect(sessions.principal(first)).toBeUndefined();
    expect(sessions.principal(second)).toEqual(alice);
  });

  it('ends a session left idle longer than the idle limit; use keeps it alive', () => {
    let now = 0;
    const sessions = new BrowserSessions(() => now);
    const used = sessions.open(alice);
    const idle = sessions.open(alice);
    now = SESSION_IDLE_MS - 1;
    expect(sessions.principal(used)).toEqual(alice);
    now = SESSION_IDLE_MS + 1;
    expect(sessions.principal(used)).toEqual(alice);
    expect(sessions.principal(idle)).toBeUndefined();
  });

  it('keeps at most MAX_SESSIONS, dropping the least recently used', () => {
    const sessions = new BrowserSessions(() => 0);
    const oldest = sessions.open(alice);
    const used = sessions.open(alice);
    for (let i = 2; i < MAX_SESSIONS; i++) sessions.open(alice);
    expect(sessions.principal(oldest)).toEqual(alice);
    sessions.open(alice);
    expect(sessions.principal(oldest)).toEqual(alice);
    expect(sessions.principal(used)).toBeUndefined();
  });
});
