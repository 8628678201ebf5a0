import { MAIL_LANGUAGES, SupplierMailTemplates } from '../supplier-mail/supplier-mail-templates';
import { renderSupplierPage, type SupplierPageInput } from './render-supplier-page';

const templates = SupplierMailTemplates.load();
const request: NonNullable<SupplierPageInput['request']> = {
  company: 'Acme Electronics',
  supplierName: 'Tin <script>alert(1)</script> AG',
  period: 2024,
  family: 'CMRT',
  version: '6.5',
  oldestAccepted: '6.1',
  dueDate: '2025-03-31',
  expiresOn: '2025-04-30',
  latest: {
    responseNumber: 2,
    receivedAt: '2025-01-15T09:00:00.000Z',
    fileName: 'answer "final".xlsx',
    accepted: false,
    findings: [
      { severity: 'error', cell: 'Declaration!D16', field: 'contact.email', message: 'Provide an e-mail address' },
      { severity: 'info', field: 'company.name', message: 'A note <b>with</b> markup' },
    ],
  },
};
const input = (extra: Partial<SupplierPageInput> = {}): SupplierPageInput => ({
  language: 'en',
  path: '/s/abc.def',
  nonce: 'n0nce',
  limitMb: 20,
  request,
  ...extra,
});

describe('the supplier answer page', () => {
  it.each(MAIL_LANGUAGES)('renders in %s with the lang attribute, what is asked and every finding with its cell', (language) => {
    const html = renderSupplierPage(templates, input({ language }));
    expect(html).toContain(`<html lang="${language}">`);
    expect(html).toContain('2025-03-31');
    expect(html).toContain('<code>Declaration!D16</code>');
    // A finding without a cell names its field.
    expect(html).toContain('<code>company.name</code>');
    expect(html).toContain('action="/s/abc.def"');
  });

  it("escapes the supplier's name, the file name and the findings: nothing the supplier wrote becomes markup", () => {
    const html = renderSupplierPage(templates, input());
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('Tin &lt;script&gt;alert(1)&lt;/script&gt; AG');
    expect(html).not.toContain('<b>with</b>');
    expect(html).toContain('answer &quot;final&quot;.xlsx');
  });

  it('allows only its own inline style and script, by nonce', () => {
    const html = renderSupplierPage(templates, input());
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script nonce="n0nce">']);
    expect(html.match(/<style\b[^>]*>/g)).toEqual(['<style nonce="n0nce">']);
    expect(html).not.toMatch(/<(link|img|iframe)\b|src="http/);
  });

  it('says "no errors" for an answer with notes only, and counts errors otherwise', () => {
    const clean = renderSupplierPage(templates, input({ request: { ...request, latest: { ...request.latest!, findings: [] } } }));
    expect(clean).toContain('No errors: your answer is complete. Thank you.');
    expect(renderSupplierPage(templates, input())).toContain('1 error to fix.');
  });

  it('shows a link that opens nothing without any fact of a request, and no form', () => {
    for (const kind of ['not-found', 'gone'] as const) {
      const html = renderSupplierPage(templates, input({ request: undefined, closed: { kind, company: 'Acme Electronics' } }));
      expect(html).not.toMatch(/<form|2024|Tin/);
    }
    const wait = renderSupplierPage(
      templates,
      input({ request: undefined, closed: { kind: 'too-many', retryAfterSeconds: 7, company: 'Acme' } }),
    );
    expect(wait).toContain('Please wait 7 seconds');
  });
});
