import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SupplierLinks, supplierLinkKey } from './supplier-link';

describe('supplier links: signed, expiring, telling nothing', () => {
  const links = new SupplierLinks(Buffer.from('k'.repeat(40)), 'https://dd.acme.example', 30);
  const request = { supplierId: 'acme', period: 2025, requestNumber: 2, dueDate: '2026-03-31' };

  it('links the request to its supplier until the due date plus the grace period', () => {
    const link = links.supplierLinkFor(request);
    expect(link.url).toBe(`https://dd.acme.example/s/${link.token}`);
    expect(link.expiresOn).toBe('2026-04-30');
    const claims = { supplierId: 'acme', period: 2025, requestNumber: 2, family: 'cmrt', expiresOn: '2026-04-30' };
    expect(links.check(link.token, new Date('2026-04-30T23:59:00Z'))).toEqual({ ok: true, claims });
    expect(links.check(link.token, new Date('2026-05-01T00:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a forged, an altered or a malformed token as invalid', () => {
    const { token } = links.supplierLinkFor(request);
    const forged = new SupplierLinks(Buffer.from('x'.repeat(40)), 'https://dd.acme.example', 30).supplierLinkFor(request).token;
    const [, signature] = token.split('.');
    const altered = `${Buffer.from(JSON.stringify({ v: 1, s: 'other', p: 2025, r: 2, x: '2026-04-30' })).toString('base64url')}.${signature}`;
    const now = new Date('2026-01-01T00:00:00Z');
    for (const bad of [forged, altered, 'nonsense', `${token}x`, '.', ''])
      expect(links.check(bad, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it("signs an EMRT survey's family, so that its link cannot be turned into the CMRT's (or the reverse)", () => {
    const emrt = links.supplierLinkFor({ ...request, family: 'emrt' });
    const now = new Date('2026-01-01T00:00:00Z');
    expect(links.check(emrt.token, now)).toEqual({
      ok: true,
      claims: { supplierId: 'acme', period: 2025, requestNumber: 2, family: 'emrt', expiresOn: '2026-04-30' },
    });
    const [, signature] = links.supplierLinkFor(request).token.split('.');
    const asEmrt = `${Buffer.from(JSON.stringify({ v: 1, s: 'acme', p: 2025, r: 2, x: '2026-04-30', f: 'emrt' })).toString('base64url')}.${signature}`;
    expect(links.check(asEmrt, now)).toEqual({ ok: false, reason: 'invalid' });
    // A CMRT link keeps the form it was first issued in (no family claim).
    expect(JSON.parse(Buffer.from(links.supplierLinkFor(request).token.split('.')[0], 'base64url').toString())).not.toHaveProperty('f');
  });

  it('keeps a generated key in the data directory, the same on every start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-link-key-'));
    const first = supplierLinkKey(undefined, dir);
    expect(supplierLinkKey(undefined, dir).equals(first)).toBe(true);
    expect(supplierLinkKey('configured-key-of-at-least-32-characters', dir).toString()).toBe('configured-key-of-at-least-32-characters');
  });
});
