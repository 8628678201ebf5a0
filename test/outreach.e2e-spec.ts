import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SupplierLinks, type MailConfig } from '@dd/engine';
import { RunningApi } from './support/running-api';
import { addressesOf, eventually, TestSmtpServer } from './support/test-smtp-server';

/**
 * The outbox over real HTTP, a real SQLite file and a real SMTP server in the test process: a
 * campaign's requests reach every supplier in their language with their own link and the blank
 * template; a server that is down, drops connections or answers 4xx delays messages but loses none;
 * a 5xx refusal fails a request for good and hands the supplier to its owner.
 */
describe('messages to suppliers really leave', () => {
  const period = 2026;
  const linkKey = 'test-link-key-0123456789-0123456789-abcdef';
  const dueDate = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const suppliers = [
    { id: 's-en', contact: 'Ana Silva', email: 'ana@s-en.example', language: 'en', subject: /Conflict Minerals Reporting Template/ },
    { id: 's-zh', contact: 'Li Wei', email: 'li@s-zh.example', language: 'zh', subject: /冲突矿产报告模板/ },
    { id: 's-ja', contact: 'Sato Yuki', email: 'sato@s-ja.example', language: 'ja', subject: /紛争鉱物報告テンプレート/ },
    { id: 's-de', contact: 'Jonas Weber', email: 'jonas@s-de.example', language: 'de', subject: /Konfliktmineralien-Meldung/ },
    { id: 's-es', contact: 'Lucía Gómez', email: 'lucia@s-es.example', language: 'es', subject: /plantilla de minerales de conflicto/ },
    // A contact recorded without a language is written to in English.
    {
      id: 's-old',
      contact: 'Old Contact',
      email: 'old@s-old.example',
      language: undefined,
      subject: /Conflict Minerals Reporting Template/,
    },
  ];
  let smtp: TestSmtpServer;
  let api: RunningApi;
  let dataDir: string;
  let mail: MailConfig;
  const links = new SupplierLinks(Buffer.from(linkKey, 'utf8'), 'https://dd.acme.example', 30);

  const start = () =>
    RunningApi.start({ dataDir, mail, engine: { outbox: { intervalMs: 100, retryBaseMs: 200, retryMaxMs: 1_000, smtpTimeoutMs: 5_000 } } });

  async function post(command: string, body: unknown) {
    const response = await api.post(command, body);
    if (response.status !== 201) throw new Error(`${command} ${JSON.stringify(body)}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  const messagesOf = async (supplierId: string) =>
    (await api.get(`/suppliers/${supplierId}/messages?period=${period}`)).body.messages as any[];

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    dataDir = RunningApi.dataDir();
    const blank = join(mkdtempSync(join(tmpdir(), 'dd-blank-')), 'RMI_CMRT_blank.xlsx');
    writeFileSync(blank, Buffer.from('PK\u0003\u0004 not really a workbook, only its bytes are attached'));
    mail = {
      smtpUrl: smtp.url,
      from: 'Acme Compliance <cm@acme.example>',
      companyName: 'Acme Electronics',
      publicUrl: 'https://dd.acme.example',
      linkKey,
      linkGraceDays: 30,
      blankCmrtPath: blank,
      maxAttempts: 50,
    };
    api = await start();
    await post('OpenPeriod', { period, policy: { reminderDays: [14, 28], oldestAcceptedTemplateVersion: '6.1' } });
    for (const s of suppliers) {
      await post('RegisterSupplier', { supplierId: s.id, name: `Supplier ${s.id}`, tier: 'direct' });
      await post('AddSupplierContact', {
        supplierId: s.id,
        name: s.contact,
        email: s.email,
        ...(s.language ? { language: s.language } : {}),
      });
    }
  });

  afterAll(async () => {
    await api.stop();
    await smtp.stop();
    api.removeData();
  });

  it('given suppliers with contacts in five languages, when a campaign is launched, then each gets one request in its language with its link and the blank template', async () => {
    await post('LaunchCampaign', {
      campaignId: 'cmrt-2026',
      period,
      selection: { supplierIds: suppliers.map((s) => s.id) },
      dueDate,
      templateVersion: '6.5',
    });

    await eventually('every request delivered', () => smtp.received.length >= suppliers.length);
    for (const s of suppliers) {
      const [message, ...more] = smtp.to(s.email);
      expect(more).toHaveLength(0);
      expect(message.subject).toMatch(s.subject);
      expect(message.subject).toContain('Acme Electronics');
      expect(message.headers.get('content-language')).toBe(s.language ?? 'en');
      expect(message.from?.value[0].address).toBe('cm@acme.example');
      expect(message.messageId).toMatch(/^<msg-[0-9a-f-]+@acme\.example>$/);
      // What is asked: the family, the revision requested, the oldest accepted, the due date.
      expect(message.text).toContain('CMRT');
      expect(message.text).toContain('6.5');
      expect(message.text).toContain('6.1');
      expect(message.text).toContain(dueDate);
      // The supplier's own link, signed for its request, in both bodies.
      const link = /https:\/\/dd\.acme\.example\/s\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(message.text ?? '');
      expect(link).not.toBeNull();
      expect(message.html).toContain(link![0]);
      const check = links.check(link![1], new Date());
      expect(check).toEqual({
        ok: true,
        claims: { supplierId: s.id, period, requestNumber: 1, family: 'cmrt', expiresOn: expect.any(String) },
      });
      expect(message.attachments.map((attachment) => attachment.filename)).toEqual(['RMI_CMRT_blank.xlsx']);
    }

    const messages = await eventually('the handovers recorded', async () => {
      const list = await messagesOf('s-zh');
      return list[0]?.status === 'accepted' ? list : null;
    });
    expect(messages).toEqual([
      expect.objectContaining({
        kind: 'survey-request',
        wave: 'request',
        campaignId: 'cmrt-2026',
        recipients: ['li@s-zh.example'],
        language: 'zh',
        transport: 'smtp',
        attempts: 1,
      }),
    ]);
    expect(messages[0].serverResponse).toMatch(/^250/);
    const figures = await eventually('the figures', async () => {
      const body = (await api.get(`/messages/figures?period=${period}`)).body;
      return body.accepted === suppliers.length ? body : null;
    });
    expect(figures).toMatchObject({ messages: suppliers.length, accepted: suppliers.length, failed: 0, waiting: 0 });
    expect(figures.waves).toEqual([
      expect.objectContaining({ wave: 'request', suppliersReached: suppliers.length, answeredAfter: 0, responseRate: 0 }),
    ]);
  });

  it('when the mail server is down, then drops connections, and the engine restarts meanwhile, then the reminders are delayed but every one arrives once', async () => {
    const before = smtp.received.length;
    await smtp.stop();
    for (const s of suppliers) await post('SendReminder', { supplierId: s.id, period });
    // Every reminder was tried and deferred, none lost.
    await eventually('every reminder deferred', async () => {
      for (const s of suppliers) {
        const reminder = (await messagesOf(s.id)).find((message) => message.kind === 'reminder');
        if (!(reminder?.status === 'queued' && reminder.attempts >= 1 && reminder.lastReply)) return false;
      }
      return true;
    });
    await smtp.dropConnections();
    await eventually('a dropped connection recorded', async () =>
      (await messagesOf('s-en')).some((message) => message.kind === 'reminder' && message.attempts >= 2),
    );
    // A restart while they wait: the queued messages are the intent, kept in the log.
    await api.stop();
    api = await start();
    await smtp.listen();

    await eventually('every reminder delivered', () => smtp.received.length >= before + suppliers.length);
    for (const s of suppliers) {
      const reminders = smtp.to(s.email).filter((message) => message.subject?.match(/Reminder|提醒|リマインダー|Erinnerung|Recordatorio/));
      expect(reminders).toHaveLength(1);
    }
    const reminder = await eventually('the handover recorded', async () =>
      (await messagesOf('s-de')).find((message) => message.kind === 'reminder' && message.status === 'accepted'),
    );
    expect(reminder).toMatchObject({ wave: 'reminder-1', transport: 'smtp' });
    expect(reminder.attempts).toBeGreaterThan(1);
    expect(smtp.received.length).toBe(before + suppliers.length);
  });

  it('when the server answers 4xx, the message is tried again; when it answers 5xx, a request fails for good and reaches the supplier owner', async () => {
    await post('RegisterSupplier', { supplierId: 'busy', name: 'Busy Ltd', tier: 'direct' });
    await post('AddSupplierContact', { supplierId: 'busy', name: 'Bo', email: 'bo@busy.example', language: 'de' });
    await post('RegisterSupplier', { supplierId: 'gone', name: 'Gone Ltd', tier: 'direct' });
    await post('AddSupplierContact', { supplierId: 'gone', name: 'Gil', email: 'gil@gone.example' });
    await post('AssignSupplierOwner', { supplierId: 'gone', owner: 'buyer-9' });
    smtp.rule = (address) => {
      if (address === 'gil@gone.example') return { code: 550, message: '5.1.1 mailbox unavailable' };
      if (address === 'bo@busy.example' && (smtp.offers.get(address) ?? 0) <= 2)
        return { code: 451, message: '4.7.1 greylisted, try later' };
      return 'accept';
    };
    await post('SendCMRT', { supplierId: 'busy', period, dueDate });
    await post('SendCMRT', { supplierId: 'gone', period, dueDate });

    const busy = await eventually('the greylisted request accepted', async () =>
      (await messagesOf('busy')).find((m) => m.status === 'accepted'),
    );
    expect(busy).toMatchObject({ kind: 'survey-request', attempts: 3 });
    expect(smtp.to('bo@busy.example')).toHaveLength(1);

    const gone = await eventually('the refused request failed', async () => (await messagesOf('gone')).find((m) => m.status === 'failed'));
    expect(gone).toMatchObject({ kind: 'survey-request', attempts: 1, unreachableOwner: 'buyer-9' });
    expect(gone.lastReply).toMatch(/550/);
    expect(smtp.to('gil@gone.example')).toHaveLength(0);
    const trail = (await api.get(`/audit-trail?supplierId=gone`)).body;
    expect(JSON.stringify(trail)).toContain('SupplierUnreachable');
    const figures = (await api.get(`/messages/figures?period=${period}`)).body;
    expect(figures.failed).toBe(1);
  });
});

describe('with no SMTP configured', () => {
  it('writes each message as an .eml file in the pickup folder, which a person can open', async () => {
    const api = await RunningApi.start({ engine: { outbox: { intervalMs: 100 } } });
    try {
      const post = async (command: string, body: unknown) => expect((await api.post(command, body)).status).toBe(201);
      await post('RegisterSupplier', { supplierId: 'acme', name: 'Acme Solder', tier: 'direct' });
      await post('AddSupplierContact', { supplierId: 'acme', name: 'Ana', email: 'ana@acme.example', language: 'es' });
      const dueDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      await post('SendCMRT', { supplierId: 'acme', period: 2026, dueDate });
      const folder = join(api.dataDir, 'outbox-pickup');
      const [file] = await eventually('the .eml file', () => {
        try {
          const files = readdirSync(folder).filter((name) => name.endsWith('.eml'));
          return files.length > 0 ? files : null;
        } catch {
          return null;
        }
      });
      const message = await simpleParser(readFileSync(join(folder, file)));
      expect(addressesOf(message)).toEqual(['ana@acme.example']);
      expect(message.subject).toMatch(/CMRT.*2026/);
      expect(message.text).toMatch(/\/s\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
      const [recorded] = await eventually('the handover recorded', async () => {
        const list = (await api.get('/suppliers/acme/messages')).body.messages;
        return list[0]?.status === 'accepted' ? list : null;
      });
      expect(recorded).toMatchObject({ transport: 'pickup', serverMessageId: file });
    } finally {
      await api.stop();
      api.removeData();
    }
  });
});

describe('a campaign for fifty suppliers', () => {
  it('delivers fifty requests, one each, every one with a working link to its own request', async () => {
    const smtp = await TestSmtpServer.start();
    const linkKey = 'fifty-suppliers-link-key-0123456789-0123456789';
    const api = await RunningApi.start({
      mail: {
        smtpUrl: smtp.url,
        from: 'cm@acme.example',
        companyName: 'Acme',
        publicUrl: 'https://dd.acme.example',
        linkKey,
        linkGraceDays: 30,
        maxAttempts: 8,
      },
      engine: { outbox: { intervalMs: 100 } },
    });
    try {
      expect((await api.post('OpenPeriod', { period: 2026 })).status).toBe(201);
      const ids = Array.from({ length: 50 }, (_, i) => `sup-${String(i + 1).padStart(2, '0')}`);
      for (const id of ids) {
        expect((await api.post('RegisterSupplier', { supplierId: id, name: `Supplier ${id}`, tier: 'indirect' })).status).toBe(201);
        expect(
          (await api.post('AddSupplierContact', { supplierId: id, name: `Contact ${id}`, email: `${id}@suppliers.example` })).status,
        ).toBe(201);
      }
      const dueDate = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
      expect(
        (await api.post('LaunchCampaign', { campaignId: 'fifty', period: 2026, selection: { tier: 'indirect' }, dueDate })).status,
      ).toBe(201);

      await eventually('fifty requests delivered', () => smtp.received.length >= 50, 120_000);
      const links = new SupplierLinks(Buffer.from(linkKey, 'utf8'), 'https://dd.acme.example', 30);
      for (const id of ids) {
        const [request, ...more] = smtp.to(`${id}@suppliers.example`);
        expect(more).toHaveLength(0);
        const token = /\/s\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(request.text ?? '')![1];
        expect(links.check(token, new Date())).toMatchObject({ ok: true, claims: { supplierId: id, period: 2026, requestNumber: 1 } });
      }
      const figures = await eventually('the figures', async () => {
        const body = (await api.get('/messages/figures?period=2026&campaignId=fifty')).body;
        return body.accepted === 50 ? body : null;
      });
      expect(figures).toMatchObject({ messages: 50, accepted: 50, failed: 0, waiting: 0 });
      expect(smtp.received).toHaveLength(50);
    } finally {
      await api.stop();
      await smtp.stop();
      api.removeData();
    }
  });
});
