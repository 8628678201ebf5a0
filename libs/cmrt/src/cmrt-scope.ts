import type { DeclarationScope } from '@dd/domain';

/**
 * Declaration!D9: "A. Company" / "B. Product (or List of Products)" / "C. User defined [Specify in
 * 'Description of scope']". The leading letter decides (the wording after it has changed between
 * versions and gets mangled by copy and paste); a value without the letter is matched on its key word.
 */
export function scopeFromText(text: string): DeclarationScope | undefined {
  const letter = /^\s*([ABC])(?=\s*[.)．:：-]|\s|$)/i.exec(text)?.[1]?.toUpperCase();
  if (letter === 'A') return 'company';
  if (letter === 'B') return 'product';
  if (letter === 'C') return 'user-defined';
  if (/user[\s-]*defined/i.test(text)) return 'user-defined';
  if (/product/i.test(text)) return 'product';
  if (/company/i.test(text)) return 'company';
  return undefined;
}
