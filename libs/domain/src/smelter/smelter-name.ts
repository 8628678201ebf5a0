/**
 * Names compare after case, accent and whitespace normalisation ("Fenix Metals", "FENIX  METALS ",
 * "Fénix Metals" are one alias). Punctuation is kept: RMI aliases differ by it ("Alpha" vs
 * "Alpha Assembly Solutions"), and matching must stay exact, as the CMRT's own MATCH() is.
 */
export function normaliseSmelterName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Word tokens for ranking candidates (punctuation dropped, legal-form noise removed). */
const NOISE = new Set([
  'co',
  'ltd',
  'inc',
  'corp',
  'corporation',
  'company',
  'limited',
  'llc',
  'gmbh',
  'sa',
  'ag',
  'the',
  'of',
  'and',
  'pt',
  'tbk',
]);
export function nameTokens(name: string): Set<string> {
  return new Set(
    normaliseSmelterName(name)
      .split(/[^a-z0-9]+/)
      .filter((token) => token.length > 1 && !NOISE.has(token)),
  );
}

/** Similarity of two names in [0, 1]: Dice coefficient over word tokens. */
export function nameSimilarity(a: string, b: string): number {
  const left = nameTokens(a);
  const right = nameTokens(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const token of left) if (right.has(token)) shared++;
  return (2 * shared) / (left.size + right.size);
}
