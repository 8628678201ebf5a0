import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderSupplierMail, type SupplierMailFacts } from './render-supplier-mail';
import { MAIL_LANGUAGES, SupplierMailTemplates } from './supplier-mail-templates';

const request: SupplierMailFacts = {
  kind: 'survey-request',
  language: 'en',
  company: 'Acme Electronics',
  recipientName: 'Ana Silva',
  supplierName: 'Solder & Sons <Ltd>',
  period: 2025,
  dueDate: '2026-03-31',
  template: { family: 'CMRT', version: '6.5', oldestAccepted: '6.1' },
  link: 'https://dd.acme.example/s/abc.def',
  linkExpires: '2026-04-30',
  attachment: true,
};

describe('messages people can read', () => {
  const shipped = SupplierMailTemplates.load();

  it('says who asks, what is asked, by when, where to answer, in the text and the HTML body', () => {
    const mail = renderSupplierMail(shipped, request);
    expect(mail.subject).toBe('Acme Electronics: Conflict Minerals Reporting Template 2025, please answer by 2026-03-31');
    for (const expected of [
      'Dear Ana Silva,',
      'CMRT, revision 6.5',
      'older than CMRT 6.1',
      '2026-03-31',
      request.link!,
      '2026-04-30',
      'attached',
    ]) {
      expect(mail.text).toContain(expected);
    }
    expect(mail.html).toContain(`href="${request.link}"`);
    expect(mail.html).toContain('<html lang="en">');
  });

  it('escapes what comes from data in the HTML body, and leaves the text body as written', () => {
    const mail = renderSupplierMail(shipped, request);
    expect(mail.html).toContain('Solder &amp; Sons &lt;Ltd&gt;');
    expect(mail.html).not.toContain('<Ltd>');
    expect(mail.text).toContain('Solder & Sons <Ltd>');
  });

  it.each(MAIL_LANGUAGES)('writes every kind of message in %s, with no placeholder left unfilled', (language) => {
    for (const kind of ['survey-request', 'reminder', 'escalation', 'follow-up-request', 'acknowledgement'] as const) {
      const mail = renderSupplierMail(shipped, {
        ...request,
        language,
        kind,
        followUpItems: ['Declaration!D8: company name missing'],
        responseNumber: 2,
      });
      expect(mail.subject).toContain('Acme Electronics');
      expect(mail.text).not.toMatch(/\{\{|\}\}/);
      expect(mail.html).toContain(`lang="${language}"`);
    }
  });

  it('lists what to correct in a follow-up request, and asks nothing new in an acknowledgement', () => {
    const followUp = renderSupplierMail(shipped, {
      ...request,
      kind: 'follow-up-request',
      followUpItems: ['Declaration!D8: company name missing'],
    });
    expect(followUp.text).toContain('  - Declaration!D8: company name missing');
    const ack = renderSupplierMail(shipped, { ...request, kind: 'acknowledgement', responseNumber: 1, link: undefined, attachment: false });
    expect(ack.text).not.toContain('What we ask');
    expect(ack.text).toContain('(answer 1)');
  });

  it("takes the company's own file in place of the shipped one, and refuses a broken one at load, naming it", () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-mail-templates-'));
    writeFileSync(join(dir, 'message.text.hbs'), 'Hello {{recipientName}} from {{company}}: {{link}}\n');
    const own = SupplierMailTemplates.load(dir);
    expect(own.overridden).toEqual(['message.text.hbs']);
    expect(renderSupplierMail(own, request).text).toBe(`Hello Ana Silva from Acme Electronics: ${request.link}\n`);

    writeFileSync(join(dir, 'de.json'), JSON.stringify({ greeting: 'Hallo' }));
    expect(() => SupplierMailTemplates.load(dir)).toThrow(/de\.json: "subject\.survey-request" is missing or empty/);
    writeFileSync(join(dir, 'de.json'), '{');
    expect(() => SupplierMailTemplates.load(dir)).toThrow(/de\.json: not JSON/);
    writeFileSync(join(dir, 'message.html.hbs'), '{{#if link}}unclosed');
    expect(() => SupplierMailTemplates.load(dir)).toThrow(/message\.html\.hbs/);
  });
});
