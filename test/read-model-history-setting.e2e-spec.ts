import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SettableClock } from '@dd/engine';
import { RunningApi } from './support/running-api';

/**
 * DD_READ_MODEL_HISTORY=off, over real HTTP on one data directory restarted: the read models drop
 * their history (tables and triggers) and go on taking commands; reads as of a past position are
 * replayed and answer what they answered from history, saying so (X-As-Of-Source: replay and why);
 * switched on again, history is kept from then on (earlier positions still replay) and a rebuild makes it whole.
 */
describe('read models without history (DD_READ_MODEL_HISTORY=off), and with it again', () => {
  const period = 2024;
  const clock = new SettableClock('2025-03-01T09:00:00.000Z');
  const dataDir = RunningApi.dataDir();
  let api: RunningApi | null = null;

  const start = async (readModelHistory: boolean) => {
    api = await RunningApi.start({ dataDir, readModelHistory, engine: { clock, escalationIntervalMs: 0, reminderIntervalMs: 0 } });
    return api;
  };
  const stop = async () => {
    await api?.stop();
    api = null;
  };
  const ok = async (command: string, body: unknown) => {
    const response = await api!.post(command, body);
    if (response.status !== 201) throw new Error(`${command}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const read = async (path: string) => {
    const response = await fetch(`${api!.started.url}${path}`);
    return { status: response.status, body: (await response.json()) as any, position: Number(response.headers.get('x-as-of-position')) };
  };
  const grievance = (grievanceId: string) =>
    ok('RecordGrievance', { period, grievanceId, description: `tip ${grievanceId}: a tin smelter buys from an armed group`, metal: 'tin' });
  /** What the read-model file holds of history: its history tables and triggers, and the coverage rows. */
  const historyInFile = () => {
    const db = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true });
    try {
      const objects = db
        .prepare(`SELECT count(*) FROM sqlite_master WHERE name LIKE '%\\_\\_history%' ESCAPE '\\'`)
        .pluck()
        .get() as number;
      const coverage = db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'history_coverage'`).pluck().get()
        ? (db.prepare('SELECT count(*) FROM history_coverage').pluck().get() as number)
        : 0;
      return { objects, coverage };
    } finally {
      db.close();
    }
  };
  const asOfAnswers = async (positions: number[]) =>
    Promise.all(
      positions.map(async (position) => ({
        position,
        register: (await read(`/risk-register?period=${period}&asOfPosition=${position}`)).body,
        oecd: (await read(`/oecd-status?period=${period}&asOfPosition=${position}`)).body,
      })),
    );

  /** How each as-of answer says it was had (X-As-Of-Source), register and OECD status alike. */
  const asOfSources = async (positions: number[]) => {
    const sourceOf = async (path: string) => {
      const response = await fetch(`${api!.started.url}${path}`);
      await response.arrayBuffer();
      return response.headers.get('x-as-of-source');
    };
    const sources = await Promise.all(
      positions.flatMap((position) => [
        sourceOf(`/risk-register?period=${period}&asOfPosition=${position}`),
        sourceOf(`/oecd-status?period=${period}&asOfPosition=${position}`),
      ]),
    );
    return [...new Set(sources)];
  };

  let positions: number[];
  let fromHistory: Awaited<ReturnType<typeof asOfAnswers>>;
  let historySources: Array<string | null>;
  let liveSource: string | null;

  beforeAll(async () => {
    await start(true);
    await ok('DeclareGrievanceMechanism', { period, description: 'Whistleblower line' });
    const after: number[] = [];
    for (const id of ['g-1', 'g-2', 'g-3']) {
      await grievance(id);
      after.push((await read(`/risk-register?period=${period}`)).position);
    }
    const riskId = (await read(`/risk-register?period=${period}`)).body[0].riskId;
    await ok('AssessRisk', { riskId, likelihood: 'unlikely', impact: 'major', rationale: 'only one smelter near there' });
    await ok('CloseRisk', { riskId, resolution: 'accepted', note: 'investigated' });
    positions = [...after, (await read(`/risk-register?period=${period}`)).position];
    fromHistory = await asOfAnswers(positions);
    historySources = await asOfSources(positions);
    liveSource = (await fetch(`${api!.started.url}/risk-register?period=${period}`)).headers.get('x-as-of-source');
    expect(historyInFile().objects).toBeGreaterThan(0);
    await stop();
  }, 60_000);

  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('on: an as-of answer says it came from the history (X-As-Of-Source), a live answer says nothing', () => {
    expect(historySources).toEqual(['history']);
    expect(liveSource).toBeNull();
  });

  it('off: drops the history from the file, takes commands, and answers as of by replay what history answered', async () => {
    await start(false);
    expect(historyInFile()).toEqual({ objects: 0, coverage: 0 });
    expect(await asOfAnswers(positions)).toEqual(fromHistory);
    // Replayed, and why: history off since the position the read models stood at when it was switched off.
    const [source, ...others] = await asOfSources(positions);
    expect(others).toEqual([]);
    expect(source).toMatch(/^replay; reason=history-off; since=\d+$/);
    expect(Number(/since=(\d+)/.exec(source!)![1])).toBeGreaterThanOrEqual(positions[positions.length - 1]);
    await grievance('g-4');
    expect((await read(`/risk-register?period=${period}`)).body).toHaveLength(4);
    expect(historyInFile()).toEqual({ objects: 0, coverage: 0 });
    await stop();
  }, 60_000);

  it('on again: keeps history from then on; earlier positions are still answered (by replay), alike', async () => {
    await start(true);
    expect(historyInFile().objects).toBeGreaterThan(0);
    await grievance('g-5');
    expect(await asOfAnswers(positions)).toEqual(fromHistory);
    expect(await asOfSources(positions)).toEqual(['replay; reason=history-not-that-old']);
    expect((await read(`/risk-register?period=${period}`)).body).toHaveLength(5);
    await stop();
  }, 60_000);
});
