import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Handlebars from 'handlebars';
import { handlebarsOnFirstUse } from '../on-first-use';
import { MAIL_LANGUAGES, type MailLanguage, type SupplierMailTemplates } from '../supplier-mail/supplier-mail-templates';
import { PAGE_PHRASES } from './page-phrases';

/** Copied beside the compiled code by the build (scripts/copy-assets.js), like the mail templates. */
const PAGE_TEMPLATE = join(__dirname, 'templates', 'supplier-page.html.hbs');

let compiled: Handlebars.TemplateDelegate | undefined;
const page = () => (compiled ??= handlebarsOnFirstUse().compile(readFileSync(PAGE_TEMPLATE, 'utf8'), { strict: false }));

const LANGUAGE_NAMES: Record<MailLanguage, string> = { en: 'English', zh: '中文', ja: '日本語', de: 'Deutsch', es: 'Español' };

export interface SupplierPageFinding {
  severity: 'error' | 'warning' | 'red-flag' | 'info';
  /** The worksheet cell ("Declaration!D16"), else the declaration field. */
  cell?: string;
  field: string;
  message: string;
}

/** What the page shows of its request: facts only; the words come from the phrase files. */
export interface SupplierPageRequest {
  company: string;
  supplierName: string;
  period: number;
  family: string;
  version?: string;
  oldestAccepted?: string;
  dueDate: string;
  expiresOn: string;
  latest?: { responseNumber: number; receivedAt: string; fileName?: string; findings: readonly SupplierPageFinding[]; accepted: boolean };
}

export interface SupplierPageInput {
  language: MailLanguage;
  /** The page's own path (`/s/<token>`): the form posts to it, the language links point at it. */
  path: string;
  /** The CSP nonce of the inline style and script. */
  nonce: string;
  /** The upload size limit, in MB (told in the hint). */
  limitMb: number;
  /** Absent: the link opens nothing (closed). */
  request?: SupplierPageRequest;
  /** Why the link opens nothing (404, 410) or why the client must wait (429). */
  closed?: { kind: 'not-found' | 'gone' | 'too-many'; retryAfterSeconds?: number; company: string };
  /** Why the last upload was not recorded (a file that cannot be read, a refusal), in the supplier's words where we have them. */
  refused?: string;
}

/** Whether a language is one the messages and the page are written in. */
export function isPageLanguage(value: unknown): value is MailLanguage {
  return typeof value === 'string' && (MAIL_LANGUAGES as readonly string[]).includes(value);
}

const minute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * The supplier's answer page: what is asked, the upload form, and the latest answer's findings cell
 * by cell, in the supplier's language (the `lang` attribute says which). HTML-escaped throughout by
 * handlebars: a supplier's name or a file name cannot inject markup.
 */
export function renderSupplierPage(templates: SupplierMailTemplates, input: SupplierPageInput): string {
  const language = input.language;
  const words = PAGE_PHRASES[language];
  const say = (phrase: string, facts: object = {}) => handlebarsOnFirstUse().compile(phrase, { noEscape: true })(facts);
  const languages = MAIL_LANGUAGES.map((code) => ({
    code,
    name: LANGUAGE_NAMES[code],
    href: `?lang=${code}`,
    current: code === language,
  }));
  const common = { lang: language, nonce: input.nonce, languages, languageLabel: words.language };

  if (!input.request) {
    const closed = input.closed ?? { kind: 'not-found' as const, company: '' };
    const [title, text] =
      closed.kind === 'gone'
        ? [words.goneTitle, words.gone]
        : closed.kind === 'too-many'
          ? [words.tooManyTitle, say(words.tooMany, { seconds: closed.retryAfterSeconds ?? 1 })]
          : [words.notFoundTitle, words.notFound];
    return page()({ ...common, title, heading: title, company: closed.company, closed: { text } });
  }

  const request = input.request;
  const { phrases } = templates.language(language);
  const facts = {
    company: request.company,
    supplierName: request.supplierName,
    period: request.period,
    family: request.family,
    version: request.version,
    oldestAccepted: request.oldestAccepted,
    dueDate: request.dueDate,
    linkExpires: request.expiresOn,
    limitMb: input.limitMb,
  };
  const title = say(words.title, facts);
  const latest = request.latest;
  const answer = latest ? answerSection(latest, words, say, request.company) : undefined;
  return page()({
    ...common,
    title,
    heading: title,
    company: request.company,
    forSupplier: say(words.forSupplier, facts),
    askedLabel: phrases.askedLabel(facts),
    asked: phrases.asked(facts),
    oldest: request.oldestAccepted ? phrases.oldest(facts) : undefined,
    due: phrases.due(facts),
    linkExpires: phrases.linkExpires(facts),
    periodLabel: words.periodLabel,
    period: request.period,
    templateLabel: words.templateLabel,
    family: request.family,
    version: request.version,
    answer,
    refused: input.refused ? { title: words.refusedTitle, text: input.refused } : undefined,
    cellLabel: words.cell,
    severityLabel: words.severity,
    whatToFixLabel: words.whatToFix,
    uploadHeading: words.uploadHeading,
    uploadLabel: say(words.uploadLabel, facts),
    uploadHint: say(words.uploadHint, facts),
    uploadButton: words.uploadButton,
    checking: words.checking,
    action: input.path,
  });
}

function answerSection(
  latest: NonNullable<SupplierPageRequest['latest']>,
  words: (typeof PAGE_PHRASES)[MailLanguage],
  say: (phrase: string, facts?: object) => string,
  company: string,
) {
  const errors = latest.findings.filter((finding) => finding.severity === 'error').length;
  const outcome =
    errors > 0 ? say(words.toFix, { errors, one: errors === 1 }) : latest.findings.length > 0 ? words.cleanWithNotes : words.clean;
  return {
    heading: say(words.findingsHeading, { responseNumber: latest.responseNumber }),
    received: say(words.received, { receivedAt: minute(latest.receivedAt), fileName: latest.fileName }),
    outcome,
    outcomeClass: errors > 0 ? 'fix' : 'clean',
    accepted: latest.accepted ? say(words.accepted, { company }) : undefined,
    caption: words.caption,
    rows: latest.findings.map((finding) => ({
      cell: finding.cell ?? finding.field,
      severity: finding.severity,
      severityName: words.severities[finding.severity],
      message: finding.message,
    })),
  };
}
