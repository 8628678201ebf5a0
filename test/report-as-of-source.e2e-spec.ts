import { rmSync } from 'node:fs';
import { RiskReports, SettableClock } from '@dd/engine';
import { RunningApi } from './support/running-api';

/**
 * The risk report and the CMR draft, asked as of a past point, say how they were answered, as every
 * read does (X-As-Of-Source): `history` when their read models were read from the history the read-model
 * file keeps, `replay; reason=…` when the log was replayed up to the cut. Over real HTTP on a real
 * SQLite file; the header is what answered, never a constant: the same request says `replay` once
 * the history is switched off, and a risk report whose previous report stands before the history
 * begins says the replay that comparison took.
 */
describe('the reports say how an as-of answer was had (X-As-Of-Source)', () => {
  const period = 2024;
  const REPLAYED_WITH_HISTORY_OFF = /^replay; reason=history-off; since=\d+$/;

  /** A report over HTTP: its status and the headers that say where it stands and how it was had. */
  const reportFrom = (api: RunningApi) => async (path: string) => {
    const response = await fetch(`${api.started.url}${path}`);
    await response.arrayBuffer();
    return {
      status: response.status,
      position: response.headers.get('x-as-of-position'),
      source: response.headers.get('x-as-of-source'),
    };
  };
  const grievance = (api: RunningApi, grievanceId: string) =>
    api.accepted('RecordGrievance', {
      period,
      grievanceId,
      description: `tip ${grievanceId}: a tin smelter buys from an armed group`,
      metal: 'tin',
    });
  /** The position the live read models stand on (every read names it). */
  const position = async (api: RunningApi) => {
    const response = await fetch(`${api.started.url}/risk-register?period=${period}`);
    await response.arrayBuffer();
    return Number(response.headers.get('x-as-of-position'));
  };

  describe('with the read models keeping their history (the default)', () => {
    const clock = new SettableClock('2025-03-01T09:00:00.000Z');
    let api: RunningApi;
    let report: ReturnType<typeof reportFrom>;
    let early: number;

    beforeAll(async () => {
      api = await RunningApi.start({ engine: { clock, escalationIntervalMs: 0, reminderIntervalMs: 0, riskReportIntervalMs: 0 } });
      report = reportFrom(api);
      await api.accepted('DeclareGrievanceMechanism', { period, description: 'Whistleblower line' });
      await grievance(api, 'g-1');
      early = await position(api);
      clock.set('2025-03-10T09:00:00.000Z');
      await grievance(api, 'g-2');
      await grievance(api, 'g-3');
    }, 60_000);

    afterAll(async () => {
      await api.stop();
      api.removeData();
    });

    it('given an as-of log position, when the risk report is asked for in each format, then each says it was read from the history', async () => {
      for (const format of ['html', 'md', 'json']) {
        expect(await report(`/reports/risk?period=${period}&asOf=${early}&format=${format}`)).toEqual({
          status: 200,
          position: String(early),
          source: 'history',
        });
      }
    });

    it('given an as-of log position, when the CMR draft is asked for, then it says it was read from the history', async () => {
      for (const format of ['md', 'html']) {
        expect(await report(`/reports/cmr?period=${period}&asOf=${early}&format=${format}`)).toEqual({
          status: 200,
          position: String(early),
          source: 'history',
        });
      }
    });

    it('given an as-of business date, when either report is asked for, then it says the log was replayed for a business time', async () => {
      // A past business time can have been recorded late: it is not a position the history can answer.
      expect((await report(`/reports/risk?period=${period}&asOf=2025-03-05&format=json`)).source).toBe('replay; reason=business-time');
      expect((await report(`/reports/cmr?period=${period}&asOf=2025-03-05T12:00:00Z&format=md`)).source).toBe(
        'replay; reason=business-time',
      );
    });

    it('given no asOf, when either report is asked for now, then it says nothing of history or replay, as a live read does', async () => {
      const head = await position(api);
      expect(await report(`/reports/risk?period=${period}&format=json`)).toEqual({ status: 200, position: String(head), source: null });
      expect(await report(`/reports/cmr?period=${period}&format=md`)).toEqual({ status: 200, position: String(head), source: null });
    });

    it("documents X-As-Of-Source on both reports, with the reads' pattern, which what they send matches", async () => {
      const paths = (await api.get('/docs/openapi.json')).body.paths as Record<string, any>;
      const readPattern = paths['/risk-register'].get.responses[200].headers['X-As-Of-Source'].schema.pattern;
      for (const path of ['/reports/risk', '/reports/cmr']) {
        const headers = paths[path].get.responses[200].headers;
        expect(Object.keys(headers)).toEqual(['X-Content-SHA256', 'X-As-Of-Position', 'X-As-Of-Time', 'X-As-Of-Source']);
        expect(headers['X-As-Of-Source'].schema.pattern).toBe(readPattern);
        expect(headers['X-As-Of-Source'].description).toContain('replay; reason=<reason>');
      }
      const pattern = new RegExp(readPattern);
      const sent = [
        (await report(`/reports/risk?period=${period}&asOf=${early}&format=md`)).source,
        (await report(`/reports/cmr?period=${period}&asOf=2025-03-05&format=md`)).source,
      ];
      for (const value of sent) expect(value).toMatch(pattern);
    });
  });

  describe('with the history switched off (DD_READ_MODEL_HISTORY=off), then on again, on one data directory', () => {
    const clock = new SettableClock('2025-03-01T09:00:00.000Z');
    const dataDir = RunningApi.dataDir();
    let api: RunningApi | null = null;
    const start = async (readModelHistory: boolean) => {
      api = await RunningApi.start({
        dataDir,
        readModelHistory,
        engine: { clock, escalationIntervalMs: 0, reminderIntervalMs: 0, riskReportIntervalMs: 0 },
      });
      return api;
    };
    const stop = async () => {
      await api?.stop();
      api = null;
    };

    afterAll(async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('off: the same as-of position is answered by a replay, and both reports say so and why', async () => {
      const off = await start(false);
      const report = reportFrom(off);
      await off.accepted('DeclareGrievanceMechanism', { period, description: 'Whistleblower line' });
      await grievance(off, 'g-1');
      const cut = await position(off);
      await grievance(off, 'g-2');
      const risk = await report(`/reports/risk?period=${period}&asOf=${cut}&format=json`);
      const draft = await report(`/reports/cmr?period=${period}&asOf=${cut}&format=md`);
      expect(risk).toMatchObject({ status: 200, position: String(cut) });
      expect(risk.source).toMatch(REPLAYED_WITH_HISTORY_OFF);
      expect(draft.source).toBe(risk.source);
      // A business time is replayed whatever the setting, and says that reason first.
      expect((await report(`/reports/risk?period=${period}&asOf=2025-03-05&format=json`)).source).toBe('replay; reason=business-time');
      // A report issued now, before the history is switched on again: the next report compares with it.
      await off.started.app.get(RiskReports).issue({ period, format: 'html', recipients: [], trigger: 'on-demand', actor: 'spec' });
      await stop();
    }, 60_000);

    it('on again: a cut the history reaches is read from it; a risk report whose previous report stands before the history says the replay that took', async () => {
      const on = await start(true);
      const report = reportFrom(on);
      await grievance(on, 'g-3');
      const cut = await position(on);
      // The CMR draft reads the read models at the cut only: the history, kept again since the restart, answers.
      expect(await report(`/reports/cmr?period=${period}&asOf=${cut}&format=md`)).toEqual({
        status: 200,
        position: String(cut),
        source: 'history',
      });
      // The risk report also reads them at the previous report's position, which the history does not reach.
      expect(await report(`/reports/risk?period=${period}&asOf=${cut}&format=json`)).toEqual({
        status: 200,
        position: String(cut),
        source: 'replay; reason=history-not-that-old',
      });
      await stop();
    }, 60_000);
  });
});
