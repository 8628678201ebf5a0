import { riskFromGrievance, riskIdFor, streams, type GrievanceRecorded } from '@dd/domain';
import { MemoryEventStore } from '@dd/event-store';
import { canonicalDump } from '../core/canonical-dump';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { projectAll, projectTwice } from '../test-support/apply-twice.fixture';
import { appendEvent } from '../test-support/typed-events.fixture';
import { programProjection } from './program.projection';
import { ProgramQueries } from './program.queries';

const period = 2024;
const program = streams.program(period);

describe('management systems read model (GET /program)', () => {
  let store: MemoryEventStore;
  let db: ReadModelDb;
  let queries: ProgramQueries;

  beforeEach(() => {
    store = new MemoryEventStore();
    db = openReadModelDb(':memory:');
    queries = new ProgramQueries(db);
  });

  afterEach(async () => {
    await store.close();
    db.close();
  });

  /** A year's step-1 records, a grievance of each kind with the risk the process manager raised for the first. */
  async function seedYear() {
    const policy = await appendEvent(
      store,
      program,
      'PolicyAdopted',
      { period, version: '2024-1', url: 'https://example.com/policy.pdf' },
      { occurredAt: '2024-01-15T09:00:00.000Z' },
    );
    const revised = await appendEvent(
      store,
      program,
      'PolicyAdopted',
      { period, version: '2024-2', url: 'https://example.com/policy-2.pdf' },
      { occurredAt: '2024-03-01T09:00:00.000Z' },
    );
    const toSuppliers = await appendEvent(store, program, 'PolicyCommunicated', {
      period,
      audience: 'suppliers',
      count: 205,
      channel: 'supplier portal',
      policyVersion: '2024-2',
    });
    await appendEvent(store, program, 'PolicyCommunicated', { period, audience: 'suppliers', count: 5, policyVersion: '2024-2' });
    await appendEvent(store, program, 'PolicyCommunicated', { period, audience: 'customers', count: 40, policyVersion: '2024-2' });
    const team = await appendEvent(store, program, 'TeamAssigned', {
      period,
      members: [{ name: 'Kim Lee', role: 'Compliance lead' }],
      sponsor: 'CFO',
    });
    const clause = await appendEvent(store, program, 'ContractClauseRecorded', { period, supplierId: 'cm-1', clause: 'MSA 2024 §12' });
    await appendEvent(store, program, 'ContractClauseRecorded', { period, supplierId: 'cm-2', clause: 'MSA 2024 §12' });
    const mechanism = await appendEvent(store, program, 'GrievanceMechanismDeclared', { period, description: 'Whistleblower line' });
    const tip: GrievanceRecorded = { period, grievanceId: 'g-1', anonymous: true, description: 'Tin from an armed group', metal: 'tin' };
    const tipEvent = await appendEvent(store, program, 'GrievanceRecorded', tip, { occurredAt: '2024-09-01T10:00:00.000Z' });
    await appendEvent(store, program, 'GrievanceRecorded', {
      period,
      grievanceId: 'g-2',
      anonymous: false,
      reporter: 'Jane Roe, NGO',
      description: 'cm-1 buys from a suspended refiner',
      supplierId: 'cm-1',
    });
    const raise = riskFromGrievance(tip, tipEvent.eventId);
    const riskId = riskIdFor(raise);
    await appendEvent(store, streams.risk(riskId), 'RiskRaised', { riskId, ...raise }, { actor: 'system:grievance-risk' });
    const report = await appendEvent(store, program, 'ManagementReported', {
      period,
      recipient: 'CFO',
      summary: '2 open risks',
      reportNumber: 1,
    });
    return { policy, revised, toSuppliers, team, clause, mechanism, tipEvent, riskId, report };
  }

  it('shows an empty year as nothing recorded', async () => {
    await projectAll(store, db, [programProjection]);
    expect(queries.forPeriod(period)).toEqual({
      period,
      policy: null,
      communications: { totals: { suppliers: 0, customers: 0 }, items: [] },
      team: null,
      contractClauses: { count: 0, suppliers: [] },
      grievanceMechanism: null,
      grievances: { count: 0, anonymous: 0, risksRaised: 0, items: [] },
      managementReports: [],
    });
  });

  it('given a year of management-system records, then policy, communications, team, clauses, grievances and reports, each with its event', async () => {
    const seeded = await seedYear();
    await projectAll(store, db, [programProjection]);
    const year = queries.forPeriod(period);
    expect(year.policy).toEqual({
      version: '2024-2',
      url: 'https://example.com/policy-2.pdf',
      versions: 2,
      adoptedAt: '2024-03-01T09:00:00.000Z',
      by: 'compliance.officer@example.com',
      eventId: seeded.revised.eventId,
    });
    expect(year.communications.totals).toEqual({ suppliers: 210, customers: 40 });
    expect(year.communications.items[0]).toMatchObject({
      audience: 'suppliers',
      count: 205,
      channel: 'supplier portal',
      policyVersion: '2024-2',
      eventId: seeded.toSuppliers.eventId,
    });
    expect(year.team).toMatchObject({
      sponsor: 'CFO',
      members: [{ name: 'Kim Lee', role: 'Compliance lead' }],
      eventId: seeded.team.eventId,
    });
    expect(year.contractClauses.count).toBe(2);
    expect(year.contractClauses.suppliers.map((clause) => clause.supplierId)).toEqual(['cm-1', 'cm-2']);
    expect(year.contractClauses.suppliers[0].eventId).toBe(seeded.clause.eventId);
    expect(year.grievanceMechanism).toMatchObject({ description: 'Whistleblower line', url: null, eventId: seeded.mechanism.eventId });
    expect(year.grievances).toMatchObject({ count: 2, anonymous: 1, risksRaised: 1 });
    expect(year.grievances.items).toEqual([
      expect.objectContaining({
        grievanceId: 'g-1',
        anonymous: true,
        named: false,
        supplierId: null,
        metal: 'tin',
        riskId: seeded.riskId,
        at: '2024-09-01T10:00:00.000Z',
        eventId: seeded.tipEvent.eventId,
      }),
      expect.objectContaining({ grievanceId: 'g-2', anonymous: false, named: true, supplierId: 'cm-1', riskId: null }),
    ]);
    // The reporter's name is kept in the log, not shown in the read model.
    expect(JSON.stringify(year)).not.toContain('Jane Roe');
    expect(year.managementReports).toEqual([
      expect.objectContaining({ reportNumber: 1, recipient: 'CFO', summary: '2 open risks', eventId: seeded.report.eventId }),
    ]);
    expect(queries.forPeriod(2025).policy).toBeNull();
  });

  it('applied twice, and rebuilt from the log, equals the live read model', async () => {
    await appendEvent(store, program, 'PolicyAdopted', { period, version: '2024-1', url: 'https://example.com/policy.pdf' });
    await projectAll(store, db, [programProjection]);
    await seedYear();
    await projectAll(store, db, [programProjection]);
    const live = canonicalDump(db, [programProjection]);
    const { once, twice, db: rebuilt } = await projectTwice(store, [programProjection]);
    try {
      expect(once).toEqual(live);
      expect(twice).toEqual(live);
      expect(new ProgramQueries(rebuilt).forPeriod(period)).toEqual(queries.forPeriod(period));
      expect(queries.forPeriod(period).policy?.versions).toBe(3);
    } finally {
      rebuilt.close();
    }
  });
});
