import { MAIL_FAMILIES, type MailFamily, type MailKind, type MailLanguage, type SupplierMailTemplates } from './supplier-mail-templates';

/** What a message to a supplier says, as facts: the templates turn them into words. */
export interface SupplierMailFacts {
  kind: MailKind;
  language: MailLanguage;
  /** Our company, as the supplier knows it. */
  company: string;
  recipientName: string;
  supplierName: string;
  period: number;
  dueDate?: string;
  /** What is asked: the template family, the revision requested, and the oldest revision accepted. */
  template: { family: string; version?: string; oldestAccepted?: string };
  /** The supplier's own answer link, and the day it stops working. */
  link?: string;
  linkExpires?: string;
  followUpItems?: readonly string[];
  reminderNumber?: number;
  overdue?: boolean;
  responseNumber?: number;
  /** Whether the blank template is attached. */
  attachment: boolean;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** A request, a reminder and an escalation say what is asked and by when; a follow-up only what to correct. */
const ASKS: ReadonlySet<MailKind> = new Set(['survey-request', 'reminder', 'escalation']);

/** The subject, plain-text and HTML bodies of one message, in its language. */
export function renderSupplierMail(templates: SupplierMailTemplates, facts: SupplierMailFacts): RenderedMail {
  const { subject, intro, phrases, families } = templates.language(facts.language);
  const family = facts.template.family;
  if (!(MAIL_FAMILIES as readonly string[]).includes(family))
    throw new Error(`template.family: "${family}" is not one the messages know (${MAIL_FAMILIES.join(', ')})`);
  const context = {
    ...facts,
    ...families[family as MailFamily],
    family: facts.template.family,
    version: facts.template.version,
    oldestAccepted: facts.template.oldestAccepted,
    asks: ASKS.has(facts.kind),
    followUpItems: facts.followUpItems ?? [],
  };
  const t: Record<string, string> = { intro: intro[facts.kind](context) };
  for (const [name, phrase] of Object.entries(phrases)) t[name] = phrase(context);
  const rendered = { ...context, t, subject: subject[facts.kind](context).replace(/\s+/g, ' ').trim() };
  return { subject: rendered.subject, text: templates.text(rendered).replace(/\n{3,}/g, '\n\n'), html: templates.html(rendered) };
}
