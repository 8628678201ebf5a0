import { SettableClock } from '@dd/engine';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLOSED_PERIOD_RULES, isPublicCommandName, riskIdFor, type PublicCommandName } from '@dd/domain';
import { OverdueMitigationProcessManager } from '@dd/engine';
import { cmrtDeclarationRows, minimalXlsx } from '@dd/cmrt/testing';
import { completeEmrtDeclaration } from '@dd/domain/testing';
import { runCli } from './support/run-cli';
import { RunningApi } from './support/running-api';

/**
 * Trust under mistakes, over real HTTP on a real SQLite file: a closed year stays closed until it is
 * reopened with a reason; a list dated in the future is refused; a list imported by mistake is
 * withdrawn and the smelter register and the risk register are as they were before it; and text with
 * control or direction characters is refused with the path of the field (or, in a supplier's
 * workbook, neutralised and flagged).
 */
const inline = (address: string, text: string) => `<c r="${address}" t="inlineStr"><is><t>${text}</t></is></c>`;
const row = (r: number, ...cells: string[]) => `<row r="${r}">${cells.join('')}</row>`;
/** A minimal CMRT 6.4 workbook (Declaration sheet only) with this company name in D8. */
const cmrtWorkbook = (companyName: string) =>
  minimalXlsx({
    sheets: [{ name: 'Declaration', sheetData: cmrtDeclarationRows(row(8, inline('D8', companyName)) + row(26, inline('D26', 'No'))) }],
  });

const sha = (char: string) => char.repeat(64);
const tinDeclaration = (smelterIds: string[]) => ({
  templateVersion: '6.4',
  company: { name: 'Acme Components GmbH', scope: 'company' },
  minerals: { tin: { q1: { answer: 'Yes' }, q2: { answer: 'Yes' } } },
  smelters: smelterIds.map((smelterId, i) => ({ row: 5 + i, metal: 'tin', lookupName: smelterId, smelterId })),
});

describe('closed periods, future-dated and withdrawn lists, and text fields over HTTP', () => {
  let api: RunningApi;
  const clock = new SettableClock('2025-03-01T09:00:00.000Z');

  const ok = async (command: string, body: unknown) => {
    const response = await api.post(command, body);
    if (response.status !== 201) throw new Error(`${command}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { eventIds: string[]; streamId: string };
  };
  const head = async () => (await api.get('/health')).body.headPosition as number;
  const upload = (supplierId: string, period: number, bytes: Uint8Array) =>
    api.upload('/cmrt-responses', { supplierId, period: String(period) }, { name: `${supplierId}.xlsx`, bytes });

  beforeAll(async () => {
    api = await RunningApi.start({ engine: { clock, reminderIntervalMs: 0, escalationIntervalMs: 0 } });
  });

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('refuses every change to a closed year with 422 period-closed, until it is reopened with a reason', async () => {
    const period = 2024;
    await ok('RegisterSupplier', { supplierId: 'acme', name: 'Acme Components GmbH', tier: 'direct', country: 'DE' });
    await ok('OpenPeriod', { period, policy: { reminderDays: [14, 28] } });
    await ok('SendCMRT', { supplierId: 'acme', period, dueDate: '2025-03-31' });
    await ok('FlagNonConflictFree', { supplierId: 'acme', period, metal: 'tin', smelterId: 'CID000001', reason: 'RMI notice' });
    const riskId = riskIdFor({ period, supplierId: 'acme', category: 'non-conflict-free-smelter', metal: 'tin', smelterId: 'CID000001' });
    await ok('ClosePeriod', { period, note: 'Form SD filed' });
    expect((await api.get(`/periods/${period}`)).body).toMatchObject({ status: 'closed', closeNote: 'Form SD filed' });

    const before = await head();
    // Upload, assessment and the report to management: each refused, nothing appended.
    const uploaded = await upload('acme', period, cmrtWorkbook('Acme Components GmbH'));
    expect(uploaded.status).toBe(422);
    expect(uploaded.body).toMatchObject({
      status: 422,
      code: 'period-closed',
      detail: expect.stringMatching(/period 2024 is closed.*ReopenPeriod/),
    });
    const assessed = await api.post('AssessRisk', { riskId, likelihood: 'likely', impact: 'major', rationale: 'volume' });
    expect(assessed.status).toBe(422);
    expect(assessed.body.code).toBe('period-closed');
    const reported = await api.post('ReportToManagement', { period, recipient: 'CFO', summary: 'register reviewed' });
    expect(reported.body).toMatchObject({ status: 422, code: 'period-closed' });

    // Every command the catalogue says changes a year's records is refused the same way.
    const examples: Partial<Record<PublicCommandName, unknown>> = {
      LaunchCampaign: { campaignId: 'late-2024', period, dueDate: '2025-04-30' },
      AdoptPolicy: { period, version: '2024-2', url: 'https://example.com/policy.pdf' },
      CommunicatePolicy: { period, audience: 'suppliers', count: 10 },
      AssignTeam: { period, members: [{ name: 'Kim', role: 'lead' }], sponsor: 'CFO' },
      RecordContractClause: { period, supplierId: 'acme', clause: 'MSA §12' },
      DeclareGrievanceMechanism: { period, description: 'Whistleblower line' },
      RecordGrievance: { period, grievanceId: 'g-1', description: 'a tip' },
      ReportToManagement: { period, recipient: 'CFO', summary: 'x' },
      SendCMRT: { supplierId: 'acme', period, dueDate: '2025-04-30' },
      SendReminder: { supplierId: 'acme', period },
      RecordResponse: { supplierId: 'acme', period, declaration: tinDeclaration([]) },
      RecordEmrtResponse: { supplierId: 'acme', period, declaration: completeEmrtDeclaration('Acme') },
      AcceptResponse: { supplierId: 'acme', period },
      RequestFollowUp: { supplierId: 'acme', period, kind: 'incomplete', findings: ['D15 is blank'] },
      ResolveFollowUp: { supplierId: 'acme', period, followUpId: '2024-acme-1-incomplete', note: 'fixed' },
      ChaseFollowUp: { supplierId: 'acme', period, followUpId: '2024-acme-1-incomplete', note: 'still blank' },
      ConfirmSmelterMatch: { supplierId: 'acme', period, row: 5, smelterId: 'CID000001' },
      RevokeSupplierLink: { supplierId: 'acme', period, reason: 'contact left' },
      FlagNonConflictFree: { supplierId: 'acme', period, metal: 'gold', reason: 'x' },
      AssessRisk: { riskId, likelihood: 1, impact: 1, rationale: 'x' },
      AssignRiskOwner: { riskId, owner: 'maria' },
      DecideMitigation: { riskId, strategy: 'disengage', plan: 'stop', dueDate: '2025-06-30' },
      RecordMitigationProgress: { riskId, note: 'x' },
      CloseRisk: { riskId, resolution: 'moved-to-conflict-free-sources', note: 'x' },
    };
    const refused = Object.entries(CLOSED_PERIOD_RULES)
      .filter(([name, { rule }]) => rule === 'refused' && isPublicCommandName(name))
      .map(([name]) => name as PublicCommandName);
    expect(refused.filter((name) => !(name in examples))).toEqual([]);
    for (const name of refused) {
      const response = await api.post(name, examples[name]);
      expect([name, response.status, response.body.code]).toEqual([name, 422, 'period-closed']);
    }
    expect(await head()).toBe(before);

    // What belongs to no year goes on; the published report of the closed year is recorded.
    await ok('RegisterSupplier', { supplierId: 'bolt', name: 'Bolt Metals', tier: 'indirect', parentSupplierId: 'acme' });
    await ok('PublishReport', { period, url: 'https://example.com/cmr-2024.pdf', sha256: sha('e') });

    // Reopening is its own command: it needs a reason, and only a closed period can be reopened.
    expect((await api.post('ReopenPeriod', { period })).body).toMatchObject({
      status: 400,
      errors: [{ path: 'reason', message: expect.any(String) }],
    });
    expect((await api.post('ReopenPeriod', { period: 2025, reason: 'x' })).body).toMatchObject({ status: 422, code: 'period-not-closed' });
    clock.set('2025-03-03T10:00:00.000Z');
    const reopened = await ok('ReopenPeriod', { period, reason: 'acme sent a corrected CMRT after the close' });
    const view = (await api.get(`/periods/${period}`)).body;
    expect(view).toMatchObject({
      status: 'open',
      closedAt: null,
      reopenedAt: '2025-03-03T10:00:00.000Z',
      reopenReason: 'acme sent a corrected CMRT after the close',
    });
    expect(view.statusChanges).toEqual([
      { change: 'closed', at: '2025-03-01T09:00:00.000Z', by: 'local', note: 'Form SD filed', eventId: expect.any(String) },
      {
        change: 'reopened',
        at: '2025-03-03T10:00:00.000Z',
        by: 'local',
        note: 'acme sent a corrected CMRT after the close',
        eventId: reopened.eventIds[0],
      },
    ]);
    const trail = (await api.get(`/audit-trail?type=PeriodReopened`)).body.items;
    expect(trail).toEqual([expect.objectContaining({ eventId: reopened.eventIds[0], type: 'PeriodReopened', actor: 'local', period })]);

    // Then the same commands work again.
    expect((await upload('acme', period, cmrtWorkbook('Acme Components GmbH'))).status).toBe(201);
    await ok('AssessRisk', { riskId, likelihood: 'likely', impact: 'major', rationale: 'volume' });
    await ok('ReportToManagement', { period, recipient: 'CFO', summary: 'register reviewed after the correction' });
  });

  it('refuses a list dated in the future, naming the field; a mistaken list withdrawn restores the statuses and the risk register', async () => {
    const period = 2025;
    clock.set('2025-04-01T09:00:00.000Z');
    const referenceList = (asOf: string, file: string) => ({
      asOf,
      source: { kind: 'csv', fileName: `reference-${asOf}.csv`, sha256: sha(file) },
      rows: ['CID000001', 'CID000002', 'CID000003'].map((smelterId) => ({
        metal: 'tin',
        lookupName: smelterId,
        standardName: `Smelter ${smelterId}`,
        country: 'X',
        smelterId,
      })),
    });
    const statusList = (asOf: string, file: string, statuses: Record<string, string>) => ({
      asOf,
      source: { kind: 'csv', fileName: `rmap-${asOf}.csv`, sha256: sha(file) },
      entries: Object.entries(statuses).map(([smelterId, status]) => ({ metal: 'tin', smelterId, status })),
    });
    await ok('ImportReferenceList', referenceList('2025-03-05', '1'));
    await ok(
      'ImportRmapStatusList',
      statusList('2025-03-05', '2', { CID000001: 'conformant', CID000002: 'non-conformant', CID000003: 'conformant' }),
    );
    await ok('RegisterSupplier', { supplierId: 'cobalt', name: 'Cobalt Circuits', tier: 'direct', country: 'TW' });
    await ok('SendCMRT', { supplierId: 'cobalt', period, dueDate: '2025-06-30' });
    await ok('RecordResponse', { supplierId: 'cobalt', period, declaration: tinDeclaration(['CID000001', 'CID000002', 'CID000003']) });

    const register = async () =>
      ((await api.get(`/risk-register?period=${period}`)).body as Array<Record<string, any>>)
        .filter((risk) => risk.source === 'smelter-status')
        .map((risk) => [risk.category, risk.smelterId, risk.status])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    const statuses = async () =>
      ((await api.get(`/smelters?period=${period}`)).body as Array<Record<string, any>>).map((s) => [s.smelterId, s.rmapStatus]);
    const registerBefore = await register();
    const statusesBefore = await statuses();
    expect(registerBefore).toEqual([['non-conformant-smelter', 'CID000002', 'open']]);

    // A typo in the date: refused, the field named, nothing recorded.
    const before = await head();
    const typo = await api.post('ImportRmapStatusList', statusList('2099-01-01', '3', { CID000001: 'non-conformant' }));
    expect(typo.status).toBe(422);
    expect(typo.body).toMatchObject({
      code: 'status-list-in-future',
      detail: expect.stringMatching(/^asOf 2099-01-01 lies in the future.*after 2025-04-02/),
    });
    const typoReference = await api.post('ImportReferenceList', referenceList('2099-01-01', '4'));
    expect(typoReference.body).toMatchObject({
      status: 422,
      code: 'reference-list-in-future',
      detail: expect.stringMatching(/^asOf 2099-01-01/),
    });
    expect(await head()).toBe(before);

    // A past-dated but wrong list: CID000001 suspended (raises a risk), CID000002 conformant (closes one), CID000003 dropped.
    await ok('ImportRmapStatusList', statusList('2025-03-20', '5', { CID000001: 'suspended', CID000002: 'conformant' }));
    expect(await register()).toEqual([
      ['non-conformant-smelter', 'CID000001', 'open'],
      ['non-conformant-smelter', 'CID000002', 'closed'],
      ['smelter-not-audited', 'CID000003', 'open'],
    ]);
    expect((await api.post('WithdrawRmapStatusList', { asOf: '2025-03-05', reason: 'x' })).body).toMatchObject({
      status: 422,
      code: 'status-list-not-current',
    });
    expect((await api.post('WithdrawRmapStatusList', { asOf: '2025-03-20' })).body).toMatchObject({
      status: 400,
      errors: [{ path: 'reason' }],
    });

    const withdrawn = await ok('WithdrawRmapStatusList', { asOf: '2025-03-20', reason: 'the list of another programme' });
    expect(await statuses()).toEqual(statusesBefore);
    expect(await register()).toEqual([
      ['non-conformant-smelter', 'CID000001', 'closed'],
      ['non-conformant-smelter', 'CID000002', 'open'],
      ['smelter-not-audited', 'CID000003', 'closed'],
    ]);
    const risks = (await api.get(`/risk-register?period=${period}`)).body as Array<Record<string, any>>;
    const alpha = risks.find((risk) => risk.smelterId === 'CID000001')!;
    expect(alpha.closure).toMatchObject({ resolution: 'resolved-by-list-withdrawal', by: 'system:smelter-status' });
    expect(alpha.closure.note).toMatch(
      /withdrawn \(the list of another programme\); the RMAP status list as of 2025-03-05 is in force again/,
    );
    const smelter = (await api.get('/smelters/CID000001')).body;
    expect(smelter).toMatchObject({ rmapStatus: 'conformant', statusAsOf: '2025-03-05', statusListAsOf: '2025-03-05' });
    expect(smelter.statusHistory.at(-1)).toEqual({
      status: 'conformant',
      asOf: '2025-03-05',
      eventId: withdrawn.eventIds[0],
      withdrawnListAsOf: '2025-03-20',
    });
    expect((await api.get('/audit-trail?type=RmapStatusListWithdrawn')).body.items).toEqual([
      expect.objectContaining({ actor: 'local', eventId: withdrawn.eventIds[0] }),
    ]);

    // The real next list is taken again, compared with the list in force.
    clock.set('2025-04-10T09:00:00.000Z');
    await ok(
      'ImportRmapStatusList',
      statusList('2025-04-09', '6', { CID000001: 'conformant', CID000002: 'conformant', CID000003: 'conformant' }),
    );
    expect(await register()).toEqual([
      ['non-conformant-smelter', 'CID000001', 'closed'],
      ['non-conformant-smelter', 'CID000002', 'closed'],
      ['smelter-not-audited', 'CID000003', 'closed'],
    ]);

    // The reference list likewise: a mistaken one naming CID000001 alone, withdrawn; rows are matched against the one before again.
    await ok('ImportReferenceList', { ...referenceList('2025-04-09', '7'), rows: referenceList('2025-04-09', '7').rows.slice(0, 1) });
    expect((await api.get('/smelters/CID000002')).body).toMatchObject({ onReferenceList: false });
    expect((await api.post('WithdrawReferenceList', { asOf: '2025-04-09', reason: 'a partial export' })).status).toBe(201);
    expect((await api.get('/smelters/CID000002')).body).toMatchObject({ onReferenceList: true, standardName: 'Smelter CID000002' });
    await ok('RegisterSupplier', { supplierId: 'delta', name: 'Delta Devices', tier: 'direct', country: 'TW' });
    await ok('SendCMRT', { supplierId: 'delta', period, dueDate: '2025-06-30' });
    await ok('RecordResponse', { supplierId: 'delta', period, declaration: tinDeclaration(['CID000002']) });
    expect((await api.get('/smelters/CID000002')).body.namedBy).toContainEqual(
      expect.objectContaining({ supplierId: 'delta', method: 'cid' }),
    );
    expect((await api.get(`/smelters/unresolved?period=${period}&supplierId=delta`)).body).toEqual([]);
  });

  it('refuses NUL, ESC and U+202E in command text with 400 naming the path; a workbook holding them is recorded, neutralised and flagged', async () => {
    const before = await head();
    const problems = async (command: string, body: unknown) => {
      const response = await api.post(command, body);
      expect(response.status).toBe(400);
      return (response.body.errors as Array<{ path: string; message: string }>).map((error) => [
        error.path,
        error.message.replace(/ at position.*$/, ''),
      ]);
    };
    expect(await problems('RegisterSupplier', { supplierId: 'evil', name: 'Evil\u0000 Corp', tier: 'direct' })).toEqual([
      ['name', 'contains a control character (U+0000)'],
    ]);
    expect(await problems('AddSupplierContact', { supplierId: 'acme', name: '\u001b[31mAna', email: 'ana@acme.example' })).toEqual([
      ['name', 'contains a control character (U+001B)'],
    ]);
    expect(await problems('ChangeSupplierStatus', { supplierId: 'acme', status: 'inactive', reason: 'see \u202Efdp.exe' })).toEqual([
      ['reason', 'contains a bidirectional override or isolate (U+202E)'],
    ]);
    expect(
      await problems('AssignTeam', {
        period: 2026,
        members: [
          { name: 'Kim', role: 'lead' },
          { name: 'Lee', role: 'x\u0007' },
        ],
        sponsor: 'CFO\u200F',
      }),
    ).toEqual([
      ['members[1].role', 'contains a control character (U+0007)'],
      ['sponsor', 'contains a bidirectional mark (U+200F)'],
    ]);
    expect(await head()).toBe(before);

    // The supplier's workbook is its content: recorded with U+FFFD in place of each character, and a warning on D8.
    await ok('SendCMRT', { supplierId: 'cobalt', period: 2026, dueDate: '2026-06-30' });
    const uploaded = await upload('cobalt', 2026, cmrtWorkbook('Cobalt_x001B_ Circuits \u202Egnp.exe'));
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.company.name).toBe('Cobalt\uFFFD Circuits \uFFFDgnp.exe');
    expect(uploaded.body.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'review.text-control-characters',
        severity: 'warning',
        field: 'company.name',
        cell: 'Declaration!D8',
      }),
    );
  });

  it('escalates no overdue plan of a closed year, and escalates it once the year is reopened', async () => {
    const period = 2023;
    clock.set('2025-05-01T09:00:00.000Z');
    await ok('OpenPeriod', { period, policy: { reminderDays: [14, 28] } });
    await ok('FlagNonConflictFree', { supplierId: 'acme', period, metal: 'gold', smelterId: 'CID000009', reason: 'RMI notice' });
    const riskId = riskIdFor({ period, supplierId: 'acme', category: 'non-conflict-free-smelter', metal: 'gold', smelterId: 'CID000009' });
    await ok('AssessRisk', { riskId, likelihood: 'likely', impact: 'major', rationale: 'volume' });
    await ok('DecideMitigation', { riskId, strategy: 'temporarily-suspend', plan: 'suspend orders', dueDate: '2025-05-10' });
    await ok('ClosePeriod', { period });
    const escalator = api.started.app.get(OverdueMitigationProcessManager);
    clock.set('2025-05-20T09:00:00.000Z');
    const before = await head();
    expect(await escalator.scan()).toBe(0);
    expect(await escalator.scan()).toBe(0);
    expect(await head()).toBe(before);
    await ok('ReopenPeriod', { period, reason: 'the suspension is still being followed' });
    expect(await escalator.scan()).toBe(1);
    expect((await api.get(`/risk-register/${riskId}`)).body.status).toBe('escalated');
  });

  it('the CLI refuses a list dated 2099 and withdraws a mistaken one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dd-cli-lists-'));
    const env = { DD_DATA_DIR: dataDir, DD_EVENT_STORE: 'sqlite' };
    try {
      const csv = (name: string, rows: string[]) => {
        const path = join(dataDir, name);
        writeFileSync(path, ['Metal,Smelter ID,Name,Status', ...rows].join('\n'));
        return path;
      };
      const real = csv('rmap-real.csv', ['Tin,CID000001,Alpha,Conformant']);
      const wrong = csv('rmap-wrong.csv', ['Tin,CID000001,Alpha,Non-Conformant']);
      expect((await runCli(['smelters', 'import-status', real, '--as-of', '2025-03-05'], env)).exitCode).toBe(0);
      const typo = await runCli(['smelters', 'import-status', wrong, '--as-of', '2099-01-01'], env);
      expect(typo.exitCode).toBe(1);
      expect(typo.stderr).toMatch(/^refused \(status-list-in-future\): asOf 2099-01-01 lies in the future/);
      expect((await runCli(['smelters', 'import-status', wrong, '--as-of', '2025-03-20'], env)).exitCode).toBe(0);
      const noReason = await runCli(['smelters', 'withdraw-status', '--as-of', '2025-03-20', '--reason', ' '], env);
      expect(noReason).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/--reason: say why the list is withdrawn/) });
      const withdrawn = await runCli(['smelters', 'withdraw-status', '--as-of', '2025-03-20', '--reason', 'wrong file'], env);
      expect(withdrawn.exitCode).toBe(0);
      expect(withdrawn.stdout).toMatch(
        /^withdrew the RMAP status list as of 2025-03-20: the list as of 2025-03-05 \(rmap-real.csv\) is current again; 1 smelter status\(es\) revert/,
      );
      expect(withdrawn.stdout).toMatch(/CID000001 tin: non-conformant -> conformant/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
