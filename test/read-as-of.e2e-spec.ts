import { SettableClock } from '@dd/engine';
import { RunningApi } from './support/running-api';

/**
 * Every read answers as of a past point of the log, over real HTTP on a real SQLite file: `asOf` (what
 * we knew at a recorded time), `asOfPosition` (a global position) and `occurredAsOf` (what had happened
 * by a business time). Each answer names the position it stands on in X-As-Of-Position.
 */
describe('reads as of a past point of the log', () => {
  const period = 2024;
  const clock = new SettableClock('2025-03-01T09:00:00.000Z');
  let api: RunningApi;

  const ok = async (command: string, body: unknown) => {
    const response = await api.post(command, body);
    if (response.status !== 201) throw new Error(`${command}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  /** A GET with its status, JSON body and the position it says it stands on. */
  const read = async (path: string) => {
    const response = await fetch(`${api.started.url}${path}`);
    const text = await response.text();
    const position = response.headers.get('x-as-of-position');
    return { status: response.status, body: text ? JSON.parse(text) : undefined, position: position === null ? null : Number(position) };
  };
  const grievance = (grievanceId: string) =>
    ok('RecordGrievance', { period, grievanceId, description: `tip ${grievanceId}: a tin smelter buys from an armed group`, metal: 'tin' });
  /** Lets the wall clock (recordedAt) move on by a few milliseconds, so that "before" and "after" differ. */
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

  // What the register showed after the first grievance, and when, and at which position.
  let first: { body: any[]; position: number; recordedBy: string };
  let head: number;

  beforeAll(async () => {
    api = await RunningApi.start({ engine: { clock, escalationIntervalMs: 0, reminderIntervalMs: 0 } });
    await ok('DeclareGrievanceMechanism', { period, description: 'Whistleblower line' });
    await grievance('g-1');
    const register = await read(`/risk-register?period=${period}`);
    first = { body: register.body, position: register.position!, recordedBy: new Date().toISOString() };
    await tick();
    clock.set('2025-03-10T09:00:00.000Z');
    await grievance('g-2');
    await grievance('g-3');
    await ok('AssessRisk', {
      riskId: first.body[0].riskId,
      likelihood: 'unlikely',
      impact: 'major',
      rationale: 'only one smelter near there',
    });
    await ok('CloseRisk', { riskId: first.body[0].riskId, resolution: 'accepted', note: 'investigated' });
    head = (await read(`/risk-register?period=${period}`)).position!;
  }, 60_000);

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('given a register that grew, answers now with every risk, naming the position it stands on', async () => {
    const now = await read(`/risk-register?period=${period}`);
    expect(now.status).toBe(200);
    expect(now.body).toHaveLength(3);
    expect(now.body.find((risk: any) => risk.riskId === first.body[0].riskId).status).toBe('closed');
    expect(now.position).toBe(head);
    expect(head).toBeGreaterThan(first.position);
  });

  it('as of a recorded time before the later grievances, answers with the one risk known then, still open', async () => {
    const then = await read(`/risk-register?period=${period}&asOf=${first.recordedBy}`);
    expect(then.status).toBe(200);
    expect(first.body).toHaveLength(1);
    expect(then.body).toEqual(first.body);
    expect(then.position).toBe(first.position);
  });

  it('as of a global position, answers exactly what the read answered when the log stood there', async () => {
    const then = await read(`/risk-register?period=${period}&asOfPosition=${first.position}`);
    expect(then).toEqual({ status: 200, body: first.body, position: first.position });
    const risk = await read(`/risk-register/${first.body[0].riskId}?asOfPosition=${first.position}`);
    expect(risk.body).toMatchObject({ status: 'open', assessment: null, closure: null });
    expect((await read(`/risk-register/${first.body[0].riskId}`)).body).toMatchObject({ status: 'closed' });
  });

  it('before anything was recorded, the register is empty and a single risk is not found', async () => {
    expect(await read(`/risk-register?period=${period}&asOf=2001-01-01`)).toEqual({ status: 200, body: [], position: 0 });
    expect((await read(`/risk-register/${first.body[0].riskId}?asOfPosition=0`)).status).toBe(404);
  });

  it('a risk not there as of a past position is a 404 that still says where it stands and how it was had', async () => {
    const response = await fetch(`${api.started.url}/risk-register/${first.body[0].riskId}?asOfPosition=1`);
    expect(response.status).toBe(404);
    expect((await response.json()) as any).toMatchObject({ status: 404 });
    expect(response.headers.get('x-as-of-position')).toBe('1');
    expect(response.headers.get('x-as-of-source')).toBe('history');
    const documented = (await api.get('/docs-json')).body.paths['/risk-register/{riskId}'].get.responses['404'];
    expect(Object.keys(documented.headers)).toEqual(['X-As-Of-Position', 'X-As-Of-Source']);
  });

  it('as of a business time (occurredAsOf), answers with what had happened by then', async () => {
    const early = await read(`/risk-register?period=${period}&occurredAsOf=2025-03-05`);
    expect(early.body.map((risk: any) => risk.riskId)).toEqual([first.body[0].riskId]);
    expect(early.body[0].status).toBe('open');
    expect((await read(`/risk-register?period=${period}&occurredAsOf=2025-03-10`)).body).toHaveLength(3);
  });

  it('says how an as-of answer was had (X-As-Of-Source): from history for a position or a recorded time, by replay for a business time', async () => {
    const sourceOf = async (path: string) => {
      const response = await fetch(`${api.started.url}${path}`);
      await response.arrayBuffer();
      return response.headers.get('x-as-of-source');
    };
    expect(await sourceOf(`/risk-register?period=${period}&asOfPosition=${first.position}`)).toBe('history');
    expect(await sourceOf(`/risk-register?period=${period}&asOf=${first.recordedBy}`)).toBe('history');
    expect(await sourceOf(`/risk-register/${first.body[0].riskId}?asOfPosition=${first.position}`)).toBe('history');
    // A past business time can have been recorded late: it is not a position the history can answer.
    expect(await sourceOf(`/risk-register?period=${period}&occurredAsOf=2025-03-05`)).toBe('replay; reason=business-time');
    expect(await sourceOf(`/oecd-status?period=${period}&occurredAsOf=2025-03-05`)).toBe('replay; reason=business-time');
    // A file rendering says it too; a live answer stands on the present and says nothing.
    expect(await sourceOf(`/risk-register?period=${period}&asOfPosition=${first.position}&format=csv`)).toBe('history');
    expect(await sourceOf(`/risk-register?period=${period}`)).toBeNull();
  });

  it('documents X-As-Of-Source on every read, its pattern matching what the answers say', async () => {
    const paths = (await api.get('/docs/openapi.json')).body.paths as Record<string, any>;
    const documented = Object.values(paths)
      .filter((path) => path.get?.tags?.includes('read models'))
      .map((path) => path.get.responses[200].headers['X-As-Of-Source']);
    expect(documented.length).toBeGreaterThan(10);
    const pattern = new RegExp(documented[0].schema.pattern);
    for (const header of documented) expect(header.schema.pattern).toBe(pattern.source);
    for (const value of ['history', 'replay; reason=business-time', 'replay; reason=history-off; since=12']) expect(value).toMatch(pattern);
    expect('replay').not.toMatch(pattern);
  });

  it('reads of the log itself see only the events up to the position', async () => {
    const trail = await read(`/audit-trail?asOfPosition=${first.position}&limit=1000`);
    expect(trail.status).toBe(200);
    expect(trail.body.items.map((item: any) => item.position)).toEqual(Array.from({ length: first.position }, (_, index) => index + 1));
  });

  it('refuses an as-of it cannot answer with 400 naming the parameter', async () => {
    const refused = async (query: string) => {
      const response = await read(`/risk-register?period=${period}&${query}`);
      expect(response.status).toBe(400);
      return response.body.errors.map((error: { path: string }) => error.path);
    };
    expect(await refused('asOf=yesterday')).toEqual(['asOf']);
    expect(await refused('asOf=2025-02-30T10:00:00')).toEqual(['asOf']);
    expect(await refused('occurredAsOf=31.12.2024')).toEqual(['occurredAsOf']);
    expect(await refused('asOfPosition=-1')).toEqual(['asOfPosition']);
    expect(await refused(`asOfPosition=${head + 1000}`)).toEqual(['asOfPosition']);
    expect(await refused(`asOfPosition=1&asOf=2025-01-01`)).toEqual(['asOfPosition']);
    expect(await refused(`asOfPosition=1&severity=dire`)).toEqual(['severity']);
  });
});
