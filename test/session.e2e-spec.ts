import { RunningApi } from './support/running-api';

/**
 * The console's sign-in over real HTTP: an API key posted once becomes an HttpOnly session cookie;
 * the cookie then acts as the key's principal (its role decides writes, the log records it as
 * actor), its writes need the console's header, and signing out ends it.
 */
const KEYS = 'compliance-key-1=alice:compliance,auditor-key-1=audit-firm:auditor';

describe('Browser session (POST/GET/DELETE /session)', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await RunningApi.start({ apiKeys: KEYS });
  });
  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  async function call(method: string, path: string, options: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.cookie) headers.cookie = options.cookie;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${api.started.url}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
  }

  async function signIn(apiKey: string): Promise<{ cookie: string; setCookie: string; body: any; text: string }> {
    const response = await call('POST', '/session', { body: { apiKey } });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie')!;
    return { cookie: setCookie.split(';')[0], setCookie, body: response.body, text: response.text };
  }

  const register = (supplierId: string, cookie: string, headers: Record<string, string> = {}) =>
    call('POST', '/commands/RegisterSupplier', { cookie, body: { supplierId, name: `Supplier ${supplierId}`, tier: 'direct' }, headers });
  const consoleHeader = { 'x-requested-with': 'dd-console' };
  const trail = async () =>
    (await api.get('/audit-trail', { 'x-api-key': 'auditor-key-1' })).body.items as Array<{ type: string; actor: string }>;

  it('given a compliance key, when the browser signs in, then it gets an HttpOnly SameSite=Strict session cookie that ends with the browser, and never the key', async () => {
    const { setCookie, body, text } = await signIn('compliance-key-1');
    expect(body).toEqual({ name: 'alice', role: 'compliance', signedIn: true });
    expect(setCookie).toMatch(/^dd_session=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toMatch(/Expires|Max-Age/i);
    expect(setCookie).not.toContain('compliance-key-1');
    expect(text).not.toContain('compliance-key-1');
  });

  it('when the signed-in browser writes with the console header, then the command runs and the log records the principal as actor', async () => {
    const { cookie } = await signIn('compliance-key-1');
    expect((await call('GET', '/session', { cookie })).body).toEqual({ name: 'alice', role: 'compliance', signedIn: true });
    const registered = await register('by-cookie', cookie, consoleHeader);
    expect(registered.status).toBe(201);
    expect((await trail()).filter((event) => event.type === 'SupplierRegistered').map((event) => event.actor)).toEqual(['alice']);
  });

  it('when a cookie-authenticated write lacks the console header, or comes from another site, then it is refused and nothing is written', async () => {
    const { cookie } = await signIn('compliance-key-1');
    const before = (await trail()).length;
    const withoutHeader = await register('no-header', cookie);
    expect(withoutHeader.status).toBe(403);
    expect(withoutHeader.body.code).toBe('console-header-missing');
    const crossSite = await register('cross-site', cookie, { ...consoleHeader, 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.code).toBe('cross-site-write');
    // Reads need no header: nothing a read does can be forged into a change.
    expect((await call('GET', '/suppliers', { cookie })).status).toBe(200);
    expect(await trail()).toHaveLength(before);
  });

  it("given an auditor's session, when it reads, then it may; when it writes, then 403 as with the auditor's key", async () => {
    const { cookie, body } = await signIn('auditor-key-1');
    expect(body).toEqual({ name: 'audit-firm', role: 'auditor', signedIn: true });
    expect((await call('GET', '/audit-trail', { cookie })).status).toBe(200);
    const write = await register('by-auditor', cookie, consoleHeader);
    expect(write.status).toBe(403);
    expect(write.body.detail).toMatch(/audit-firm \(auditor\) may not/);
  });

  it('when the browser signs out, then the cookie is cleared and the old session id no longer opens anything', async () => {
    const { cookie } = await signIn('compliance-key-1');
    const out = await call('DELETE', '/session', { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^dd_session=; .*Max-Age=0/);
    const after = await call('GET', '/session', { cookie });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('session-ended');
    expect((await register('after-sign-out', cookie, consoleHeader)).status).toBe(401);
  });

  it('refuses an unknown key (401), a body without apiKey (400 naming it), and answers 401 to GET /session with no credential', async () => {
    const unknown = await call('POST', '/session', { body: { apiKey: 'not-a-key' } });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('set-cookie')).toBeNull();
    const missing = await call('POST', '/session', { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((error: { path: string }) => error.path)).toEqual(['apiKey']);
    expect((await call('GET', '/session')).status).toBe(401);
    expect((await call('GET', '/session', { cookie: 'dd_session=made-up' })).status).toBe(401);
    // An API key still works alone, and names its own principal.
    expect((await call('GET', '/session', { headers: { 'x-api-key': 'auditor-key-1' } })).body).toEqual({
      name: 'audit-firm',
      role: 'auditor',
      signedIn: true,
    });
  });

  it('is in the OpenAPI document, with the cookie as a security scheme', async () => {
    const docs = (await api.get('/docs-json')).body;
    expect(Object.keys(docs.paths['/session']).sort()).toEqual(['delete', 'get', 'post']);
    expect(docs.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'dd_session' });
  });
});

describe('Browser session without API keys', () => {
  it('answers the local admin, who needs no sign-in; a write from another site is refused all the same', async () => {
    const api = await RunningApi.start();
    try {
      expect((await api.get('/session')).body).toEqual({ name: 'local', role: 'admin', signedIn: false });
      const crossSite = await api.post(
        'RegisterSupplier',
        { supplierId: 'x', name: 'X', tier: 'direct' },
        { 'sec-fetch-site': 'cross-site' },
      );
      expect(crossSite.status).toBe(403);
      expect((await api.post('RegisterSupplier', { supplierId: 'x', name: 'X', tier: 'direct' })).status).toBe(201);
    } finally {
      await api.stop();
      api.removeData();
    }
  });
});

describe('Browser session on a read-only replica', () => {
  it('signs an auditor in (signing in records nothing), and still refuses writes with 405', async () => {
    const primary = await RunningApi.start({ apiKeys: KEYS });
    const dataDir = primary.dataDir;
    await primary.stop();
    const replica = await RunningApi.start({ dataDir, apiKeys: KEYS, readOnly: true });
    try {
      const signIn = await fetch(`${replica.started.url}/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiKey: 'auditor-key-1' }),
      });
      expect(signIn.status).toBe(200);
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
      expect((await replica.get('/session', { cookie })).body).toEqual({ name: 'audit-firm', role: 'auditor', signedIn: true });
      const write = await replica.post(
        'RegisterSupplier',
        { supplierId: 'x', name: 'X', tier: 'direct' },
        { 'x-api-key': 'compliance-key-1' },
      );
      expect(write.status).toBe(405);
    } finally {
      await replica.stop();
      replica.removeData();
    }
  });
});
