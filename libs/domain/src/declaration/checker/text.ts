/**
 * Text helpers shared by every rule. Real workbooks hold trailing tabs, non-breaking spaces and the
 * literal "0" where formulas were pasted as values (domain.md §1.8), so all rules go through these.
 */

/** Blank = absent, only whitespace, or the literal "0" (formula residue, §1.8). */
export function isBlank(value: string | undefined | null): boolean {
  if (value === undefined || value === null) return true;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === '0';
}

/** The value trimmed, or undefined when it is blank. */
export function present(value: string | undefined | null): string | undefined {
  return isBlank(value) ? undefined : (value as string).trim();
}

/** Case- and whitespace-insensitive comparison key ("  Smelter  not Listed\t" → "smelter not listed"). */
export function comparable(value: string | undefined | null): string {
  return (value ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Quotes a supplier's value for a message, shortened so one bad cell cannot flood a report. */
export function quoted(value: string | undefined | null, max = 80): string {
  const text = (value ?? '').trim().replace(/\s+/g, ' ');
  return `"${text.length > max ? `${text.slice(0, max - 1)}…` : text}"`;
}

/** Values suppliers type when they have nothing to give ("N/A", "-", "TBD", …). "0" already counts as blank. */
const PLACEHOLDERS = new Set([
  'n/a',
  'n.a',
  'na',
  'n/a.',
  'not available',
  'not applicable',
  'none',
  'nil',
  'null',
  'unknown',
  'tbd',
  'tba',
  '-',
  '--',
  '---',
  '—',
  '–',
  '?',
  '??',
  'x',
  'xx',
  'xxx',
  '.',
  '...',
]);

export function isPlaceholder(value: string | undefined | null): boolean {
  if (isBlank(value)) return false;
  const key = comparable(value);
  return PLACEHOLDERS.has(key) || PLACEHOLDERS.has(key.replace(/\.$/, ''));
}

/** "same", "Same as above", "same as contact": a reference to another cell instead of a value. */
export function isSameAsReference(value: string | undefined | null): boolean {
  return !isBlank(value) && /^same\b/.test(comparable(value));
}
