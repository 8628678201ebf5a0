import { SettableClock } from '@dd/engine';
import { CMRT_6_6_FIXTURE, readFixture, writeCells } from '@dd/cmrt/testing';
import { completeDeclaration } from '@dd/domain/testing';
import { RunningApi } from './support/running-api';

/**
 * "A response counts when it answers", over real HTTP: a campaign asks 20 suppliers for their CMRT;
 * two send the RMI template back untouched, one sends a customer's file naming another company, one
 * sends last year's declaration. All four are received; the blank and the foreign ones are not usable
 * and each gets a follow-up asking for a proper answer; the old one is usable but gets an `outdated`
 * finding and follow-up. The campaign shows received and usable figures apart, overall and by tier.
 * The workbooks are the CMRT 6.6 fixture (an RMI blank template), filled in by the test support.
 */
describe('received and usable CMRT responses', () => {
  const period = 2024;
  const clock = new SettableClock('2025-01-08T09:00:00.000Z');
  let api: RunningApi;

  const direct = ['cm-01', 'cm-02', 'cm-03', 'cm-04'];
  const indirect = Array.from({ length: 16 }, (_, i) => `sub-${String(i + 1).padStart(2, '0')}`);
  const nameOf = (supplierId: string) => `${supplierId.startsWith('cm-') ? 'Contract Manufacturer' : 'Component Supplier'} ${supplierId}`;

  const ok = async (command: string, body: unknown) => {
    const response = await api.post(command, body);
    if (response.status !== 201) throw new Error(`${command}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const upload = async (supplierId: string, bytes: Uint8Array) => {
    const response = await api.upload('/cmrt-responses', { supplierId, period: String(period) }, { name: `${supplierId}.xlsx`, bytes });
    if (response.status !== 201) throw new Error(`upload for ${supplierId}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  /** The RMI template as the supplier received it: nothing filled in. */
  const blankTemplate = () => readFixture(CMRT_6_6_FIXTURE);
  /** The template filled in for `company`, dated `effectiveDate`: no metal used, so nothing else is required. */
  const filledTemplate = (company: string, effectiveDate: string) =>
    writeCells(readFixture(CMRT_6_6_FIXTURE), {
      Declaration: {
        D8: company,
        D9: 'A. Company',
        D15: 'Compliance Officer',
        D16: 'cmrt@supplier.example',
        D17: '+49 30 1234 5678',
        D18: 'Managing Director',
        D20: 'md@supplier.example',
        D22: effectiveDate,
        D26: 'No',
        D27: 'No',
        D28: 'No',
        D29: 'No',
      },
    });

  beforeAll(async () => {
    api = await RunningApi.start({ engine: { clock } });
  });

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('counts blank and foreign workbooks as received, not usable, with follow-ups; an outdated one gets an outdated follow-up', async () => {
    // Given a period and twenty suppliers, asked by one campaign.
    await ok('OpenPeriod', { period, policy: { reminderDays: [14, 28], defaultDueDate: '2025-03-14' } });
    for (const supplierId of direct) await ok('RegisterSupplier', { supplierId, name: nameOf(supplierId), tier: 'direct', country: 'TW' });
    for (const supplierId of indirect)
      await ok('RegisterSupplier', { supplierId, name: nameOf(supplierId), tier: 'indirect', parentSupplierId: 'cm-01' });
    await ok('LaunchCampaign', { campaignId: 'cmrt-2024', period, selection: {} });
    // Reads wait for the campaign dispatcher: every request has gone out.
    expect((await api.get(`/campaigns?period=${period}`)).body.requestsSent).toBe(20);

    // When two send the template back blank, one a workbook naming another company, one last year's declaration,
    const blankDirect = await upload('cm-04', blankTemplate());
    const blankIndirect = await upload('sub-16', blankTemplate());
    const foreign = await upload('sub-15', filledTemplate('Central Glass Co., Ltd.', '20-Jan-2025'));
    const outdated = await upload('sub-14', filledTemplate(nameOf('sub-14'), '15-Mar-2023'));
    // ... one a proper workbook, fourteen a proper answer as JSON, and one (sub-13) nothing.
    const proper = await upload('sub-12', filledTemplate(nameOf('sub-12'), '06-Jan-2025'));
    for (const supplierId of [...direct.slice(0, 3), ...indirect.slice(0, 11)]) {
      const declaration = completeDeclaration();
      declaration.company.name = nameOf(supplierId);
      await ok('RecordResponse', { supplierId, period, declaration });
    }

    // Then the blank and foreign workbooks are recorded, not usable, each with a follow-up asking for a proper answer,
    for (const [body, usability] of [
      [blankDirect, 'blank'],
      [blankIndirect, 'blank'],
      [foreign, 'another-company'],
    ] as const) {
      expect(body).toMatchObject({ recorded: true, templateVersion: '6.6', usability });
      expect(body.followUps.opened).toEqual([expect.objectContaining({ kind: 'unusable' })]);
    }
    expect(blankDirect.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(
      expect.arrayContaining(['review.declaration-blank', 'checker.company-name', 'checker.q1-required']),
    );
    expect(foreign.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'review.company-name-mismatch', severity: 'error', cell: 'Declaration!D8' }),
    );
    // ... last year's declaration is usable, with an outdated finding and follow-up; the proper workbook has none.
    expect(outdated).toMatchObject({ usability: 'usable', followUps: { opened: [expect.objectContaining({ kind: 'outdated' })] } });
    expect(outdated.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'review.effective-date-outdated',
        kind: 'outdated',
        cell: 'Declaration!D22',
        message: expect.stringContaining('before the reporting period 2024'),
      }),
    );
    expect(proper).toMatchObject({ usability: 'usable', findingCounts: { error: 0 }, followUps: { opened: [] } });

    // ... and the campaign shows 19 received, 16 usable, overall, by tier and per member.
    const figures = (await api.get(`/campaigns?period=${period}`)).body;
    expect(figures).toMatchObject({
      requestsSent: 20,
      responded: 19,
      responseRate: 0.95,
      usable: 16,
      usableRate: 0.8,
      byTier: {
        direct: { requestsSent: 4, responded: 4, responseRate: 1, usable: 3, usableRate: 0.75 },
        indirect: { requestsSent: 16, responded: 15, responseRate: 0.9375, usable: 13, usableRate: 0.8125 },
      },
      followUpsOpen: 4,
    });
    const campaign = (await api.get('/campaigns/cmrt-2024')).body;
    expect(campaign).toMatchObject({ sent: 20, responded: 19, usable: 16, usableRate: 0.8 });
    const notUsable = campaign.members.filter((m: { responded: boolean; usable: boolean }) => m.responded && !m.usable);
    expect(notUsable.map((m: { supplierId: string }) => m.supplierId)).toEqual(['cm-04', 'sub-15', 'sub-16']);

    // When a blank one sends its proper answer, then it counts as usable and the follow-up is resolved by it.
    const resubmitted = await upload('sub-16', filledTemplate(nameOf('sub-16'), '21-Jan-2025'));
    expect(resubmitted).toMatchObject({
      usability: 'usable',
      supersedesResponse: 1,
      followUps: { resolved: [blankIndirect.followUps.opened[0].followUpId] },
    });
    expect((await api.get(`/campaigns?period=${period}`)).body).toMatchObject({
      responded: 19,
      usable: 17,
      usableRate: 0.85,
      followUpsOpen: 3,
    });
  });
});
