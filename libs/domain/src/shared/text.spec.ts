import { z } from 'zod';
import { MultiLineText, sanitiseText, SingleLineText, WebUrl } from './text';

const form = z.object({ name: SingleLineText.min(1).max(100), note: MultiLineText.max(1000).optional(), url: WebUrl.optional() }).strict();
const problems = (value: unknown) => {
  const result = form.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};

describe('text people type into commands', () => {
  it('given a name with NUL, ESC or a right-to-left override, then it is refused at its path, saying which character and where', () => {
    expect(problems({ name: 'Acme\u0000 GmbH' })).toEqual([
      { path: 'name', message: expect.stringMatching(/control character \(U\+0000\) at position 5/) },
    ]);
    expect(problems({ name: '\u001b[31mAcme' })).toEqual([
      { path: 'name', message: expect.stringMatching(/control character \(U\+001B\) at position 1/) },
    ]);
    expect(problems({ name: 'Acme \u202Ecod.exe' })).toEqual([
      { path: 'name', message: expect.stringMatching(/bidirectional override or isolate \(U\+202E\)/) },
    ]);
  });

  it.each(['0085', '009B', '007F', '2066', '2069', '202A', '200E', '200F', '061C', '2028', '000A', '0009', '000D'])(
    'given a name with U+%s, then it is refused',
    (hex) => {
      const char = String.fromCodePoint(parseInt(hex, 16));
      expect(problems({ name: `Ac${char}me` })).toEqual([{ path: 'name', message: expect.stringContaining(`(U+${hex})`) }]);
    },
  );

  it('given multi-line text, then line feeds and tabs pass, CR LF becomes LF, a lone CR, other controls and overrides do not', () => {
    expect(form.parse({ name: 'x', note: ' first line\r\n\tsecond line ' }).note).toBe('first line\n\tsecond line');
    expect(form.parse({ name: 'x', note: 'שלום\u200F world' }).note).toBe('שלום\u200F world');
    expect(problems({ name: 'x', note: 'over\rwritten' })).toEqual([{ path: 'note', message: expect.stringMatching(/U\+000D/) }]);
    expect(problems({ name: 'x', note: 'bell\u0007' })).toEqual([{ path: 'note', message: expect.stringMatching(/U\+0007/) }]);
    expect(problems({ name: 'x', note: 'isolated \u2067text\u2069' })).toEqual([
      { path: 'note', message: expect.stringMatching(/U\+2067/) },
    ]);
  });

  it('keeps ordinary text of any script, trimmed', () => {
    expect(form.parse({ name: '  株式会社 Ünïcødé — Ltd.  ' }).name).toBe('株式会社 Ünïcødé — Ltd.');
    expect(problems({ name: '   ' })).toEqual([{ path: 'name', message: expect.any(String) }]);
  });

  it('refuses a URL hiding a direction override', () => {
    expect(problems({ name: 'x', url: 'https://example.com/\u202Efdp.exe' })).toEqual([
      { path: 'url', message: expect.stringMatching(/U\+202E/) },
    ]);
    expect(form.parse({ name: 'x', url: 'https://example.com/policy.pdf' }).url).toBe('https://example.com/policy.pdf');
  });

  it("sanitises text from a supplier's file instead: each forbidden character becomes U+FFFD, Excel's CR LF a line feed", () => {
    expect(sanitiseText('Acme\u202E GmbH\u0000', { multiLine: true })).toBe('Acme\uFFFD GmbH\uFFFD');
    expect(sanitiseText('line one\r\nline two', { multiLine: true })).toBe('line one\nline two');
    expect(sanitiseText('plain', { multiLine: false })).toBe('plain');
  });
});
