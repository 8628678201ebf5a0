import { EMRT_2_1_FIXTURE, readFixture, writeCells } from '@dd/cmrt/testing';
import { SettableClock } from '@dd/engine';
import { filledEmrtCells } from './support/filled-templates';
import { MailedApi } from './support/mailed-api';
import { eventually } from './support/test-smtp-server';

/**
 * The EMRT by mail, over real HTTP, a real SQLite log and a real SMTP server in the test process: a
 * supplier asked for its CMRT and its EMRT gets two requests, each in its own template's words; its
 * EMRT answer is acknowledged as the EMRT's, and it counts in the EMRT's waves, not the CMRT's.
 */
describe('a supplier asked for its CMRT and its EMRT, by mail', () => {
  const period = 2025;
  const clock = new SettableClock('2026-01-05T09:00:00.000Z');
  const mailed = MailedApi.during(clock);

  const ok = (command: string, body: unknown) => mailed.api.accepted(command, body);

  it('given CMRT and EMRT campaigns, when the supplier answers the EMRT, then each mail speaks of its own template and the answer counts in the EMRT waves', async () => {
    await ok('OpenPeriod', { period, policy: { reminderDays: [14, 28], defaultDueDate: '2026-03-31' } });
    await ok('RegisterSupplier', { supplierId: 'cobalt-co', name: 'Cobalt Components GmbH', tier: 'direct' });
    await ok('AddSupplierContact', { supplierId: 'cobalt-co', name: 'Jana Berg', email: 'jana@cobalt.example' });
    await ok('LaunchCampaign', { campaignId: 'cmrt-2025', period, selection: { supplierIds: ['cobalt-co'] } });
    await ok('LaunchCampaign', {
      campaignId: 'emrt-2025',
      period,
      selection: { supplierIds: ['cobalt-co'] },
      family: 'emrt',
      templateVersion: '2.1',
      dueDate: '2026-04-30',
    });
    const inbox = () => mailed.smtp.to('jana@cobalt.example');
    await eventually('both requests delivered', () => inbox().length >= 2);
    const requests = inbox();
    const emrtRequest = requests.find((mail) => mail.subject?.includes('Extended Minerals Reporting Template'));
    const cmrtRequest = requests.find((mail) => mail.subject?.includes('Conflict Minerals Reporting Template'));
    expect(emrtRequest?.subject).toBe('Acme Electronics: Extended Minerals Reporting Template 2025, please answer by 2026-04-30');
    expect(emrtRequest?.text).toContain('cobalt, copper, graphite, lithium, mica and nickel');
    expect(emrtRequest?.text).toContain('EMRT, revision 2.1');
    expect(emrtRequest?.text).not.toContain('tin, tantalum, tungsten and gold');
    expect(cmrtRequest?.text).toContain('tin, tantalum, tungsten and gold (3TG)');

    // When the supplier sends its EMRT,
    clock.advance({ days: 2 });
    const upload = await mailed.api.upload(
      '/cmrt-responses',
      { supplierId: 'cobalt-co', period: String(period) },
      { name: 'emrt.xlsx', bytes: writeCells(readFixture(EMRT_2_1_FIXTURE), filledEmrtCells('Cobalt Components GmbH')) },
    );
    expect(upload.status).toBe(201);

    // then it is acknowledged as the EMRT's answer,
    const acknowledgement = await eventually('the acknowledgement delivered', () =>
      inbox().find((mail) => mail.subject?.endsWith('your answer was received')),
    );
    expect(acknowledgement.subject).toBe('Acme Electronics EMRT 2025: your answer was received');
    expect(acknowledgement.text).toContain('we received the extended minerals report of Cobalt Components GmbH for 2025 (answer 1)');

    // and the EMRT's request wave has its answer while the CMRT's has none.
    const messages = (await mailed.api.get(`/suppliers/cobalt-co/messages?period=${period}`)).body.messages as Array<{
      wave: string;
      family: string;
    }>;
    expect(messages.map((message) => [message.wave, message.family]).sort()).toEqual([
      ['acknowledgement', 'EMRT'],
      ['request', 'CMRT'],
      ['request', 'EMRT'],
    ]);
    const rate = async (campaignId: string) => {
      const body = await eventually(`${campaignId} figures with every message accepted`, async () => {
        const figures = (await mailed.api.get(`/messages/figures?period=${period}&campaignId=${campaignId}`)).body;
        return figures.waiting === 0 ? figures : null;
      });
      return body.waves.find((wave: { wave: string }) => wave.wave === 'request');
    };
    expect(await rate('emrt-2025')).toMatchObject({ suppliersReached: 1, answeredAfter: 1, responseRate: 1 });
    expect(await rate('cmrt-2025')).toMatchObject({ suppliersReached: 1, answeredAfter: 0, responseRate: 0 });
  });
});
