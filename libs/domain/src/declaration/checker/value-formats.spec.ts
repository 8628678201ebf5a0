import { COMPANY_ANSWER_OPTIONS, MINERAL_ANSWER_OPTIONS, readAnswer } from './answer-values';
import { isBlank, isPlaceholder, isSameAsReference } from './text';
import { calendarDay, containsUrl, isPlausibleEmail, isRmiSmelterId, parseEffectiveDate } from './value-formats';

describe('isBlank (domain.md §1.8)', () => {
  it.each([undefined, null, '', ' ', '\t\n', '\u00a0', '0', ' 0\t'])('given %j, then it is blank', (value) => {
    expect(isBlank(value)).toBe(true);
  });
  it.each(['a', '00', '0.0', 'No', '-'])('given %j, then it is not blank', (value) => {
    expect(isBlank(value)).toBe(false);
  });
});

describe('placeholders', () => {
  it.each(['N/A', 'n/a', 'NA', 'none', '-', 'TBD', 'Unknown', 'not applicable'])('given %j, then it is a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });
  it.each(['0', '', 'Nanjing', 'Noble Metals'])('given %j, then it is not a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(false);
  });
  it.each(['same', 'Same as above', 'SAME AS CONTACT'])('given %j, then it refers to another cell', (value) => {
    expect(isSameAsReference(value)).toBe(true);
  });
  it('given "Samuel", then it is a name, not "same"', () => {
    expect(isSameAsReference('Samuel')).toBe(false);
  });
});

describe('readAnswer', () => {
  it('given the two spellings of E, then both read as the template value', () => {
    expect(readAnswer('Yes, using IPC-1755 [e.g., CMRT]', COMPANY_ANSWER_OPTIONS.E)).toEqual({
      status: 'valid',
      value: 'Yes, in conformance with IPC1755 (e.g., CMRT)',
    });
    expect(readAnswer('Yes, in conformance with IPC1755 (e.g., CMRT)', COMPANY_ANSWER_OPTIONS.E)).toEqual({
      status: 'valid',
      value: 'Yes, in conformance with IPC1755 (e.g., CMRT)',
    });
  });
  it('given "Maybe" for Q1, then it is invalid, and "0" is blank', () => {
    expect(readAnswer('Maybe', MINERAL_ANSWER_OPTIONS.q1)).toEqual({ status: 'invalid', raw: 'Maybe' });
    expect(readAnswer('0', MINERAL_ANSWER_OPTIONS.q1)).toEqual({ status: 'blank' });
  });
  it('given "50% OR LESS" for Q6, then it reads as "50% or less"', () => {
    expect(readAnswer('50% OR LESS', MINERAL_ANSWER_OPTIONS.q6)).toEqual({ status: 'valid', value: '50% or less' });
  });
});

describe('parseEffectiveDate', () => {
  it.each([
    ['2024-05-30', '2024-05-30'],
    ['2024-05-30T00:00:00.000Z', '2024-05-30'],
    ['02-May-2024', '2024-05-02'],
    ['2 May 2024', '2024-05-02'],
    ['02-Sept-2024', '2024-09-02'],
    ['May 2, 2024', '2024-05-02'],
    ['20240502', '2024-05-02'],
    ['45442', '2024-05-30'],
    ['39083', '2007-01-01'],
  ])('given %j, then it reads %s', (text, iso) => {
    expect(parseEffectiveDate(text)).toBe(iso);
  });
  it.each(['05/10/2024', '2024-02-30', '31-Foo-2024', 'yesterday', '', '-1'])('given %j, then it is not a date', (text) => {
    expect(parseEffectiveDate(text)).toBeUndefined();
  });
  it('given timestamps, then the calendar day is the one written', () => {
    expect(calendarDay('2024-06-01T23:30:00-05:00')).toBe('2024-06-01');
    expect(calendarDay('not a time')).toBeUndefined();
  });
});

describe('isPlausibleEmail', () => {
  it.each(['a@b.co', 'first.last+tag@sub.example.com', 'x@例え.テスト', 'a@b.example; c@d.example'])(
    'given %j, then plausible',
    (value) => {
      expect(isPlausibleEmail(value)).toBe(true);
    },
  );
  it.each(['contact,c@example.com', 'name@company', 'a b@example.com', '@example.com', 'a@.example.com', 'a@example.', 'a..b@example.com'])(
    'given %j, then not plausible',
    (value) => {
      expect(isPlausibleEmail(value)).toBe(false);
    },
  );
});

describe('containsUrl and isRmiSmelterId', () => {
  it.each(['https://www.cgco.co.jp/csr/report', 'www.companyname.com', 'See acme.example/policy'])(
    'given %j, then it contains a URL',
    (value) => {
      expect(containsUrl(value)).toBe(true);
    },
  );
  it.each(['Available on request', 'Yes', 'see website'])('given %j, then it contains no URL', (value) => {
    expect(containsUrl(value)).toBe(false);
  });
  it('given CIDs, then only CID + 6 digits pass', () => {
    expect(['CID002494', ' cid000004 ', 'CID2494', 'CID0024940', '1JPN072'].map(isRmiSmelterId)).toEqual([true, true, false, false, false]);
  });
});
