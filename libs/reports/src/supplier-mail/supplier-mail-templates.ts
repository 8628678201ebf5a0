import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { handlebarsOnFirstUse } from '../on-first-use';

/** The shipped templates: copied beside the compiled code by the build (scripts/copy-assets.js). */
export const DEFAULT_MAIL_TEMPLATES_DIR = join(__dirname, 'templates');

export const MAIL_LANGUAGES = ['en', 'zh', 'ja', 'de', 'es'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];
export const MAIL_KINDS = ['survey-request', 'reminder', 'escalation', 'follow-up-request', 'acknowledgement'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** The phrases of one language (templates/<language>.json), each a handlebars template of its own. */
const PHRASES = [
  'greeting',
  'followUpLabel',
  'askedLabel',
  'asked',
  'oldest',
  'due',
  'linkIntro',
  'linkButton',
  'linkExpires',
  'attachment',
  'closing',
  'automatic',
] as const;
type Phrase = (typeof PHRASES)[number];

/**
 * The template families a message may ask for (MessageQueued's `template.family`) and the words each
 * needs: the template's name, what the report is called, the minerals it covers and what its supply
 * chain is reported as. An EMRT request must not speak of tin, tantalum, tungsten and gold.
 */
export const MAIL_FAMILIES = ['CMRT', 'EMRT'] as const;
export type MailFamily = (typeof MAIL_FAMILIES)[number];
const FAMILY_WORDS = ['templateName', 'reportName', 'minerals', 'sources'] as const;
export type FamilyWords = Record<(typeof FAMILY_WORDS)[number], string>;

type Compiled = (context: object) => string;
interface LanguagePhrases {
  subject: Record<MailKind, Compiled>;
  intro: Record<MailKind, Compiled>;
  phrases: Record<Phrase, Compiled>;
  families: Record<MailFamily, FamilyWords>;
}

/**
 * The message templates, read once: two bodies (message.text.hbs, message.html.hbs) and the phrases
 * of each language (<language>.json). Each file may be replaced by one of the same name in the
 * company's folder (DD_MAIL_TEMPLATES_DIR); a file there that does not compile, or a phrase file
 * that lacks a phrase, is refused at start with the file and phrase named, not at the first send.
 */
export class SupplierMailTemplates {
  private constructor(
    readonly text: Compiled,
    readonly html: Compiled,
    private readonly languages: Record<MailLanguage, LanguagePhrases>,
    /** Files taken from the company's folder. */
    readonly overridden: readonly string[],
  ) {}

  static load(overrideDir?: string): SupplierMailTemplates {
    const overridden: string[] = [];
    const read = (file: string): { source: string; where: string } => {
      const override = overrideDir ? join(overrideDir, file) : undefined;
      if (override && existsSync(override)) {
        overridden.push(file);
        return { source: readFileSync(override, 'utf8'), where: override };
      }
      const shipped = join(DEFAULT_MAIL_TEMPLATES_DIR, file);
      return { source: readFileSync(shipped, 'utf8'), where: shipped };
    };
    const text = compile(read('message.text.hbs'), { noEscape: true });
    const html = compile(read('message.html.hbs'), {});
    const languages = Object.fromEntries(
      MAIL_LANGUAGES.map((language) => {
        const file = `${language}.json`;
        // A company's phrase file written before the EMRT was mailed has no "families": the shipped words of its language serve.
        const shipped = () => phrasesOf({ source: readFileSync(join(DEFAULT_MAIL_TEMPLATES_DIR, file), 'utf8'), where: file }).families;
        return [language, phrasesOf(read(file), shipped)];
      }),
    ) as Record<MailLanguage, LanguagePhrases>;
    return new SupplierMailTemplates(text, html, languages, overridden);
  }

  language(language: MailLanguage): LanguagePhrases {
    return this.languages[language];
  }
}

function compile({ source, where }: { source: string; where: string }, options: { noEscape?: boolean }): Compiled {
  try {
    const template = handlebarsOnFirstUse().compile(source, options);
    // Compiling is lazy: rendering once with no facts surfaces a syntax error now, at start.
    template({});
    return template;
  } catch (error) {
    throw new Error(`mail template ${where}: ${(error as Error).message}`, { cause: error });
  }
}

function phrasesOf(
  { source, where }: { source: string; where: string },
  shippedFamilies?: () => Record<MailFamily, FamilyWords>,
): LanguagePhrases {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    throw new Error(`mail template ${where}: not JSON (${(error as Error).message})`, { cause: error });
  }
  const table = parsed as Record<string, unknown>;
  const text = (value: unknown, name: string): Compiled => {
    if (typeof value !== 'string' || value.trim() === '') throw new Error(`mail template ${where}: "${name}" is missing or empty`);
    // Phrases become text: the HTML body escapes them where it places them.
    return compile({ source: value, where: `${where} "${name}"` }, { noEscape: true });
  };
  const perKind = (name: 'subject' | 'intro'): Record<MailKind, Compiled> => {
    const kinds = (table[name] ?? {}) as Record<string, unknown>;
    return Object.fromEntries(MAIL_KINDS.map((kind) => [kind, text(kinds[kind], `${name}.${kind}`)])) as Record<MailKind, Compiled>;
  };
  const families = (): Record<MailFamily, FamilyWords> => {
    if (table.families === undefined && shippedFamilies) return shippedFamilies();
    const given = (table.families ?? {}) as Record<string, Record<string, unknown> | undefined>;
    return Object.fromEntries(
      MAIL_FAMILIES.map((family) => [
        family,
        Object.fromEntries(
          FAMILY_WORDS.map((word) => {
            const value = given[family]?.[word];
            if (typeof value !== 'string' || value.trim() === '')
              throw new Error(`mail template ${where}: "families.${family}.${word}" is missing or empty`);
            return [word, value];
          }),
        ),
      ]),
    ) as Record<MailFamily, FamilyWords>;
  };
  return {
    subject: perKind('subject'),
    intro: perKind('intro'),
    phrases: Object.fromEntries(PHRASES.map((phrase) => [phrase, text(table[phrase], phrase)])) as Record<Phrase, Compiled>,
    families: families(),
  };
}
