import { basename, join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandRefused, streams, SURVEY_FAMILY_LABELS, type MessageQueued, type SurveyFamily } from '@dd/domain';
import { MessageQueries, messageOf, messagesProjection, type PendingMessage } from '@dd/projections';
import { renderSupplierMail, SupplierMailTemplates, type MailKind } from '@dd/reports';
import type { EventStore } from '@dd/event-store';
import type { Database } from 'better-sqlite3';
import { CommandDispatcher } from '../commands/command-dispatcher';
import type { CommandMetadata } from '../commands/command-metadata';
import { defaultMailConfig, type MailConfig } from '../config/mail-config';
import type { EngineConfig } from '../config/engine-config';
import type { ReadModelRole } from '../ownership/read-model-role';
import { ClockDrivenHealth } from '../process-managers/clock-driven-health';
import type { ProcessManagerStatus } from '../process-managers/process-manager-status';
import { ReadSide } from '../read-side';
import { CLOCK, ENGINE_CONFIG, EVENT_STORE, READ_MODEL_DB, READ_MODEL_ROLE, type Clock } from '../tokens';
import { MailNotAccepted, PickupFolderTransport, SmtpMailTransport, type MailTransport, type OutgoingMail } from './mail-transport';
import { isLinkRevoked } from './link-revocation';
import { SupplierLinks } from './supplier-link';

export const OUTBOX_ACTOR = 'system:outbox';
export const PICKUP_FOLDER = 'outbox-pickup';

/** How the sender paces itself (EngineOptions.outbox). */
export interface OutboxSenderOptions {
  /** How often it looks for messages due (ms); 0: only when send() is called. */
  intervalMs: number;
  /** The wait after the first failed attempt; it doubles with each further one, up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** SMTP connection and greeting timeout (ms). */
  smtpTimeoutMs: number;
}

export const DEFAULT_OUTBOX_SENDER_OPTIONS: OutboxSenderOptions = {
  intervalMs: 5_000,
  retryBaseMs: 60_000,
  retryMaxMs: 6 * 60 * 60_000,
  smtpTimeoutMs: 30_000,
};
export const OUTBOX_SENDER_OPTIONS = Symbol('OutboxSenderOptions');

/** What one pass did. */
export interface OutboxPassResult {
  handed: number;
  deferred: number;
  failed: number;
}

/** Kinds that carry the supplier's link: every one that asks for an answer or a correction. */
const LINKED: ReadonlySet<MailKind> = new Set(['survey-request', 'reminder', 'escalation', 'follow-up-request']);
/** Kinds the blank template is attached to. */
const ATTACHED: ReadonlySet<MailKind> = new Set(['survey-request', 'reminder', 'escalation']);
const BATCH = 50;

/**
 * Sends the outbox. Driven by the clock: every interval (and when send() is called) it takes the
 * messages whose next attempt is due from the messages read model, reads each one's MessageQueued
 * from the log (the intent), renders it in its language, hands it to the mail server (or the pickup
 * folder), and records the fate through the dispatcher: MessageHandedToMailServer, or a failed
 * attempt — deferred with back-off on the engine clock, or failed for good (a 5xx reply, no contact,
 * attempts exhausted).
 *
 * Nothing is kept in memory: a message stays queued until its fate is recorded, so a restart picks
 * it up again. The one unavoidable duplicate: the process dies after the server accepted a message
 * and before the handover was recorded; the message is then sent again with the same Message-ID
 * header, which receivers use to drop the second copy (docs/outreach.md).
 */
@Injectable()
export class OutboxSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxSender.name);
  private readonly queries: MessageQueries;
  private readonly mail: MailConfig;
  private readonly health = new ClockDrivenHealth('outbox-sender');
  private timer?: NodeJS.Timeout;
  private queue: Promise<unknown> = Promise.resolve();
  private parts?: { transport: MailTransport; templates: SupplierMailTemplates; links: SupplierLinks };

  constructor(
    @Inject(READ_MODEL_DB) db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    @Inject(READ_MODEL_ROLE) private readonly role: ReadModelRole,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(OUTBOX_SENDER_OPTIONS) private readonly options: OutboxSenderOptions,
    private readonly readSide: ReadSide,
    private readonly commands: CommandDispatcher,
    // The page checks links with the same key (a memory store's key lives only in this one instance).
    private readonly links: SupplierLinks,
  ) {
    this.queries = new MessageQueries(db);
    this.mail = config.mail ?? defaultMailConfig();
  }

  /** Only the process that keeps the read models sends (one sender per data directory). */
  onApplicationBootstrap(): void {
    if (this.role.mode !== 'own' || this.options.intervalMs <= 0) return;
    // What the operator configures (an override folder of templates, an SMTP URL) is checked at start: a
    // broken override fails the start, not the first send. The shipped templates and the pickup folder
    // have nothing to check, so they are made by the first send: handlebars, nodemailer and compiling
    // every language's phrases are not part of the start (docs/bounded-start.md).
    if (this.mail.templatesDir || this.mail.smtpUrl) this.prepare();
    // A server starting in the background: the first pass once the read models are whole.
    this.readSide.whenReplayed(() => {
      this.timer = setInterval(() => this.sendInBackground(), this.options.intervalMs);
      this.timer.unref();
      this.sendInBackground();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.queue;
    this.parts?.transport.close();
  }

  /** One pass over the messages due now (after any pass under way). */
  send(): Promise<OutboxPassResult> {
    const pass = this.queue.then(() => this.health.track(() => this.pass()));
    this.queue = pass.catch(() => undefined);
    return pass;
  }

  status(): ProcessManagerStatus {
    return this.health.status(this.timer !== undefined);
  }

  /** Where messages go: smtp, or the pickup folder. */
  get transportKind(): 'smtp' | 'pickup' {
    return this.mail.smtpUrl ? 'smtp' : 'pickup';
  }

  private sendInBackground(): void {
    this.send().catch((error) => this.logger.error(`outbox pass failed: ${messageOf(error)}`));
  }

  private prepare() {
    if (this.parts) return this.parts;
    const mail = this.mail;
    const transport: MailTransport = mail.smtpUrl
      ? new SmtpMailTransport(mail.smtpUrl, { connectionMs: this.options.smtpTimeoutMs, socketMs: this.options.smtpTimeoutMs * 2 })
      : new PickupFolderTransport(join(this.config.dataDir, PICKUP_FOLDER));
    const templates = SupplierMailTemplates.load(mail.templatesDir);
    this.parts = { transport, templates, links: this.links };
    return this.parts;
  }

  private async pass(): Promise<OutboxPassResult> {
    await this.readSide.settled([messagesProjection.name]);
    const result: OutboxPassResult = { handed: 0, deferred: 0, failed: 0 };
    // Messages are taken in batches until none is due: a campaign of hundreds goes out in one pass.
    const tried = new Set<string>();
    for (;;) {
      const due = this.queries.pending(this.clock.now().toISOString(), BATCH).filter((message) => !tried.has(message.messageId));
      if (due.length === 0) return result;
      for (const message of due) {
        tried.add(message.messageId);
        result[await this.deliver(message)]++;
      }
      await this.readSide.settled([messagesProjection.name]);
    }
  }

  private async deliver(pending: PendingMessage): Promise<keyof OutboxPassResult> {
    const { transport, templates, links } = this.prepare();
    const queued = await this.intent(pending.messageId);
    const metadata = (what: string): CommandMetadata => ({
      commandId: `outbox-send/${pending.messageId}/${what}`,
      actor: OUTBOX_ACTOR,
      causationId: queued.eventId,
      ...(queued.correlationId ? { correlationId: queued.correlationId } : {}),
    });
    const message = queued.data;
    const attempt = pending.attempts + 1;
    if (message.recipients.length === 0) {
      return this.recordFailure(
        pending,
        'no contact address: the supplier has no contact to write to',
        undefined,
        metadata(`attempt-${attempt}`),
      );
    }
    // A link revoked after the message was queued is not written into it: the mail goes without one.
    const mail = this.compose(message, templates, links, !(await this.linkRevoked(message)));
    try {
      const handOver = await transport.send(mail);
      await this.commands.dispatch(
        'RecordMessageHanded',
        { messageId: message.messageId, transport: transport.kind, ...handOver, messageIdHeader: mail.messageIdHeader },
        metadata('handed'),
      );
      return 'handed';
    } catch (error) {
      if (!(error instanceof MailNotAccepted)) throw error;
      const exhausted = error.permanent || attempt >= this.mail.maxAttempts;
      const delay = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** (attempt - 1));
      const next = exhausted ? undefined : new Date(this.clock.now().getTime() + delay).toISOString();
      this.logger.warn(
        `${message.messageId} to ${message.supplierId}: attempt ${attempt} not accepted (${error.reply})${next ? `; next at ${next}` : '; given up'}`,
      );
      return this.recordFailure(pending, error.reply, next, metadata(`attempt-${attempt}`));
    }
  }

  private async recordFailure(
    pending: PendingMessage,
    reply: string,
    nextAttemptAt: string | undefined,
    metadata: CommandMetadata,
  ): Promise<'deferred' | 'failed'> {
    try {
      await this.commands.dispatch(
        'RecordMessageAttemptFailed',
        {
          messageId: pending.messageId,
          supplierId: pending.supplierId,
          reply: reply.slice(0, 2000),
          ...(nextAttemptAt ? { nextAttemptAt } : {}),
        },
        metadata,
      );
    } catch (error) {
      if (!(error instanceof CommandRefused)) throw error;
    }
    return nextAttemptAt ? 'deferred' : 'failed';
  }

  /** The MessageQueued of a message, from the log: the intent is what was recorded, not a copy. */
  private async intent(messageId: string): Promise<{ data: MessageQueued; eventId: string; correlationId?: string }> {
    const [first] = await this.store.readStream(streams.message(messageId), { maxCount: 1 });
    if (first?.type !== 'MessageQueued') throw new Error(`message ${messageId}: its stream does not begin with MessageQueued`);
    return { data: first.data as MessageQueued, eventId: first.metadata.eventId, correlationId: first.metadata.correlationId };
  }

  /** Whether the message would carry the answer link of a request whose link was revoked (RevokeSupplierLink). */
  private async linkRevoked(message: MessageQueued): Promise<boolean> {
    if (!LINKED.has(message.kind) || message.requestNumber === undefined) return false;
    return isLinkRevoked(this.store, {
      supplierId: message.supplierId,
      period: message.period,
      family: familyOfTemplate(message),
      requestNumber: message.requestNumber,
    });
  }

  private compose(message: MessageQueued, templates: SupplierMailTemplates, links: SupplierLinks, withLink: boolean): OutgoingMail {
    const kind = message.kind;
    const link =
      withLink && LINKED.has(kind) && message.requestNumber !== undefined && message.dueDate !== undefined
        ? links.supplierLinkFor({
            supplierId: message.supplierId,
            period: message.period,
            requestNumber: message.requestNumber,
            dueDate: message.dueDate,
            ...(familyOfTemplate(message) === 'emrt' ? { family: 'emrt' as const } : {}),
          })
        : undefined;
    const attach = ATTACHED.has(kind) && this.mail.blankCmrtPath !== undefined;
    const rendered = renderSupplierMail(templates, {
      kind,
      language: message.language,
      company: this.mail.companyName,
      recipientName: message.recipients.map((recipient) => recipient.name).join(', '),
      supplierName: message.supplierName,
      period: message.period,
      ...(message.dueDate ? { dueDate: message.dueDate } : {}),
      template: message.template,
      ...(link ? { link: link.url, linkExpires: link.expiresOn } : {}),
      ...(message.followUp ? { followUpItems: message.followUp.items } : {}),
      ...(message.reminderNumber ? { reminderNumber: message.reminderNumber } : {}),
      ...(message.overdue !== undefined ? { overdue: message.overdue } : {}),
      ...(message.responseNumber ? { responseNumber: message.responseNumber } : {}),
      attachment: attach,
    });
    return {
      from: this.mail.from,
      to: message.recipients.map((recipient) => ({ name: recipient.name, address: recipient.email })),
      ...rendered,
      messageIdHeader: `<${message.messageId}@${domainOf(this.mail.from)}>`,
      messageId: message.messageId,
      attachments:
        attach && this.mail.blankCmrtPath ? [{ filename: basename(this.mail.blankCmrtPath), path: this.mail.blankCmrtPath }] : [],
      language: message.language,
    };
  }
}

/** The survey family a message is about, from the template it names (CMRT or EMRT). */
function familyOfTemplate(message: MessageQueued): SurveyFamily {
  return message.template.family === SURVEY_FAMILY_LABELS.emrt ? 'emrt' : 'cmrt';
}

function domainOf(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
}
