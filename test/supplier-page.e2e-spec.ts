import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import Database from 'better-sqlite3';
import {
  CMRT_6_6_FIXTURE,
  EMRT_2_1_FIXTURE,
  cmrtDeclarationRows,
  minimalXlsx,
  patchDeclaredSize,
  readFixture,
  writeCells,
} from '@dd/cmrt/testing';
import { SettableClock, SupplierLinks, type MailConfig } from '@dd/engine';
import { filledCmrtCells, filledEmrtCells } from './support/filled-templates';
import { RunningApi } from './support/running-api';
import { eventually } from './support/test-smtp-server';

/**
 * The supplier's answer page over real HTTP: GET/POST /s/<token> with tokens made by the engine's own
 * SupplierLinks, real workbooks, a real SQLite log. Forged, altered, unknown, expired and revoked links
 * are refused as documented; a valid one records the supplier's answers by `supplier:<id>` and shows
 * the findings; nothing else can be read or written through it.
 */
const period = 2024;
const dueDate = '2025-03-31';
const linkKey = 'supplier-page-spec-key-0123456789abcdef';
const ADMIN_KEY = 'admin-key-123456';
const admin = { 'x-api-key': ADMIN_KEY };
const mail: MailConfig = {
  from: 'Acme Compliance <cm@acme.example>',
  companyName: 'Acme Electronics',
  publicUrl: 'https://dd.acme.example',
  linkKey,
  linkGraceDays: 30,
  maxAttempts: 8,
};
const links = new SupplierLinks(Buffer.from(linkKey, 'utf8'), 'https://dd.acme.example', 30);
const linkOf = (supplierId: string, requestNumber = 1, family?: 'emrt') =>
  links.supplierLinkFor({ supplierId, period, requestNumber, dueDate, ...(family ? { family } : {}) }).token;

const complete = (company: string) => writeCells(readFixture(CMRT_6_6_FIXTURE), filledCmrtCells(company));
/** The same answers without the contact's e-mail: the Checker's error is on Declaration!D16. */
const withoutEmail = (company: string) =>
  writeCells(readFixture(CMRT_6_6_FIXTURE), { Declaration: { ...filledCmrtCells(company).Declaration, D16: '' } });

interface Page {
  status: number;
  headers: Headers;
  html: string;
}

/** The page's shape without what changes per answer (the CSP nonce). */
const shapeOf = (html: string) => html.replace(/nonce="[^"]+"/g, 'nonce=""');

describe('The supplier answer page /s/<token> (real HTTP, real workbooks)', () => {
  let api: RunningApi;
  const clock = new SettableClock('2025-01-15T09:00:00.000Z');

  const page = async (token: string, query = '', headers: Record<string, string> = {}): Promise<Page> => {
    const response = await fetch(`${api.started.url}/s/${token}${query}`, { headers });
    return { status: response.status, headers: response.headers, html: await response.text() };
  };
  const send = async (token: string, name: string, bytes: Uint8Array, fields: Record<string, string> = {}): Promise<Page> => {
    const form = new FormData();
    for (const [field, value] of Object.entries(fields)) form.append(field, value);
    form.append('file', new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), name);
    const response = await fetch(`${api.started.url}/s/${token}`, { method: 'POST', body: form });
    return { status: response.status, headers: response.headers, html: await response.text() };
  };
  async function post(command: string, body: unknown) {
    const response = await api.post(command, body, admin);
    if (response.status !== 201) throw new Error(`${command}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }
  function eventsOf(streamId: string): Array<{ type: string; data: any; metadata: any }> {
    const db = new Database(join(api.dataDir, 'events.sqlite'), { readonly: true });
    try {
      const rows = db.prepare('SELECT type, data, metadata FROM events WHERE stream_id = ? ORDER BY stream_version').all(streamId) as any[];
      return rows.map((row) => ({ type: row.type, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) }));
    } finally {
      db.close();
    }
  }
  /**
   * Events recorded by anyone but the engine's own process managers: what a page could write. The
   * outbox goes on recording (e.g. the acknowledgement of an answer given in an earlier test) meanwhile.
   */
  const eventCount = () => {
    const db = new Database(join(api.dataDir, 'events.sqlite'), { readonly: true });
    try {
      return (
        db.prepare(`SELECT COUNT(*) AS n FROM events WHERE json_extract(metadata, '$.actor') NOT LIKE 'system:%'`).get() as { n: number }
      ).n;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    api = await RunningApi.start({ mail, apiKeys: `${ADMIN_KEY}=alice:admin`, engine: { clock } });
    await post('OpenPeriod', { period, policy: { reminderDays: [14], oldestAcceptedTemplateVersion: '6.1' } });
    for (const [supplierId, name, language] of [
      ['tin', 'Tin Parts AG', 'de'],
      ['other', 'Other Metals Ltd', 'en'],
      ['cobalt', 'Cobalt Components GmbH', 'ja'],
    ]) {
      await post('RegisterSupplier', { supplierId, name, tier: 'direct' });
      await post('AddSupplierContact', { supplierId, name: `Contact ${supplierId}`, email: `cm@${supplierId}.example`, language });
    }
    await post('SendCMRT', { supplierId: 'tin', period, dueDate, templateVersion: '6.5' });
    await post('SendCMRT', { supplierId: 'other', period, dueDate });
    await post('SendCMRT', { supplierId: 'cobalt', period, dueDate, family: 'emrt' });
  });

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('given a valid link, shows what is asked in the contact language (lang="de"), with no API key and headers that keep the token private', async () => {
    const shown = await page(linkOf('tin'));
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toMatch(/^text\/html/);
    expect(shown.html).toContain('<html lang="de">');
    expect(shown.html).toContain('Tin Parts AG');
    expect(shown.html).toContain('Acme Electronics');
    expect(shown.html).toContain('Fällig am: 2025-03-31');
    expect(shown.html).toContain('CMRT 6.5');
    expect(shown.html).toContain('Revisionen älter als CMRT 6.1');
    expect(shown.html).toContain('enctype="multipart/form-data"');
    expect(shown.headers.get('referrer-policy')).toBe('no-referrer');
    expect(shown.headers.get('cache-control')).toBe('no-store');
    expect(shown.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    // The supplier may choose another of the five languages.
    expect((await page(linkOf('tin'), '?lang=ja')).html).toContain('<html lang="ja">');
  });

  it('refuses forged, altered and unknown links with 404, one page for all, saying nothing of the request', async () => {
    const forged = new SupplierLinks(Buffer.from('x'.repeat(40)), 'https://dd.acme.example', 30).supplierLinkFor({
      supplierId: 'tin',
      period,
      requestNumber: 1,
      dueDate,
    }).token;
    const [payload, signature] = linkOf('tin').split('.');
    const otherPayload = linkOf('other').split('.')[0];
    const altered = `${otherPayload}.${signature}`;
    const flipped = `${payload}.${signature.slice(0, -2)}${signature.endsWith('A') ? 'B' : 'A'}A`;
    // Genuinely signed, but no such request: answered exactly like a forged one.
    const ghost = linkOf('ghost');
    const secondRequest = linkOf('tin', 2);
    const answers = await Promise.all([forged, altered, flipped, ghost, secondRequest, 'not-a-token'].map((token) => page(token)));
    for (const answer of answers) expect(answer.status).toBe(404);
    const shapes = new Set(answers.map((answer) => shapeOf(answer.html)));
    expect(shapes.size).toBe(1);
    expect([...shapes][0]).not.toMatch(/Tin Parts|ghost|2024|tin/);
  });

  it('given a workbook with findings, records it by supplier:tin and shows each finding with its cell at once; a fixed one comes back clean', async () => {
    const before = eventsOf(`survey-${period}-tin`).length;
    const workbook = withoutEmail('Tin Parts AG');
    const started = performance.now();
    const first = await send(linkOf('tin'), 'tin-parts.xlsx', workbook);
    console.log(
      `[supplier-page] ${workbook.byteLength}-byte CMRT uploaded, checked, recorded and its page answered in ${(performance.now() - started).toFixed(0)} ms`,
    );
    expect(first.status).toBe(200);
    expect(first.html).toContain('Prüfung Ihrer Antwort 1');
    expect(first.html).toContain('Declaration!D16');
    expect(first.html).toMatch(/1 Fehler zu korrigieren/);

    const survey = eventsOf(`survey-${period}-tin`);
    const recorded = survey.slice(before);
    expect(recorded.map((event) => event.type)).toContain('ResponseRecorded');
    for (const event of recorded) expect(event.metadata.actor).toBe('supplier:tin');
    const response = recorded.find((event) => event.type === 'ResponseRecorded')!;
    expect(response.data.findings.some((finding: any) => finding.severity === 'error' && finding.cell === 'Declaration!D16')).toBe(true);

    // Shown again on a later visit: the survey's latest findings, nothing else.
    expect((await page(linkOf('tin'))).html).toContain('Declaration!D16');

    const fixed = await send(linkOf('tin'), 'tin-parts-fixed.xlsx', complete('Tin Parts AG'));
    expect(fixed.status).toBe(200);
    expect(fixed.html).toContain('Prüfung Ihrer Antwort 2');
    expect(fixed.html).toContain('Keine Fehler');
    expect(fixed.html).not.toContain('Declaration!D16');
    const after = eventsOf(`survey-${period}-tin`);
    expect(after.filter((event) => event.type === 'FollowUpResolved').map((event) => event.metadata.actor)).toEqual(['supplier:tin']);
  });

  it('reads and writes nothing beyond its own request: form fields naming another supplier are ignored, other routes want an API key', async () => {
    const otherBefore = eventsOf(`survey-${period}-other`).length;
    const sent = await send(linkOf('tin'), 'for-other.xlsx', withoutEmail('Tin Parts AG'), { supplierId: 'other', period: '2023' });
    expect(sent.status).toBe(200);
    expect(eventsOf(`survey-${period}-other`)).toHaveLength(otherBefore);
    expect(eventsOf(`survey-2023-other`)).toHaveLength(0);

    const token = linkOf('tin');
    for (const path of [
      '/suppliers',
      '/suppliers/other/messages',
      `/suppliers/tin/messages`,
      '/audit-trail',
      '/surveys',
      '/suppliers/other',
      '/messages/figures?period=2024',
    ]) {
      const viaHeader = await api.get(path, { 'x-api-key': token });
      const viaBearer = await api.get(path, { authorization: `Bearer ${token}` });
      expect({ path, statuses: [viaHeader.status, viaBearer.status] }).toEqual({ path, statuses: [401, 401] });
    }
    expect((await api.post('SendReminder', { supplierId: 'other', period }, { 'x-api-key': token })).status).toBe(401);
    // Only /s/<token> itself: no route under it.
    for (const path of [`/s/${token}/messages`, `/s/${token}/findings`]) {
      const response = await fetch(`${api.started.url}${path}`);
      expect(response.status).toBe(404);
    }
    // A path that climbs out of /s/ is another route, and wants its API key.
    expect((await fetch(`${api.started.url}/s/${token}/../../suppliers`)).status).toBe(401);
  });

  it('refuses a workbook of the other family (422) and records nothing on the other survey', async () => {
    const before = eventCount();
    const emrt = writeCells(readFixture(EMRT_2_1_FIXTURE), filledEmrtCells('Tin Parts AG'));
    const refused = await send(linkOf('tin'), 'emrt.xlsx', emrt);
    expect(refused.status).toBe(422);
    expect(refused.html).toMatch(/asks for the CMRT; the file is an EMRT/);
    expect(eventCount()).toBe(before);
    // The EMRT survey's link takes the EMRT, by supplier:cobalt.
    const emrtLink = linkOf('cobalt', 1, 'emrt');
    expect((await page(emrtLink)).html).toContain('<html lang="ja">');
    const answered = await send(
      emrtLink,
      'cobalt.xlsx',
      writeCells(readFixture(EMRT_2_1_FIXTURE), filledEmrtCells('Cobalt Components GmbH')),
    );
    expect(answered.status).toBe(200);
    const recorded = eventsOf(`survey-${period}-cobalt:emrt`).find((event) => event.type === 'EmrtResponseRecorded');
    expect(recorded?.metadata.actor).toBe('supplier:cobalt');
  });

  it('refuses what cannot be read as the upload endpoint does: too large (413), a zip bomb (413), not a workbook (422), no file (400)', async () => {
    const before = eventCount();
    const oversized = await send(linkOf('other'), 'huge.xlsx', new Uint8Array(20 * 1024 * 1024 + 1));
    expect(oversized.status).toBe(413);
    expect(oversized.html).toContain('larger than 20 MB');
    const zip = minimalXlsx({ sheets: [{ name: 'Declaration', sheetData: cmrtDeclarationRows() }] });
    const bombed = await send(linkOf('other'), 'bomb.xlsx', patchDeclaredSize(zip, 'xl/worksheets/sheet1.xml', 4_000_000_000));
    expect(bombed.status).toBe(413);
    expect(bombed.html).toMatch(/too large to process/);
    const text = await send(linkOf('other'), 'notes.xlsx', new TextEncoder().encode('not a workbook'));
    expect(text.status).toBe(422);
    const form = new FormData();
    const none = await fetch(`${api.started.url}/s/${linkOf('other')}`, { method: 'POST', body: form });
    expect(none.status).toBe(400);
    expect(eventCount()).toBe(before);
  });

  it('given RevokeSupplierLink, answers the link 410 (like an expired one) and records nothing through it', async () => {
    const token = linkOf('other');
    expect((await page(token)).status).toBe(200);
    const revoked = await post('RevokeSupplierLink', { supplierId: 'other', period, reason: 'the contact left' });
    expect(revoked.eventIds).toHaveLength(1);
    const event = eventsOf(`survey-${period}-other`).find((candidate) => candidate.type === 'SupplierLinkRevoked');
    expect(event?.data).toEqual({ supplierId: 'other', period, requestNumber: 1, reason: 'the contact left' });
    expect(event?.metadata.actor).toBe('alice');

    expect((await page(token)).status).toBe(410);
    const before = eventCount();
    expect((await send(token, 'after-revoke.xlsx', complete('Other Metals Ltd'))).status).toBe(410);
    expect(eventCount()).toBe(before);
    // Revoking again records nothing more; another supplier's link still works.
    expect((await post('RevokeSupplierLink', { supplierId: 'other', period })).eventIds).toHaveLength(0);
    expect((await page(linkOf('tin'))).status).toBe(200);
  });
  // Last: it moves the engine clock past the links' last day.
  it('answers 410 once the link is past its last day (due date + grace, by the engine clock), the same page as a revoked link', async () => {
    const revokedPage = await page(linkOf('other'));
    clock.set('2025-04-30T23:00:00.000Z');
    expect((await page(linkOf('tin'))).status).toBe(200);
    clock.set('2025-05-01T00:00:01.000Z');
    const expired = await page(linkOf('tin'));
    expect(expired.status).toBe(410);
    const before = eventCount();
    expect((await send(linkOf('tin'), 'late.xlsx', complete('Tin Parts AG'))).status).toBe(410);
    expect(eventCount()).toBe(before);
    // Expired, revoked, or an expired link of a request that never existed: one page.
    expect(shapeOf(revokedPage.html)).toBe(shapeOf(expired.html));
    expect(shapeOf((await page(linkOf('ghost'))).html)).toBe(shapeOf(expired.html));
  });
});

describe('The link in the message the supplier receives', () => {
  it('opens its page and takes the answer (no SMTP, no DD_LINK_KEY: the pickup folder and the key kept in the data directory)', async () => {
    const api = await RunningApi.start({
      mail: { from: mail.from, companyName: 'Acme Electronics', linkGraceDays: 30, maxAttempts: 8 },
      engine: { outbox: { intervalMs: 100 } },
    });
    try {
      const post = async (command: string, body: unknown) => expect((await api.post(command, body)).status).toBe(201);
      await post('RegisterSupplier', { supplierId: 'acme', name: 'Acme Solder', tier: 'direct' });
      await post('AddSupplierContact', { supplierId: 'acme', name: 'Ana', email: 'ana@acme.example', language: 'es' });
      const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      await post('SendCMRT', { supplierId: 'acme', period, dueDate: due });
      const folder = join(api.dataDir, 'outbox-pickup');
      const [file] = await eventually('the request in the pickup folder', () => {
        const files = existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.eml')) : [];
        return files.length > 0 ? files : null;
      });
      const message = await simpleParser(readFileSync(join(folder, file)));
      const written = /https?:\/\/\S+(\/s\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(message.text ?? '')!;
      // The link names <DD_PUBLIC_URL>/s/<token>; this server listens on a port chosen at start (port 0), so the path is taken.
      const url = `${api.started.url}${written[1]}`;
      const opened = await fetch(url);
      expect(opened.status).toBe(200);
      const html = await opened.text();
      expect(html).toContain('<html lang="es">');
      expect(html).toContain('Acme Solder');
      const form = new FormData();
      form.append('file', new Blob([complete('Acme Solder')]), 'acme.xlsx');
      expect((await fetch(url, { method: 'POST', body: form })).status).toBe(200);
      const [answered] = await eventually('the response in the audit trail', async () => {
        const items = (await api.get('/audit-trail?supplierId=acme&limit=100')).body.items as Array<{ type: string; actor: string }>;
        const found = items.filter((item) => item.type === 'ResponseRecorded');
        return found.length > 0 ? found : null;
      });
      expect(answered.actor).toBe('supplier:acme');
    } finally {
      await api.stop();
      api.removeData();
    }
  });
});

describe('The supplier answer page is rate-limited per link and per client address', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await RunningApi.start({ mail, supplierPage: { perTokenBurst: 3, perTokenPerMinute: 1, perIpBurst: 8, perIpPerMinute: 1 } });
  });

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('answers 429 with Retry-After beyond a link burst, then beyond the address burst for every link', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${api.started.url}/s/same-token`);
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses).toEqual([404, 404, 404, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // 4 taken from the address's 8: four more distinct tokens pass, the next is refused whatever its token.
    for (let i = 0; i < 4; i++) expect((await fetch(`${api.started.url}/s/token-${i}`)).status).toBe(404);
    const refused = await fetch(`${api.started.url}/s/token-new`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    // The rest of the API is not limited by the page's buckets.
    expect((await api.get('/health')).status).toBe(200);
  });
});
