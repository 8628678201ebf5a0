import { COMPANY_ANSWERS, MINERAL_ANSWERS, canonicalAnswer, percentText } from './cmrt-answers';
import { languageFromCell, languageFromIndex } from './cmrt-language';
import { scopeFromText } from './cmrt-scope';
import { cellText, numberText } from './cmrt-values';
import { metalFromText } from './smelter-list-sheet';

describe('cellText', () => {
  it('trims tabs and spaces (also non-breaking and ideographic ones)', () => {
    expect(cellText('  ACME\t\t')).toBe('ACME');
    expect(cellText('\u00a0ACME\u3000')).toBe('ACME');
  });

  it('treats "0" and 0 as empty: residue of formulas pasted as values', () => {
    expect(cellText('0')).toBeUndefined();
    expect(cellText(' 0\t')).toBeUndefined();
    expect(cellText(0)).toBeUndefined();
    expect(cellText('')).toBeUndefined();
    expect(cellText(undefined)).toBeUndefined();
    expect(cellText('10')).toBe('10');
  });

  it('shows numbers and booleans as Excel would', () => {
    expect(cellText(4930123456)).toBe('4930123456');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(true)).toBe('TRUE');
    expect(numberText(1e21)).toBe('1e+21');
  });
});

describe('canonicalAnswer', () => {
  it('maps other spellings to the dropdown value', () => {
    expect(canonicalAnswer('yes', MINERAL_ANSWERS.q1)).toEqual({ answer: 'Yes', expected: true });
    expect(canonicalAnswer('UNKNOWN', MINERAL_ANSWERS.q3)).toEqual({ answer: 'Unknown', expected: true });
    expect(canonicalAnswer('greater than 90 %', MINERAL_ANSWERS.q6)).toEqual({ answer: 'Greater than 90%', expected: true });
    expect(canonicalAnswer('Yes, in conformance with IPC-1755 [e.g., CMRT]', COMPANY_ANSWERS.E)).toEqual({
      answer: 'Yes, in conformance with IPC1755 (e.g., CMRT)',
      expected: true,
    });
    expect(canonicalAnswer('Yes, with the SEC and the EU', COMPANY_ANSWERS.H).answer).toBe('Yes, with the SEC and the EU');
  });

  it('keeps anything else as typed, flagged', () => {
    expect(canonicalAnswer('Unknown', MINERAL_ANSWERS.q1)).toEqual({ answer: 'Unknown', expected: false });
    expect(canonicalAnswer('Yes', COMPANY_ANSWERS.H)).toEqual({ answer: 'Yes', expected: false });
  });

  it('writes the number 1 of a percentage cell as 100%', () => {
    expect(percentText(1)).toBe('100%');
    expect(percentText(0.9)).toBe('90%');
  });
});

describe('scopeFromText', () => {
  it.each([
    ['A. Company', 'company'],
    ['B. Product (or List of Products)', 'product'],
    ["C. User defined [Specify in 'Description of scope']", 'user-defined'],
    ['a.company', 'company'],
    ['B) Product', 'product'],
    ['  C. Benutzerdefiniert', 'user-defined'],
    ['A', 'company'],
    ['Company', 'company'],
    ['Product list', 'product'],
    ['User defined', 'user-defined'],
  ])('%s -> %s', (text, scope) => {
    expect(scopeFromText(text)).toBe(scope);
  });

  it.each(['Division level', 'Another thing', 'Q'])('%s is not a scope', (text) => {
    expect(scopeFromText(text)).toBeUndefined();
  });

  it('falls back on the key word when the letter is not A-C (old 2.x "D. Product Level")', () => {
    expect(scopeFromText('D. Product Level')).toBe('product');
  });
});

describe('languageFromCell / languageFromIndex', () => {
  it.each([
    ['English', 'English'],
    ['中文 Chinese', 'Chinese'],
    ['日本語 Japanese', 'Japanese'],
    ['한국어 Korean', 'Korean'],
    ['Français', 'French'],
    ['Português', 'Portuguese'],
    ['Deutsch', 'German'],
    ['Español', 'Spanish'],
    ['Italiano', 'Italian'],
    ['italiano', 'Italian'],
    ['Türkçe', 'Turkish'],
  ])('%s -> %s', (shown, language) => {
    expect(languageFromCell(shown)).toBe(language);
  });

  it('maps the P3 index in L!D1:M1 order', () => {
    expect([1, 2, 3, 10].map(languageFromIndex)).toEqual(['English', 'Chinese', 'Japanese', 'Turkish']);
    expect(languageFromIndex(0)).toBeUndefined();
    expect(languageFromIndex(11)).toBeUndefined();
  });
});

describe('metalFromText', () => {
  it('accepts the four metals in any case, nothing else', () => {
    expect(['Tantalum', 'TIN', ' gold ', 'tungsten'].map(metalFromText)).toEqual(['tantalum', 'tin', 'gold', 'tungsten']);
    expect(metalFromText('Cobalt')).toBeUndefined();
    expect(metalFromText('Tin/Tantalum')).toBeUndefined();
  });
});
