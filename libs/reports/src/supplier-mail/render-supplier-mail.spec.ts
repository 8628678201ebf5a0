import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderSupplierMail, type SupplierMailFacts } from './render-supplier-mail';
import { DEFAULT_MAIL_TEMPLATES_DIR, MAIL_KINDS, MAIL_LANGUAGES, SupplierMailTemplates } from './supplier-mail-templates';

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

  it('names the EMRT and its minerals in a message about the EMRT, never the CMRT or tin, tantalum, tungsten and gold', () => {
    const emrt = { ...request, template: { family: 'EMRT', version: '2.1' } };
    const mail = renderSupplierMail(shipped, emrt);
    expect(mail.subject).toBe('Acme Electronics: Extended Minerals Reporting Template 2025, please answer by 2026-03-31');
    expect(mail.text).toContain('due diligence on cobalt, copper, graphite, lithium, mica and nickel');
    expect(mail.text).toContain('EMRT, revision 2.1');
    const reminder = renderSupplierMail(shipped, { ...emrt, kind: 'reminder', reminderNumber: 1 });
    expect(reminder.subject).toBe('Reminder: Acme Electronics EMRT 2025, due 2026-03-31');
    expect(reminder.text).toContain('the extended minerals report of Solder & Sons <Ltd>');
  });

  it.each(MAIL_LANGUAGES)(
    'keeps the CMRT words out of every EMRT message in %s, and the EMRT words out of every CMRT message',
    (language) => {
      const words = JSON.parse(readFileSync(join(DEFAULT_MAIL_TEMPLATES_DIR, `${language}.json`), 'utf8')) as {
        families: Record<'CMRT' | 'EMRT', { minerals: string; reportName: string }>;
      };
      for (const kind of MAIL_KINDS) {
        const facts = { ...request, language, kind, followUpItems: ['x'], responseNumber: 1 };
        const emrt = renderSupplierMail(shipped, { ...facts, template: { family: 'EMRT' } });
        const cmrt = renderSupplierMail(shipped, facts);
        expect(emrt.subject).not.toContain('CMRT');
        expect(emrt.text).not.toContain(words.families.CMRT.minerals);
        expect(emrt.text).not.toContain(words.families.CMRT.reportName);
        expect(cmrt.subject).not.toContain('EMRT');
        expect(cmrt.text).not.toContain(words.families.EMRT.minerals);
        expect(cmrt.text).not.toContain(words.families.EMRT.reportName);
      }
      const request_ = renderSupplierMail(shipped, { ...request, language, template: { family: 'EMRT' } });
      expect(request_.text).toContain(words.families.EMRT.minerals);
    },
  );

  it("keeps a company's phrase file written before the EMRT working (its language's shipped family words serve), and refuses a half-filled family", () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-mail-templates-'));
    const shippedEn = JSON.parse(readFileSync(join(DEFAULT_MAIL_TEMPLATES_DIR, 'en.json'), 'utf8')) as Record<string, unknown>;
    const { families: _families, ...before } = shippedEn;
    writeFileSync(join(dir, 'en.json'), JSON.stringify({ ...before, closing: 'Cheers,' }));
    const own = SupplierMailTemplates.load(dir);
    const mail = renderSupplierMail(own, { ...request, template: { family: 'EMRT' } });
    expect(mail.text).toContain('Cheers,');
    expect(mail.text).toContain('cobalt, copper, graphite, lithium, mica and nickel');

    writeFileSync(
      join(dir, 'en.json'),
      JSON.stringify({ ...before, families: { CMRT: { templateName: 'x', reportName: 'y', minerals: 'z', sources: 's' } } }),
    );
    expect(() => SupplierMailTemplates.load(dir)).toThrow(/en\.json: "families\.EMRT\.templateName" is missing or empty/);
  });

  it('refuses a family the messages do not know, naming the field', () => {
    expect(() => renderSupplierMail(shipped, { ...request, template: { family: 'AMRT' } })).toThrow(/template\.family: "AMRT"/);
  });
});
