import { riskReportStream, streams } from '@dd/domain';
import { MemoryEventStore } from '@dd/event-store';
import { canonicalDump } from '../core/canonical-dump';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { projectAll, projectTwice } from '../test-support/apply-twice.fixture';
import { DomainLog } from '../test-support/domain-log.fixture';
import { appendEvent } from '../test-support/typed-events.fixture';
import { oecdStatusProjection } from './oecd-status.projection';
import { OecdStatusQueries, type OecdPeriodStatus } from './oecd-status.queries';

const period = 2024;
const program = streams.program(period);

function criterion(status: OecdPeriodStatus, id: string) {
  const found = status.steps.flatMap((step) => step.criteria).find((entry) => entry.id === id);
  if (!found) throw new Error(`no criterion ${id}`);
  return found;
}

/** Steps 1, 3 (management report) and 5 from the management-system events of program-<year> and period-<year>. */
describe('OECD status: management systems, reports to management, publication', () => {
  let store: MemoryEventStore;
  let db: ReadModelDb;
  let queries: OecdStatusQueries;

  beforeEach(() => {
    store = new MemoryEventStore();
    db = openReadModelDb(':memory:');
    queries = new OecdStatusQueries(db);
  });

  afterEach(async () => {
    await store.close();
    db.close();
  });

  const status = async (today = '2025-05-01') => {
    await projectAll(store, db, [oecdStatusProjection]);
    return queries.forPeriod(period, { today });
  };

  it('given nothing recorded, then each step-1 criterion says which command would evidence it', async () => {
    const given = await status();
    const step1 = given.steps[0];
    expect(step1.criteria.map((entry) => [entry.id, entry.met, entry.missing])).toEqual([
      ['policy-adopted', false, 'No sourcing policy has been adopted for 2024 (AdoptPolicy)'],
      [
        'policy-communicated-to-suppliers',
        false,
        'The 2024 policy has not been communicated to suppliers (CommunicatePolicy with audience "suppliers")',
      ],
      ['internal-team-assigned', false, 'No internal team with a senior sponsor has been assigned for 2024 (AssignTeam)'],
      ['contract-clauses', false, 'No supplier contract with conflict-minerals terms has been recorded for 2024 (RecordContractClause)'],
      ['grievance-mechanism', false, 'No grievance mechanism has been declared for 2024 (DeclareGrievanceMechanism)'],
      ['supply-chain-mapped', false, 'No supplier has been registered yet'],
    ]);
    expect(criterion(given, 'risks-reported-to-management').missing).toBe(
      'No management risk report has been recorded for 2024 yet (IssueRiskReport or ReportToManagement)',
    );
    expect(criterion(given, 'report-published').missing).toBe(
      'No publication of the 2024 due diligence report has been recorded (PublishReport)',
    );
  });

  it('given the management systems are recorded, then step 1 is met, each criterion with its evidence and detail', async () => {
    const log = new DomainLog(store);
    const supplier = await log.registerSupplier({ supplierId: 'cm-1' });
    await log.registerSupplier({ supplierId: 'cm-2' });
    const policy = await appendEvent(store, program, 'PolicyAdopted', { period, version: '2024-1', url: 'https://example.com/policy.pdf' });
    const revised = await appendEvent(store, program, 'PolicyAdopted', {
      period,
      version: '2024-2',
      url: 'https://example.com/policy-v2.pdf',
    });
    await appendEvent(store, program, 'PolicyCommunicated', { period, audience: 'customers', count: 40, policyVersion: '2024-2' });
    const toSuppliers = await appendEvent(store, program, 'PolicyCommunicated', {
      period,
      audience: 'suppliers',
      count: 205,
      policyVersion: '2024-2',
    });
    const team = await appendEvent(store, program, 'TeamAssigned', {
      period,
      members: [
        { name: 'Kim Lee', role: 'Compliance lead' },
        { name: 'Ola Berg', role: 'Procurement' },
      ],
      sponsor: 'CFO',
    });
    const clause1 = await appendEvent(store, program, 'ContractClauseRecorded', { period, supplierId: 'cm-1', clause: 'MSA §12' });
    const clause2 = await appendEvent(store, program, 'ContractClauseRecorded', { period, supplierId: 'cm-2', clause: 'MSA §12' });
    const mechanism = await appendEvent(store, program, 'GrievanceMechanismDeclared', {
      period,
      description: 'Whistleblower line',
      url: 'https://example.com/speak-up',
    });
    // Another year's records do not count for 2024.
    await appendEvent(store, streams.program(2025), 'PolicyAdopted', {
      period: 2025,
      version: '2025-1',
      url: 'https://example.com/policy-2025.pdf',
    });

    const given = await status();
    expect(given.steps[0]).toMatchObject({ step: 1, status: 'met', missing: [] });
    expect(criterion(given, 'policy-adopted')).toEqual({
      id: 'policy-adopted',
      description: expect.any(String),
      met: true,
      evidence: [policy.eventId, revised.eventId],
      evidenceCount: 2,
      detail: { version: '2024-2', url: 'https://example.com/policy-v2.pdf', eventId: revised.eventId },
    });
    expect(criterion(given, 'policy-communicated-to-suppliers')).toMatchObject({ met: true, evidence: [toSuppliers.eventId] });
    expect(criterion(given, 'internal-team-assigned')).toMatchObject({
      met: true,
      evidence: [team.eventId],
      detail: { sponsor: 'CFO', members: 2, eventId: team.eventId },
    });
    expect(criterion(given, 'contract-clauses')).toMatchObject({
      met: true,
      evidence: [clause1.eventId, clause2.eventId],
      detail: { suppliers: 2 },
    });
    expect(criterion(given, 'grievance-mechanism')).toMatchObject({
      met: true,
      evidence: [mechanism.eventId],
      detail: { description: 'Whistleblower line', url: 'https://example.com/speak-up' },
    });
    expect(criterion(given, 'supply-chain-mapped').evidence[0]).toBe(supplier.eventId);
    expect(
      queries
        .forPeriod(2025, { today: '2025-05-01' })
        .steps[0].criteria.filter((entry) => entry.met)
        .map((entry) => entry.id),
    ).toEqual(['policy-adopted', 'supply-chain-mapped']);
  });

  it('given a policy communicated to customers only, then suppliers are still missing', async () => {
    await appendEvent(store, program, 'PolicyAdopted', { period, version: '2024-1', url: 'https://example.com/policy.pdf' });
    await appendEvent(store, program, 'PolicyCommunicated', { period, audience: 'customers', count: 12, policyVersion: '2024-1' });
    const given = await status();
    expect(criterion(given, 'policy-communicated-to-suppliers')).toMatchObject({ met: false, evidence: [] });
    expect(given.steps[0].status).toBe('in-progress');
  });

  it('given a team whose sponsor is blank (recorded outside the command schema), then the sponsor is missing', async () => {
    await appendEvent(store, program, 'TeamAssigned', { period, members: [{ name: 'Kim', role: 'lead' }], sponsor: '' });
    expect(criterion(await status(), 'internal-team-assigned')).toMatchObject({
      met: false,
      missing: 'The internal team has no senior-management sponsor',
      detail: { sponsor: '', members: 1 },
    });
  });

  it('given a report to management, then step 3 names it; given the published report, then step 5 is met and says whether on time', async () => {
    const report = await appendEvent(store, program, 'ManagementReported', {
      period,
      recipient: 'CFO',
      summary: '3 open risks',
      reportNumber: 1,
    });
    const published = await appendEvent(store, streams.period(period), 'ReportPublished', {
      period,
      url: 'https://example.com/cmr-2024.pdf',
      sha256: 'a'.repeat(64),
      formSdDeadline: '2025-06-02',
      onTime: true,
    });
    const given = await status();
    expect(criterion(given, 'risks-reported-to-management')).toMatchObject({
      met: true,
      evidence: [report.eventId],
      detail: { reports: 1 },
    });
    expect(given.steps[4]).toMatchObject({ status: 'met', missing: [] });
    expect(criterion(given, 'report-published')).toMatchObject({
      met: true,
      evidence: [published.eventId],
      detail: {
        url: 'https://example.com/cmr-2024.pdf',
        sha256: 'a'.repeat(64),
        formSdDeadline: '2025-06-02',
        onTime: true,
        eventId: published.eventId,
      },
    });
  });

  it('given a risk report issued to senior management (IssueRiskReport), then step 3 names it as the report to management', async () => {
    const issued = await appendEvent(store, riskReportStream(period), 'RiskReportIssued', {
      reportId: 'scheduled-2024-04-01',
      period,
      asOfPosition: 0,
      asOfTime: '2024-04-01T00:00:00.000Z',
      format: 'html',
      sha256: 'b'.repeat(64),
      byteLength: 100,
      recipients: ['cfo@example.com'],
      trigger: 'schedule',
      file: `reports/${'b'.repeat(64)}.html`,
    });
    expect(criterion(await status(), 'risks-reported-to-management')).toMatchObject({
      met: true,
      evidence: [issued.eventId],
      detail: { reports: 1 },
    });
  });

  it('applied twice, and rebuilt from the log, equals the live read model', async () => {
    const log = new DomainLog(store);
    await log.registerSupplier({ supplierId: 'cm-1' });
    await appendEvent(store, program, 'PolicyAdopted', { period, version: '2024-1', url: 'https://example.com/policy.pdf' });
    await appendEvent(store, program, 'TeamAssigned', { period, members: [{ name: 'Kim', role: 'lead' }], sponsor: 'CFO' });
    // Live: projected in two runs, as events arrive.
    await projectAll(store, db, [oecdStatusProjection]);
    await appendEvent(store, program, 'PolicyAdopted', { period, version: '2024-2', url: 'https://example.com/policy-2.pdf' });
    await appendEvent(store, program, 'ContractClauseRecorded', { period, supplierId: 'cm-1', clause: 'MSA §12' });
    await appendEvent(store, program, 'GrievanceMechanismDeclared', { period, description: 'Whistleblower line' });
    await appendEvent(store, program, 'ManagementReported', { period, recipient: 'CFO', summary: 'ok', reportNumber: 1 });
    await appendEvent(store, streams.period(period), 'ReportPublished', {
      period,
      url: 'https://example.com/r.pdf',
      sha256: 'b'.repeat(64),
      formSdDeadline: '2025-06-02',
      onTime: false,
    });
    await projectAll(store, db, [oecdStatusProjection]);
    const live = canonicalDump(db, [oecdStatusProjection]);

    const { once, twice, db: rebuilt } = await projectTwice(store, [oecdStatusProjection]);
    try {
      expect(once).toEqual(live);
      expect(twice).toEqual(live);
      expect(new OecdStatusQueries(rebuilt).forPeriod(period, { today: '2025-07-01' })).toEqual(
        queries.forPeriod(period, { today: '2025-07-01' }),
      );
      expect(criterion(queries.forPeriod(period, { today: '2025-07-01' }), 'report-published').detail).toMatchObject({ onTime: false });
    } finally {
      rebuilt.close();
    }
  });
});
