import { CMRT_6_6_FIXTURE, readFixture, writeCells } from '@dd/cmrt/testing';
import { ReminderSchedulerProcessManager, SettableClock } from '@dd/engine';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { filledCmrtCells } from './support/filled-templates';
import { RunningApi } from './support/running-api';
import { eventually, TestSmtpServer } from './support/test-smtp-server';

/**
 * Issue 11's whole story in one run, over real HTTP, a real SQLite log and a real SMTP server in the
 * test process: a campaign for 50 suppliers delivers 50 requests with working links; 40 suppliers answer
 * through their link with a real workbook and see the Checker's findings on the page; the first reminder
 * wave, sent while the mail server is down, is delayed, not lost, and reaches exactly the 10 silent ones
 * once the server is back.
 */
describe('a campaign year through the outbox and the supplier page', () => {
  const period = 2025;
  const publicUrl = 'https://dd.acme.example';
  const clock = new SettableClock('2026-01-05T09:00:00.000Z');
  const ids = Array.from({ length: 50 }, (_, i) => `sup-${String(i + 1).padStart(2, '0')}`);
  const emailOf = (id: string) => `${id}@suppliers.example`;
  let smtp: TestSmtpServer;
  let api: RunningApi;

  async function post(command: string, body: unknown) {
    const response = await api.post(command, body);
    if (response.status !== 201) throw new Error(`${command}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** The supplier's link as the request e-mail gives it, pointed at the running server. */
  const linkIn = (text: string | undefined): string => {
    const match = new RegExp(`${publicUrl.replace(/\./g, '\\.')}(/s/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)`).exec(text ?? '');
    if (!match) throw new Error(`no supplier link in: ${text}`);
    return `${api.started.url}${match[1]}`;
  };

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    api = await RunningApi.start({
      // Forty suppliers answer from one test address here; in the world each has its own, so the
      // per-address limit (60 at once) is widened while the per-link limit stays as shipped.
      supplierPage: { perIpBurst: 1_000, perIpPerMinute: 1_000 },
      engine: { clock, reminderIntervalMs: 0, outbox: { intervalMs: 100, retryBaseMs: 200, retryMaxMs: 1_000, smtpTimeoutMs: 5_000 } },
      mail: {
        smtpUrl: smtp.url,
        from: 'Acme Compliance <cm@acme.example>',
        companyName: 'Acme Electronics',
        publicUrl,
        linkKey: 'outreach-year-link-key-0123456789-0123456789',
        linkGraceDays: 30,
        maxAttempts: 50,
      },
    });
  });

  afterAll(async () => {
    await api.stop();
    await smtp.stop();
    api.removeData();
  });

  it('delivers 50 requests, records 40 answers given through their links, and reminds exactly the 10 silent suppliers after an outage', async () => {
    // Given fifty suppliers with a contact each, and a campaign to all of them,
    await post('OpenPeriod', { period, policy: { reminderDays: [14, 28], defaultDueDate: '2026-03-31' } });
    for (const id of ids) {
      await post('RegisterSupplier', { supplierId: id, name: `Supplier ${id}`, tier: 'direct' });
      await post('AddSupplierContact', { supplierId: id, name: `Contact ${id}`, email: emailOf(id) });
    }
    await post('LaunchCampaign', { campaignId: 'year', period, selection: { supplierIds: ids } });

    // then each gets exactly one request, with its own link.
    await eventually('fifty requests delivered', () => smtp.received.length >= 50, 120_000);
    const requests = new Map(ids.map((id) => [id, smtp.to(emailOf(id))]));
    for (const [id, mails] of requests) expect([id, mails.length]).toEqual([id, 1]);

    // When forty of them answer through the link in their request with a real workbook,
    const answering = ids.slice(0, 40);
    const silent = ids.slice(40);
    for (const id of answering) {
      const link = linkIn(requests.get(id)![0].text);
      const page = await fetch(link);
      expect([id, page.status]).toEqual([id, 200]);
      const form = new FormData();
      const workbook = writeCells(readFixture(CMRT_6_6_FIXTURE), filledCmrtCells(`Supplier ${id}`));
      form.append('file', new Blob([workbook]), `${id}.xlsx`);
      const answered = await fetch(link, { method: 'POST', body: form });
      const html = await answered.text();
      // the page shows the Checker's verdict on their answer at once,
      expect([id, answered.status]).toEqual([id, 200]);
      expect(html).toContain('Check of your answer 1');
      expect(html).toContain('No errors: your answer is complete');
    }

    // then forty responses are recorded, each by its supplier.
    const db = new Database(join(api.dataDir, 'events.sqlite'), { readonly: true });
    try {
      const responses = db
        .prepare(`SELECT stream_id, json_extract(metadata, '$.actor') AS actor FROM events WHERE type = 'ResponseRecorded'`)
        .all() as Array<{ stream_id: string; actor: string }>;
      expect(responses.map((row) => [row.stream_id, row.actor]).sort()).toEqual(
        answering.map((id) => [`survey-${period}-${id}`, `supplier:${id}`]).sort(),
      );
    } finally {
      db.close();
    }
    const campaign = (await api.get(`/campaigns?period=${period}`)).body;
    expect(campaign).toMatchObject({ requestsSent: 50, responded: 40 });

    // When the mail server is down on the first reminder day,
    await eventually('the acknowledgements delivered', () => smtp.received.length >= 50 + 40, 120_000);
    const beforeWave = smtp.received.length;
    await smtp.stop();
    clock.advance({ days: 14 });
    const tick = await api.started.app.get(ReminderSchedulerProcessManager).tick();
    expect(tick.reminders).toBe(10);
    await eventually('every reminder tried and deferred', async () => {
      for (const id of silent) {
        const messages = (await api.get(`/suppliers/${id}/messages?period=${period}`)).body.messages as any[];
        const reminder = messages.find((message) => message.kind === 'reminder');
        if (!(reminder?.status === 'queued' && reminder.attempts >= 1)) return false;
      }
      return true;
    });

    // then, once it is back, the wave reaches exactly the ten silent suppliers, once each.
    await smtp.listen();
    // Retries are due by the engine's clock, which this test moves: an hour later every back-off has passed.
    clock.advance({ hours: 1 });
    // Counted by subject: an acknowledgement or follow-up still on its way may arrive in the same minutes.
    const remindersSince = () =>
      smtp.received
        .slice(beforeWave)
        .flatMap((mail) => (mail.subject?.startsWith('Reminder') ? [String(mail.to && 'text' in mail.to ? mail.to.text : '')] : []));
    await eventually('the reminder wave delivered', () => remindersSince().length >= 10, 120_000);
    const reminded = remindersSince();
    expect(reminded.map((to) => /sup-\d+/.exec(to)?.[0]).sort()).toEqual(silent);
    const figures = await eventually('every message accepted', async () => {
      const body = (await api.get(`/messages/figures?period=${period}&campaignId=year`)).body;
      return body.waiting === 0 && body.failed === 0 ? body : null;
    });
    expect(figures.waves).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ wave: 'request', messages: 50, accepted: 50, answeredAfter: 40, responseRate: 0.8 }),
        expect.objectContaining({ wave: 'reminder-1', messages: 10, accepted: 10 }),
      ]),
    );
    // Forty workbooks read, checked and recorded through the page: minutes on a busy machine, not a timing claim.
  }, 600_000);
});
