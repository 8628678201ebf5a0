import { campaignDecider, streams, surveyDecider, type SupplierState, type SurveyCommand } from '@dd/domain';
import { completeDeclaration, completeEmrtDeclaration } from '@dd/domain/testing';
import { MemoryEventStore } from '@dd/event-store';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { oecdStatusProjection } from '../oecd-status/oecd-status.projection';
import { OecdStatusQueries } from '../oecd-status/oecd-status.queries';
import { projectAll, projectTwice } from '../test-support/apply-twice.fixture';
import { DomainLog } from '../test-support/domain-log.fixture';
import { campaignProjection } from './campaign.projection';
import { CampaignQueries } from './campaign.queries';

/**
 * Received and usable per template family: given a log the real deciders wrote (a campaign for both
 * templates, CMRT and EMRT answers, a blank EMRT), then the campaign read model counts each family apart
 * and the OECD status files EMRT requests and responses as evidence too.
 */
describe('campaign figures per template family', () => {
  const period = 2024;
  const now = '2025-01-20T09:00:00.000Z';
  let store: MemoryEventStore;
  let log: DomainLog;
  let db: ReadModelDb;

  const supplier = (supplierId: string): SupplierState => ({
    status: 'registered',
    supplierId,
    name: `Supplier ${supplierId}`,
    tier: 'direct',
  });
  const survey = (supplierId: string, family: 'cmrt' | 'emrt', command: SurveyCommand) =>
    log.decide(streams.survey(period, supplierId, family), surveyDecider, command, { supplier: supplier(supplierId), now });

  beforeEach(() => {
    store = new MemoryEventStore();
    log = new DomainLog(store);
    db = openReadModelDb(':memory:');
  });

  afterEach(async () => {
    await store.close();
    db.close();
  });

  async function seed(): Promise<void> {
    for (const id of ['a', 'b', 'c']) await log.registerSupplier({ supplierId: id, name: `Supplier ${id}` });
    await log.decide(
      streams.campaign('both-2024'),
      campaignDecider,
      { type: 'LaunchCampaign', data: { campaignId: 'both-2024', period, selection: {}, family: 'both' } },
      {
        now,
        period: { status: 'open', policy: { reminderDays: [14], defaultDueDate: '2025-03-31' }, reports: 0 },
        selected: ['a', 'b', 'c'],
      },
    );
    // What the campaign dispatcher sends: both templates to each (campaign/<id>/<supplier>[/emrt]).
    for (const id of ['a', 'b', 'c'])
      for (const family of ['cmrt', 'emrt'] as const)
        await survey(id, family, {
          type: 'SendCMRT',
          data: { supplierId: id, period, dueDate: '2025-03-31', ...(family === 'emrt' ? { family } : {}) },
          campaignId: 'both-2024',
        });
    // All three answer the CMRT; a answers the EMRT properly, b sends the EMRT blank, c not at all.
    for (const id of ['a', 'b', 'c']) {
      const declaration = completeDeclaration();
      declaration.company.name = `Supplier ${id}`;
      await survey(id, 'cmrt', { type: 'RecordResponse', data: { supplierId: id, period, declaration } });
    }
    await survey('a', 'emrt', {
      type: 'RecordEmrtResponse',
      data: { supplierId: 'a', period, declaration: completeEmrtDeclaration('Supplier a') },
    });
    await survey('b', 'emrt', {
      type: 'RecordEmrtResponse',
      data: {
        supplierId: 'b',
        period,
        declaration: { company: {}, minerals: [], companyQuestions: {}, smelters: [], mines: [], products: [] },
      },
    });
  }

  it('given a campaign for both templates, then received and usable are counted per family, and each member once per family', async () => {
    await seed();
    await projectAll(store, db, [campaignProjection]);
    const queries = new CampaignQueries(db);
    const figures = queries.forPeriod(period, { today: '2025-01-21' });
    expect(figures.byFamily).toEqual({
      cmrt: { requestsSent: 3, responded: 3, responseRate: 1, usable: 3, usableRate: 1, awaitingResponse: 0, overdue: 0 },
      emrt: { requestsSent: 3, responded: 2, responseRate: 0.6667, usable: 1, usableRate: 0.3333, awaitingResponse: 1, overdue: 0 },
    });
    // The top level is the CMRT's, as before; the EMRT's open follow-up (b's blank) is not among the CMRT's.
    expect(figures).toMatchObject({ requestsSent: 3, responded: 3, usable: 3, followUpsOpen: 0 });
    const campaign = queries.campaign('both-2024', { today: '2025-01-21' })!;
    expect(campaign).toMatchObject({ family: 'both', sent: 6, responded: 5, usable: 4 });
    expect(campaign.byFamily).toEqual({
      cmrt: expect.objectContaining({ requestsSent: 3, responded: 3, usable: 3 }),
      emrt: expect.objectContaining({ requestsSent: 3, responded: 2, usable: 1 }),
    });
    expect(campaign.members.map((m) => [m.supplierId, m.family, m.responded, m.usable])).toEqual([
      ['a', 'cmrt', true, true],
      ['a', 'emrt', true, true],
      ['b', 'cmrt', true, true],
      ['b', 'emrt', true, false],
      ['c', 'cmrt', true, true],
      ['c', 'emrt', false, false],
    ]);
    expect(queries.openRequests().map((request) => [request.supplierId, request.family])).toEqual([['c', 'emrt']]);
  });

  it('applied twice, and rebuilt from the log, equals the live read model', async () => {
    await seed();
    const { once, twice, db: rebuilt } = await projectTwice(store, [campaignProjection]);
    rebuilt.close();
    expect(twice).toEqual(once);
  });

  it('files EMRT requests and responses as OECD evidence (surveyed, reviewed, smelters identified)', async () => {
    await seed();
    await projectAll(store, db, [oecdStatusProjection]);
    const status = new OecdStatusQueries(db).forPeriod(period, { today: '2025-01-21' });
    const evidence = (id: string) => status.steps.flatMap((step) => step.criteria).find((entry) => entry.id === id)!.evidenceCount;
    // Six requests (three CMRT, three EMRT); five responses (three CMRT, two EMRT); each CMRT and a's EMRT name smelters by CID.
    expect(evidence('suppliers-surveyed')).toBe(6);
    expect(evidence('responses-reviewed')).toBe(5);
    expect(evidence('smelters-identified')).toBe(4);
  });
});
