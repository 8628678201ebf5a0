import { completeDeclaration } from '@dd/domain/testing';
import { ReminderSchedulerProcessManager, SettableClock } from '@dd/engine';
import { MailedApi } from './support/mailed-api';
import { eventually } from './support/test-smtp-server';

/**
 * Reminders that happen: on a clock the test moves, the reminder scheduler's wave goes out through
 * the outbox to the suppliers that have not answered, and to no one else; the figures show the
 * response rate of each wave.
 */
describe('the reminder wave reaches exactly the silent suppliers', () => {
  const period = 2025;
  const clock = new SettableClock('2026-01-05T09:00:00.000Z');
  const ids = ['quick', 'silent-1', 'silent-2'];
  const mailed = MailedApi.during(clock);

  const post = (command: string, body: unknown) => mailed.api.accepted(command, body);

  it('given a campaign of three and one answer, when the first reminder day comes, then only the two silent suppliers are reminded', async () => {
    await post('OpenPeriod', { period, policy: { reminderDays: [14, 28], defaultDueDate: '2026-03-31' } });
    for (const id of ids) {
      await post('RegisterSupplier', { supplierId: id, name: `Supplier ${id}`, tier: 'direct' });
      await post('AddSupplierContact', { supplierId: id, name: `Contact ${id}`, email: `${id}@suppliers.example` });
    }
    await post('LaunchCampaign', { campaignId: 'wave-test', period, selection: { supplierIds: ids } });
    await eventually('the requests delivered', () => mailed.smtp.received.length >= 3);

    clock.advance({ days: 3 });
    const declaration = completeDeclaration();
    declaration.company.name = 'Supplier quick';
    await post('RecordResponse', { supplierId: 'quick', period, declaration });
    // The answer is acknowledged.
    await eventually('the acknowledgement delivered', () => mailed.smtp.to('quick@suppliers.example').length >= 2);

    // silent-2's link is withdrawn (say its contact left): its reminder must not carry a dead link.
    await post('RevokeSupplierLink', { supplierId: 'silent-2', period, reason: 'the contact left the company' });

    clock.advance({ days: 12 });
    const tick = await mailed.api.started.app.get(ReminderSchedulerProcessManager).tick();
    expect(tick.reminders).toBe(2);
    const reminderTo = (address: string) => mailed.smtp.to(address).filter((mail) => mail.subject?.startsWith('Reminder'));
    await eventually(
      'the reminders delivered',
      () => reminderTo('silent-1@suppliers.example').length && reminderTo('silent-2@suppliers.example').length,
    );
    const answerLink = /https:\/\/dd\.acme\.example\/s\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;
    expect(reminderTo('silent-1@suppliers.example')[0].text).toMatch(answerLink);
    const [withoutLink] = reminderTo('silent-2@suppliers.example');
    expect(withoutLink.text).not.toMatch(answerLink);
    expect(withoutLink.html).not.toMatch(answerLink);
    expect(withoutLink.text).toContain('reply to this e-mail');
    // The quick supplier's answer was acknowledged, and the Checker's follow-up went out with it.
    expect(mailed.smtp.to('quick@suppliers.example').map((mail) => mail.subject)).toEqual([
      'Acme Electronics: Conflict Minerals Reporting Template 2025, please answer by 2026-03-31',
      'Acme Electronics CMRT 2025: your answer was received',
      'Acme Electronics CMRT 2025: please correct your answer',
    ]);
    expect(reminderTo('quick@suppliers.example')).toHaveLength(0);

    const figures = await eventually('every message accepted', async () => {
      const body = (await mailed.api.get(`/messages/figures?period=${period}`)).body;
      return body.accepted === 7 ? body : null;
    });
    expect(figures.waves).toEqual([
      expect.objectContaining({ wave: 'request', messages: 3, accepted: 3, suppliersReached: 3, answeredAfter: 1, responseRate: 0.3333 }),
      expect.objectContaining({ wave: 'reminder-1', messages: 2, accepted: 2, suppliersReached: 2, answeredAfter: 0, responseRate: 0 }),
      expect.objectContaining({ wave: 'acknowledgement', messages: 1, accepted: 1 }),
      expect.objectContaining({ wave: 'follow-up', messages: 1, accepted: 1 }),
    ]);
    const campaignOnly = (await mailed.api.get(`/messages/figures?period=${period}&campaignId=wave-test`)).body;
    expect(campaignOnly).toMatchObject({ campaignId: 'wave-test', messages: 7 });
  });
});
