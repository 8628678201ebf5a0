/**
 * The display language chosen in Declaration!D3, as an English name. D3 holds one of the
 * L!D1:M1 headers ("English", "中文 Chinese", "日本語 Japanese", "한국어 Korean", "Français",
 * "Português", "Deutsch", "Español", "Italiano" (6.01: "italiano"), "Türkçe"); P3 holds its
 * 1-based position in that list (defined name SL), which we use when D3 is unrecognised.
 * The language only changes labels: answer values stay English in every language.
 */
const LANGUAGES: { name: string; pattern: RegExp }[] = [
  { name: 'English', pattern: /english|英語|英语/i },
  { name: 'Chinese', pattern: /chinese|中文/i },
  { name: 'Japanese', pattern: /japanese|日本語/i },
  { name: 'Korean', pattern: /korean|한국어/i },
  { name: 'French', pattern: /fran[cç]ais|french/i },
  { name: 'Portuguese', pattern: /portugu[eê]s|portuguese/i },
  { name: 'German', pattern: /deutsch|german/i },
  { name: 'Spanish', pattern: /espa[nñ]ol|spanish/i },
  { name: 'Italian', pattern: /italian/i },
  { name: 'Turkish', pattern: /t[uü]rk[cç]e|turkish/i },
];

/** L!D1:M1 order, for the P3 index. */
const LANGUAGE_BY_INDEX = LANGUAGES.map((language) => language.name);

/** The EMRT and AMRT offer six languages (L!D1:I1), in this order. */
const SIX_LANGUAGES = ['English', 'Chinese', 'Japanese', 'Korean', 'French', 'German'];

export function languageFromCell(text: string | undefined): string | undefined {
  if (!text) return undefined;
  return LANGUAGES.find((language) => language.pattern.test(text))?.name;
}

export function languageFromIndex(index: number | undefined): string | undefined {
  return languageAt(index, 10);
}

/** `languages`: 10 for the CMRT's table, 6 for the EMRT's and AMRT's. */
export function languageAt(index: number | undefined, languages: 10 | 6): string | undefined {
  if (index === undefined || !Number.isInteger(index)) return undefined;
  return (languages === 6 ? SIX_LANGUAGES : LANGUAGE_BY_INDEX)[index - 1];
}
