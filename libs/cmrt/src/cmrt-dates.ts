import type { CellValue } from './xlsx/sheet-cells';

/**
 * The effective date (Declaration!D22) as YYYY-MM-DD. The template asks for DD-MMM-YYYY and
 * Excel stores a typed date as a serial number, but real files also hold text in whatever
 * form the supplier typed ("02-May-2024", "2024/05/02", "May 2, 2024", "02.05.2024", ...).
 */
export type DateReading = { date: string } | { problem: string };

const MAX_SERIAL = 2_958_465; // 9999-12-31

/**
 * Excel serial -> ISO date. 1900 system: serial 1 = 1900-01-01, and Excel counts a 29-Feb-1900
 * that never was (serial 60), so later serials are days since 1899-12-30. 1904 system (old Mac
 * workbooks, workbookPr date1904): days since 1904-01-01. The time of day is dropped.
 */
export function excelSerialToIsoDate(serial: number, date1904 = false): string | undefined {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1) || serial > MAX_SERIAL) return undefined;
  const days = Math.floor(serial);
  if (!date1904 && days === 60) return undefined; // 1900-02-29 does not exist
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(epoch + days * 86_400_000).toISOString().slice(0, 10);
}

export function readEffectiveDate(value: CellValue, date1904 = false): DateReading {
  if (typeof value === 'number') {
    const date = excelSerialToIsoDate(value, date1904);
    return date ? { date } : { problem: `the number ${value} is not a date Excel can show` };
  }
  if (typeof value === 'boolean') return { problem: `${value ? 'TRUE' : 'FALSE'} is not a date` };
  return parseDateText(value, date1904);
}

const MONTHS: [RegExp, number][] = [
  // English first; then the common German, French, Spanish, Portuguese and Italian forms.
  [/^(jan|janv|januar|janvier|ene|enero|gen|genn|gennaio|janeiro)/, 1],
  [/^(feb|febr|februar|f[eé]v|f[eé]vr|f[eé]vrier|febrero|fev|fevereiro|febbraio)/, 2],
  [/^(mar|m[aä]r|m[aä]rz|mars|marzo|mar[cç]o)/, 3],
  [/^(apr|april|avr|avril|abr|abril|aprile)/, 4],
  [/^(may|mai|mayo|maio|mag|maggio)/, 5],
  [/^(jun|juni|juin|junio|junho|giu|giugno)/, 6],
  [/^(jul|juli|juil|juillet|julio|julho|lug|luglio)/, 7],
  [/^(aug|august|ao[uû]|ao[uû]t|ago|agosto)/, 8],
  [/^(sep|sept|september|septembre|septiembre|set|setembro|settembre)/, 9],
  [/^(oct|okt|oktober|octobre|octubre|out|outubro|ott|ottobre)/, 10],
  [/^(nov|november|novembre|noviembre|novembro)/, 11],
  [/^(dec|dez|dezember|d[eé]c|d[eé]cembre|dic|diciembre|dezembro|dicembre)/, 12],
];

const WEEKDAY_PREFIX = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;

/** Text -> ISO date, or why not. Ambiguous day/month orders (03/04/2024) are not guessed. */
export function parseDateText(raw: string, date1904 = false): DateReading {
  const text = raw.trim().replace(WEEKDAY_PREFIX, '');
  if (text === '') return { problem: 'the date is empty' };
  let match: RegExpExecArray | null;

  // 2024-05-02, 2024-05-02T00:00:00 (ISO; also what t="d" cells hold)
  if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text))) {
    return ymd(+match[1], +match[2], +match[3], raw);
  }
  // 2024/05/02, 2024.05.02, 2024. 5. 2. (Korean), 2024年5月2日 (Chinese, Japanese)
  if ((match = /^(\d{4})\s*[/.年]\s*(\d{1,2})\s*[/.月]\s*(\d{1,2})\s*[.日]?$/.exec(text))) {
    return ymd(+match[1], +match[2], +match[3], raw);
  }
  // 20240502
  if ((match = /^(\d{4})(\d{2})(\d{2})$/.exec(text))) return ymd(+match[1], +match[2], +match[3], raw);
  // 02-May-2024, 2-May-24, 2 May 2024, 02 May, 2024, 2.Mai.2024
  if ((match = /^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]+([^\d\s\-/.,]{3,})\.?[\s\-/.,]+(\d{4}|\d{2})$/u.exec(text))) {
    const month = monthNumber(match[2]);
    return month ? ymd(fullYear(match[3]), month, +match[1], raw) : unparseable(raw);
  }
  // May 2, 2024, May-02-2024, May 2nd 2024
  if ((match = /^([^\d\s\-/.,]{3,})\.?[\s\-/.]+(\d{1,2})(?:st|nd|rd|th)?[\s\-/.,]+(\d{4}|\d{2})$/u.exec(text))) {
    const month = monthNumber(match[1]);
    return month ? ymd(fullYear(match[3]), month, +match[2], raw) : unparseable(raw);
  }
  // 02.05.2024: dots mean day.month.year wherever they are used
  if ((match = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/.exec(text))) {
    return ymd(fullYear(match[3]), +match[2], +match[1], raw);
  }
  // 05/02/2024 or 05-02-2024: day first in most of the world, month first in the US
  if ((match = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})$/.exec(text))) {
    const [a, b, year] = [+match[1], +match[2], fullYear(match[3])];
    if (a > 12 && b <= 12) return ymd(year, b, a, raw);
    if (b > 12 && a <= 12) return ymd(year, a, b, raw);
    if (a === b) return ymd(year, a, b, raw);
    return { problem: `"${raw.trim()}" could be ${iso(year, b, a)} or ${iso(year, a, b)} (day and month order unknown)` };
  }
  // a serial number typed or pasted as text: "45442"
  if (/^(\d{5})(?:\.\d+)?$/.test(text)) {
    const date = excelSerialToIsoDate(Number(text), date1904);
    if (date) return { date };
  }
  return unparseable(raw);
}

function monthNumber(name: string): number | undefined {
  const key = name.toLowerCase();
  return MONTHS.find(([pattern]) => pattern.test(key))?.[1];
}

/** Excel's two-digit-year rule: 00-29 -> 2000-2029, 30-99 -> 1930-1999. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length !== 2) return year;
  return year < 30 ? 2000 + year : 1900 + year;
}

function ymd(year: number, month: number, day: number, raw: string): DateReading {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || year < 1900 || year > 9999) {
    return { problem: `"${raw.trim()}" is not a valid calendar date` };
  }
  return { date: iso(year, month, day) };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function unparseable(raw: string): DateReading {
  return { problem: `"${raw.trim()}" is not a date in a recognised format (the template asks for DD-MMM-YYYY)` };
}
