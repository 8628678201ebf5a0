import { excelSerialToIsoDate, parseDateText, readEffectiveDate } from './cmrt-dates';

describe('excelSerialToIsoDate', () => {
  it.each([
    [45442, '2024-05-30'],
    [45422, '2024-05-10'],
    [45442.75, '2024-05-30'],
    [39083, '2007-01-01'],
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
  ])('1900 system: %d -> %s', (serial, date) => {
    expect(excelSerialToIsoDate(serial)).toBe(date);
  });

  it('1904 system (old Mac workbooks)', () => {
    expect(excelSerialToIsoDate(43980, true)).toBe('2024-05-30');
    expect(excelSerialToIsoDate(0, true)).toBe('1904-01-01');
  });

  it("refuses Excel's phantom 29-Feb-1900 and out-of-range numbers", () => {
    expect(excelSerialToIsoDate(60)).toBeUndefined();
    expect(excelSerialToIsoDate(0)).toBeUndefined();
    expect(excelSerialToIsoDate(-5)).toBeUndefined();
    expect(excelSerialToIsoDate(3_000_000)).toBeUndefined();
  });
});

describe('parseDateText', () => {
  it.each([
    ['02-May-2024', '2024-05-02'],
    ['2-May-24', '2024-05-02'],
    ['2 May 2024', '2024-05-02'],
    ['02 May, 2024', '2024-05-02'],
    ['2-MAY-2024', '2024-05-02'],
    ['2 September 2024', '2024-09-02'],
    ['2-Sept-2024', '2024-09-02'],
    ['May 2, 2024', '2024-05-02'],
    ['May 2nd 2024', '2024-05-02'],
    ['Thursday, May 2, 2024', '2024-05-02'],
    ['2024/05/02', '2024-05-02'],
    ['2024/5/2', '2024-05-02'],
    ['2024-05-02', '2024-05-02'],
    ['2024-05-02T00:00:00', '2024-05-02'],
    ['2024-05-02T00:00:00.000Z', '2024-05-02'],
    ['2024.05.02', '2024-05-02'],
    ['2024. 5. 2.', '2024-05-02'],
    ['2024年5月2日', '2024-05-02'],
    ['20240502', '2024-05-02'],
    ['02.05.2024', '2024-05-02'],
    ['2.5.24', '2024-05-02'],
    ['13/05/2024', '2024-05-13'],
    ['05/13/2024', '2024-05-13'],
    ['05-05-2024', '2024-05-05'],
    ['2-Mai-2024', '2024-05-02'],
    ['2 mars 2024', '2024-03-02'],
    ['2-dic-2024', '2024-12-02'],
    ['45442', '2024-05-30'],
    ['  02-May-2024\t', '2024-05-02'],
    ['29-Feb-2024', '2024-02-29'],
    ['1-Jan-30', '1930-01-01'],
  ])('%s -> %s', (text, date) => {
    expect(parseDateText(text)).toEqual({ date });
  });

  it.each([
    ['03/04/2024', /could be 2024-04-03 or 2024-03-04/],
    ['31-Feb-2024', /not a valid calendar date/],
    ['29-Feb-2023', /not a valid calendar date/],
    ['2024-13-01', /not a valid calendar date/],
    ['next Monday', /not a date in a recognised format/],
    ['Q2 2024', /not a date in a recognised format/],
    ['02-Foo-2024', /not a date in a recognised format/],
    ['', /empty/],
  ])('%s is not read as a date', (text, problem) => {
    const reading = parseDateText(text);
    expect(reading).toEqual({ problem: expect.stringMatching(problem) });
  });
});

describe('readEffectiveDate', () => {
  it('reads serials, text and refuses booleans', () => {
    expect(readEffectiveDate(45442)).toEqual({ date: '2024-05-30' });
    expect(readEffectiveDate('May 30, 2024')).toEqual({ date: '2024-05-30' });
    expect(readEffectiveDate(true)).toEqual({ problem: 'TRUE is not a date' });
    expect(readEffectiveDate(3_000_000)).toEqual({ problem: expect.stringMatching(/not a date/) });
  });
});
