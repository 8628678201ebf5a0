import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Nodemailer from 'nodemailer';

/** One message as it leaves: rendered, addressed, with its stable Message-ID header. */
export interface OutgoingMail {
  from: string;
  to: Array<{ name: string; address: string }>;
  subject: string;
  text: string;
  html: string;
  /** `<message-id@domain>`: the same on every attempt, so a receiver can drop a second copy. */
  messageIdHeader: string;
  /** The name of the outbox message (the .eml file's name in the pickup folder). */
  messageId: string;
  attachments: Array<{ filename: string; path: string }>;
  language: string;
}

/** What the mail server answered when it took the message. */
export interface MailHandOver {
  serverMessageId: string;
  response: string;
}

/** The message was not taken. permanent: a 5xx refusal, trying again would not help. */
export class MailNotAccepted extends Error {
  constructor(
    readonly reply: string,
    readonly permanent: boolean,
  ) {
    super(reply);
  }
}

export interface MailTransport {
  readonly kind: 'smtp' | 'pickup';
  send(mail: OutgoingMail): Promise<MailHandOver>;
  close(): void;
}

/** What nodemailer needs, from our OutgoingMail (headers it would otherwise invent are fixed here). */
function nodemailerMessage(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to.map((recipient) => ({ name: recipient.name, address: recipient.address })),
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageIdHeader,
    headers: { 'Content-Language': mail.language },
    attachments: mail.attachments,
  };
}

interface SmtpError {
  responseCode?: number;
  response?: string;
  code?: string;
  message?: string;
}

/**
 * SMTP through nodemailer (DD_SMTP_URL: smtp:// with STARTTLS when offered, smtps:// for TLS from
 * the start; user and password in the URL). A reply of 5xx is a refusal for good; 4xx, a dropped
 * connection, a timeout or a refused connection are tried again later.
 */
export class SmtpMailTransport implements MailTransport {
  readonly kind = 'smtp' as const;
  private readonly transport;

  constructor(url: string, timeouts: { connectionMs?: number; socketMs?: number } = {}) {
    const connectionTimeout = timeouts.connectionMs ?? 30_000;
    // Timeouts the URL may not set: a server that accepts the connection and says nothing must not hold the sender for minutes.
    this.transport = nodemailer().createTransport({
      url,
      connectionTimeout,
      greetingTimeout: connectionTimeout,
      socketTimeout: timeouts.socketMs ?? 60_000,
    });
  }

  async send(mail: OutgoingMail): Promise<MailHandOver> {
    try {
      const info = await this.transport.sendMail(nodemailerMessage(mail));
      const accepted = (info.accepted ?? []).length;
      if (accepted === 0) throw new MailNotAccepted(`no recipient accepted: ${String(info.response ?? '')}`, true);
      return {
        serverMessageId: serverIdOf(String(info.response ?? '')) ?? String(info.messageId ?? mail.messageIdHeader),
        response: String(info.response ?? ''),
      };
    } catch (error) {
      if (error instanceof MailNotAccepted) throw error;
      const smtp = error as SmtpError;
      const reply = smtp.response ?? `${smtp.code ?? 'error'}: ${smtp.message ?? String(error)}`;
      const permanent = typeof smtp.responseCode === 'number' && smtp.responseCode >= 500 && smtp.responseCode < 600;
      throw new MailNotAccepted(reply, permanent);
    }
  }

  close(): void {
    this.transport.close();
  }
}

/** The id a server gives the message in its "250 ... queued as X" reply, when it says one. */
function serverIdOf(response: string): string | undefined {
  return /queued as\s+([^\s]+)/i.exec(response)?.[1] ?? /\bid=([^\s]+)/i.exec(response)?.[1];
}

/**
 * No SMTP configured: each message becomes `<folder>/<message id>.eml`, written whole or not at all
 * (a temporary file renamed into place), so a person can open what would have been sent and a mail
 * system can pick the files up.
 */
export class PickupFolderTransport implements MailTransport {
  readonly kind = 'pickup' as const;
  private readonly transport = nodemailer().createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(readonly folder: string) {}

  async send(mail: OutgoingMail): Promise<MailHandOver> {
    const info = await this.transport.sendMail(nodemailerMessage(mail));
    mkdirSync(this.folder, { recursive: true });
    const name = `${mail.messageId.replace(/[^A-Za-z0-9._-]/g, '_')}.eml`;
    const temporary = join(this.folder, `.${name}.${process.pid}.tmp`);
    writeFileSync(temporary, info.message as Buffer);
    renameSync(temporary, join(this.folder, name));
    return { serverMessageId: name, response: `written to ${join(this.folder, name)}` };
  }

  close(): void {
    this.transport.close();
  }
}

let loaded: typeof Nodemailer | undefined;

/** nodemailer is loaded by the first transport (the outbox's first pass), not by every process that imports the engine (docs/bounded-start.md). */
function nodemailer(): typeof Nodemailer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('nodemailer') as typeof Nodemailer);
}
