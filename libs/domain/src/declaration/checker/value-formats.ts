/**
 * Format checks for free-text cells: dates (D22), e-mail addresses (D16, D20), URLs (G77) and RMI
 * smelter ids. Pure functions, no I/O.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  if (lower.length < 3) return undefined;
  const index = MONTHS.findIndex((month) => lower.startsWith(month));
  // "Sept" is common; otherwise the text must be a prefix of the English month name ("May", "March").
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
  return index >= 0 && (full[index].startsWith(lower) || lower === 'sept') ? index + 1 : undefined;
}

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Excel 1900 date system (serial 1 = 1900-01-01, with Excel's phantom 29-Feb-1900). */
const EXCEL_MAX_SERIAL = 2958465; // 31-Dec-9999

function fromExcelSerial(serial: number): string | undefined {
  if (!(serial >= 1 && serial <= EXCEL_MAX_SERIAL)) return undefined;
  const whole = Math.floor(serial);
  const epoch = Date.UTC(1899, 11, whole > 60 ? 30 : 31);
  return new Date(epoch + whole * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Reads an effective date as the reader hands it over: YYYY-MM-DD (optionally with a time), the
 * template's DD-MMM-YYYY text ("02-May-2024", "2 May 2024"), "May 2, 2024", YYYYMMDD, or an Excel
 * serial number ("45442"). Day/month-ambiguous forms such as "05/10/2024" are not guessed.
 * Returns YYYY-MM-DD, or undefined when the text is not a date.
 */
export function parseEffectiveDate(text: string): string | undefined {
  const value = text.trim();
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})(?:st|nd|rd|th)?[-/.\s]+([A-Za-z]+)\.?[-/.,\s]+(\d{4})$/.exec(value);
  if (match) {
    const month = monthNumber(match[2]);
    return month === undefined ? undefined : isoDate(Number(match[3]), month, Number(match[1]));
  }
  match = /^([A-Za-z]+)\.?[-\s]+(\d{1,2})(?:st|nd|rd|th)?,?[-\s]+(\d{4})$/.exec(value);
  if (match) {
    const month = monthNumber(match[1]);
    return month === undefined ? undefined : isoDate(Number(match[3]), month, Number(match[2]));
  }
  match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  if (/^\d{1,7}(?:\.\d+)?$/.test(value)) return fromExcelSerial(Number(value));
  return undefined;
}

/** The calendar day of an ISO timestamp as written by its sender ("2024-06-01T08:00+09:00" → 2024-06-01). */
export function calendarDay(timestamp: string): string | undefined {
  const written = /^(\d{4})-(\d{2})-(\d{2})/.exec(timestamp.trim());
  if (written) return isoDate(Number(written[1]), Number(written[2]), Number(written[3]));
  const parsed = new Date(timestamp);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString().slice(0, 10);
}

/** local@domain.tld: RFC 5322 atom characters (plus letters of any script), dot-separated labels. */
const ADDRESS =
  /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}$/u;

/**
 * A plausible e-mail address, or a list of them separated by ";" or ",". Catches what the Checker's
 * "contains @" test lets through: "contact,c@example.com", "name@company", "a b@example.com".
 */
export function isPlausibleEmail(value: string): boolean {
  const parts = value
    .trim()
    .replace(/^mailto:/i, '')
    .split(/\s*[;,]\s*|\s+/);
  return parts.length > 0 && parts.every((part) => ADDRESS.test(part));
}

/** Something a browser could open: a scheme URL, "www.…", or a bare domain with an optional path. */
const URL_LIKE = /(?:https?:\/\/\S+|www\.[\p{L}\p{N}-]+\.\S+|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?:\/\S*)?)/u;

export function containsUrl(value: string): boolean {
  return URL_LIKE.test(value);
}

/** RMI smelter id: "CID" + 6 digits (domain.md §2). Case is ignored, as Excel's MATCH does. */
export function isRmiSmelterId(value: string): boolean {
  return /^CID\d{6}$/i.test(value.trim());
}
