import { MAX_PAGE_LIMIT, READ_QUERIES, SettableClock, type AnyReadQuery } from '@dd/engine';
import { seedDemoYear } from '../apps/cli/src/demo/seed-demo-year';
import { RunningApi } from './support/running-api';

interface Paged {
  status: number;
  rows: unknown[];
  total: string | null;
  link: string | null;
  body: any;
}

/**
 * Every list read answers a page at a time over HTTP: the JSON body is the page's rows, the total in
 * X-Total-Count, the next page in Link rel="next" (absent on the last page), in a stable order, so
 * that following the links gives exactly the whole list; files (csv, xlsx) hold every row.
 */
describe('paged list reads', () => {
  const period = 2024;
  const clock = new SettableClock(`${period + 1}-01-01T00:00:00.000Z`);
  let api: RunningApi;

  const lists = READ_QUERIES.filter((query) => query.paging);
  /** A request of each list read with the parameters it needs on the sample year. */
  const requestOf: Record<string, string> = {
    '/risk-register': `/risk-register?period=${period}`,
    '/smelters': `/smelters?period=${period}`,
    '/smelters/unresolved': `/smelters/unresolved?period=${period}`,
    '/smelters/conformance': `/smelters/conformance?period=${period}`,
    '/products': '/products',
    '/product-lines': '/product-lines',
    '/suppliers': '/suppliers',
    '/surveys': `/surveys?period=${period}`,
    '/follow-ups': `/follow-ups?status=all&period=${period}`,
    // '/smelters/{cid}/namings': set once the demo year is seeded (its most named smelter).
  };

  async function get(path: string): Promise<Paged> {
    const response = await fetch(`${api.started.url}${path}`);
    const body = (await response.json()) as unknown[];
    return {
      status: response.status,
      rows: body as unknown[],
      body,
      total: response.headers.get('x-total-count'),
      link: response.headers.get('link'),
    };
  }

  const nextOf = (link: string | null) => (link === null ? null : /^<([^>]+)>; rel="next"$/.exec(link)![1]);

  /** Follows the Link headers from `first`, every page checked for its total; the rows of all pages. */
  async function walk(first: string): Promise<{ rows: unknown[]; pages: number; totals: Set<string | null> }> {
    const rows: unknown[] = [];
    const totals = new Set<string | null>();
    let pages = 0;
    for (let path: string | null = first; path !== null;) {
      const page = await get(path);
      expect({ path, status: page.status }).toEqual({ path, status: 200 });
      rows.push(...page.rows);
      totals.add(page.total);
      pages++;
      path = nextOf(page.link);
    }
    return { rows, pages, totals };
  }

  beforeAll(async () => {
    api = await RunningApi.start({ engine: { clock, escalationIntervalMs: 0, reminderIntervalMs: 0 } });
    await seedDemoYear(api.started.app, clock, period);
    // The namings of the smelter the demo year names most often.
    const smelters = (await get(`/smelters?period=${period}`)).rows as Array<{ smelterId: string; namings: number }>;
    const most = [...smelters].sort((a, b) => b.namings - a.namings)[0];
    // More namings than a page of two holds: the walk below crosses pages.
    expect(most.namings).toBeGreaterThan(2);
    requestOf['/smelters/{cid}/namings'] = `/smelters/${most.smelterId}/namings?period=${period}`;
  }, 180_000);

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('covers every list read of the read table', () => {
    expect(lists.map((query: AnyReadQuery) => query.path).sort()).toEqual(Object.keys(requestOf).sort());
  });

  it('gives, page after page by the Link header, exactly the rows of the whole list, with its total on every page', async () => {
    for (const query of lists) {
      const request = requestOf[query.path];
      const whole = await get(`${request}${request.includes('?') ? '&' : '?'}limit=${MAX_PAGE_LIMIT}`);
      expect(whole.link).toBeNull();
      expect(whole.total).toBe(String(whole.rows.length));
      const walked = await walk(`${request}${request.includes('?') ? '&' : '?'}limit=2`);
      expect({ path: query.path, rows: walked.rows, totals: [...walked.totals] }).toEqual({
        path: query.path,
        rows: whole.rows,
        totals: [String(whole.rows.length)],
      });
      expect(walked.pages).toBe(Math.max(1, Math.ceil(whole.rows.length / 2)));
    }
    // The sample year has enough of the big lists for several pages.
    expect((await get(`/risk-register?period=${period}&limit=2`)).link).not.toBeNull();
    expect((await get('/suppliers?limit=2')).link).not.toBeNull();
  });

  it('keeps the filters in the next link and counts what they select', async () => {
    const all = await get(`/risk-register?period=${period}&limit=${MAX_PAGE_LIMIT}`);
    const high = (all.rows as Array<{ severity: string }>).filter((risk) => risk.severity === 'high');
    expect(high.length).toBeGreaterThan(1);
    const first = await get(`/risk-register?period=${period}&severity=high&limit=1`);
    expect(first.total).toBe(String(high.length));
    expect(nextOf(first.link)).toMatch(/^\/risk-register\?period=2024&severity=high&limit=1&cursor=[\w-]+$/);
    const walked = await walk(`/risk-register?period=${period}&severity=high&limit=1`);
    expect(walked.rows).toEqual(high);
  });

  it('starts the next page after the last row it gave, even when a row is written before it in between', async () => {
    const first = await get('/suppliers?limit=2');
    const [, second] = first.rows as Array<{ supplierId: string }>;
    const rest = await walk(nextOf(first.link)!);
    // A supplier registered meanwhile, sorting before the cursor, is not given again nor shifts the rest.
    const registered = await api.request('POST', '/commands/RegisterSupplier', {
      body: { supplierId: 'aaa-first', name: 'Aardvark Metals', tier: 'direct', country: 'DE' },
    });
    expect(registered.status).toBe(201);
    const after = await walk(nextOf(first.link)!);
    expect(after.rows).toEqual(rest.rows);
    expect((after.rows as Array<{ supplierId: string }>).every((supplier) => supplier.supplierId > second.supplierId)).toBe(true);
    expect([...after.totals]).toEqual([String(Number([...rest.totals][0]) + 1)]);
  });

  it('defaults to 500 rows and refuses a limit out of 1..5000 or a cursor it did not give, naming the parameter', async () => {
    const page = await get('/suppliers');
    expect(page.rows.length).toBe(Math.min(500, Number(page.total)));
    for (const [search, message] of [
      ['limit=0', expect.stringMatching(/>=1|at least|too small/i)],
      ['limit=5001', expect.stringMatching(/<=5000|at most|too big/i)],
      ['limit=ten', expect.any(String)],
      ['cursor=not-a-cursor', expect.stringMatching(/not a cursor/)],
    ] as const) {
      const refused = await get(`/suppliers?${search}`);
      expect({ search, status: refused.status, errors: refused.body.errors }).toEqual({
        search,
        status: 400,
        errors: [{ path: search.split('=')[0], message }],
      });
    }
    // A cursor of another list is refused, not misread.
    const risks = await get(`/risk-register?period=${period}&limit=1`);
    const riskCursor = new URL(nextOf(risks.link)!, 'http://x').searchParams.get('cursor')!;
    const foreign = await get(`/suppliers?cursor=${riskCursor}`);
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([{ path: 'cursor', message: 'a cursor of GetRiskRegister, not of GetSupplierProfiles' }]);
  });

  it("pages a smelter's namings under its own name: a malformed CID is refused naming cid, an unknown one has none", async () => {
    const refused = await get('/smelters/not-a-cid/namings');
    expect({ status: refused.status, errors: refused.body.errors }).toEqual({
      status: 400,
      errors: [{ path: 'cid', message: 'not an RMI smelter id (CID and 6 digits)' }],
    });
    const unknown = await get('/smelters/CID999999/namings');
    expect({ status: unknown.status, rows: unknown.rows, total: unknown.total }).toEqual({ status: 200, rows: [], total: '0' });
    // Asked in lower case, as the smelter itself may be.
    const request = requestOf['/smelters/{cid}/namings'];
    const lower = await get(request.replace(/CID\d{6}/, (cid) => cid.toLowerCase()));
    expect(lower.rows).toEqual((await get(request)).rows);
  });

  it('exports every row as csv whatever limit the request names', async () => {
    const whole = await get(`/risk-register?period=${period}&limit=${MAX_PAGE_LIMIT}`);
    const response = await fetch(`${api.started.url}/risk-register?period=${period}&limit=1&format=csv`);
    expect(response.status).toBe(200);
    const lines = (await response.text()).trim().split(/\r?\n/);
    // A header line, then a line per risk (no field of the sample year's risks spans lines).
    expect(lines.length).toBe(whole.rows.length + 1);
  });

  it('documents limit, cursor, X-Total-Count and Link on every list read', async () => {
    const document = (await api.get('/docs/openapi.json')).body;
    for (const query of lists) {
      const get = document.paths[query.path].get;
      expect(get.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(expect.arrayContaining(['limit', 'cursor']));
      expect(Object.keys(get.responses[200].headers)).toEqual(['X-As-Of-Position', 'X-As-Of-Source', 'X-Total-Count', 'Link']);
    }
  });
});
