import { READ_QUERIES, SettableClock, type AnyReadQuery } from '@dd/engine';
import { HEALTH_ROUTES } from '../apps/api/src/queries/health.responses';
import { seedDemoYear } from '../apps/cli/src/demo/seed-demo-year';
import { RunningApi } from './support/running-api';

interface DocumentedParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
}

/**
 * The read endpoints and their OpenAPI document come from one table: every GET route the server
 * registers is documented with exactly the parameters it accepts, and what it answers on the demo's
 * sample year is what its response schema says, field for field.
 */
describe('the read endpoints and their document', () => {
  const period = 2024;
  const clock = new SettableClock(`${period + 1}-01-01T00:00:00.000Z`);
  let api: RunningApi;
  let paths: Record<string, { get?: { parameters?: DocumentedParameter[] } }>;

  /** GET routes as Express holds them, in OpenAPI spelling (/smelters/{cid}). */
  function registeredGetRoutes(): string[] {
    const express = api.started.app.getHttpAdapter().getInstance();
    const layers: Array<{ route?: { path: string; methods: Record<string, boolean> } }> = express.router.stack;
    return layers.filter((layer) => layer.route?.methods.get).map((layer) => layer.route!.path.replace(/:(\w+)/g, '{$1}'));
  }

  const queryAt = (path: string): AnyReadQuery | undefined => READ_QUERIES.find((query) => query.path === path);

  beforeAll(async () => {
    api = await RunningApi.start({ engine: { clock, escalationIntervalMs: 0, reminderIntervalMs: 0 } });
    await seedDemoYear(api.started.app, clock, period);
    paths = (await api.get('/docs/openapi.json')).body.paths;
  }, 180_000);

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('documents every GET route the server registers (the document itself aside)', () => {
    const routes = registeredGetRoutes().filter((route) => !route.startsWith('/docs'));
    expect(routes.length).toBeGreaterThanOrEqual(READ_QUERIES.length);
    expect(routes.filter((route) => !paths[route]?.get)).toEqual([]);
  });

  it('documents, for every read, each parameter its schema accepts, where it goes and whether it is required', () => {
    for (const query of READ_QUERIES) {
      const documented = paths[query.path].get!.parameters ?? [];
      const accepted = Object.entries(query.params.shape).map(([name, schema]) => ({
        name,
        in: query.path.includes(`{${name}}`) ? 'path' : 'query',
        required: query.path.includes(`{${name}}`) || !schema.safeParse(undefined).success,
      }));
      // A read with renderings (CSV, XLSX, ...) also takes the HTTP layer's own format parameter.
      if (query.renderings) accepted.push({ name: 'format', in: 'query', required: false });
      // Every read also answers as of a past point of the log (read-as-of.ts).
      for (const name of ['asOf', 'asOfPosition', 'occurredAsOf']) accepted.push({ name, in: 'query', required: false });
      expect({ path: query.path, parameters: documented.map(({ name, in: where, required }) => ({ name, in: where, required })) }).toEqual({
        path: query.path,
        parameters: accepted,
      });
    }
  });

  it('refuses a query parameter its document does not list, naming it (nothing undocumented is accepted)', async () => {
    const riskRegister = await api.get(`/risk-register?period=${period}&category=grievance&severity=high&owner=anna`);
    expect(riskRegister.status).toBe(400);
    expect(riskRegister.body.errors).toEqual([{ path: 'owner', message: 'unknown field' }]);
    const documented = paths['/risk-register'].get!.parameters!.map((parameter) => parameter.name);
    expect(documented).toEqual(expect.arrayContaining(['period', 'status', 'supplierId', 'category', 'severity']));
    expect((await api.get(`/risk-register?period=${period}&category=grievance&severity=high`)).status).toBe(200);
  });

  it('answers, on the sample year, exactly what each response schema describes', async () => {
    const get = async (path: string) => {
      const response = await api.get(path);
      if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    };
    const risks = await get(`/risk-register?period=${period}`);
    const suppliers = await get('/suppliers');
    const products = await get('/products');
    const smelters = await get(`/smelters?period=${period}`);
    const campaigns = await get(`/campaigns?period=${period}`);
    const trail = await get('/audit-trail?limit=5&include=data');
    const requests: Record<string, string> = {
      '/risk-register': `/risk-register?period=${period}`,
      '/risk-register/{riskId}': `/risk-register/${risks[0].riskId}`,
      '/audit-trail': '/audit-trail?limit=5&include=data',
      '/events/{eventId}': `/events/${trail.items[1].eventId}`,
      '/oecd-status': `/oecd-status?period=${period}`,
      '/program': `/program?period=${period}`,
      '/product-conclusions': `/product-conclusions?period=${period}`,
      '/smelters': `/smelters?period=${period}`,
      '/smelters/unresolved': `/smelters/unresolved?period=${period}`,
      '/smelters/conformance': `/smelters/conformance?period=${period}`,
      '/smelters/{cid}': `/smelters/${smelters[0].smelterId}`,
      '/smelters/{cid}/namings': `/smelters/${smelters[0].smelterId}/namings?period=${period}`,
      '/periods/{period}': `/periods/${period}`,
      '/campaigns': `/campaigns?period=${period}`,
      '/campaigns/{campaignId}': `/campaigns/${campaigns.campaigns[0].campaignId}`,
      '/products': '/products',
      '/product-lines': '/product-lines',
      '/products/{productId}': `/products/${products[0].productId}`,
      '/suppliers': '/suppliers',
      '/suppliers/{id}': `/suppliers/${suppliers[0].supplierId}`,
      '/surveys': `/surveys?period=${period}`,
      '/reports/roll-forward': `/reports/roll-forward?years=${period},${period + 1}`,
      '/suppliers/{id}/messages': `/suppliers/${suppliers[0].supplierId}/messages?period=${period}`,
      '/messages/figures': `/messages/figures?period=${period}`,
      '/follow-ups': '/follow-ups?status=all',
    };
    expect(Object.keys(requests).sort()).toEqual(READ_QUERIES.map((query) => query.path).sort());
    for (const [path, request] of Object.entries(requests)) {
      const body = await get(request);
      const parsed = queryAt(path)!.response.safeParse(body);
      expect({ request, issues: parsed.success ? [] : parsed.error.issues }).toEqual({ request, issues: [] });
      // Parsing drops what a schema does not name: a field the document leaves out shows here.
      expect({ request, body: parsed.data }).toEqual({ request, body });
    }
  });

  it('answers health, liveness and readiness as their documented schemas describe', async () => {
    for (const route of HEALTH_ROUTES) {
      const response = await api.get(route.path);
      expect(response.status).toBe(200);
      const parsed = route.responses[200].schema!.safeParse(response.body);
      expect({ path: route.path, issues: parsed.success ? [] : parsed.error.issues }).toEqual({ path: route.path, issues: [] });
      expect({ path: route.path, body: parsed.data }).toEqual({ path: route.path, body: response.body });
    }
  });
});
