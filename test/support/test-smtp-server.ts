import { createServer, type Server } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { MailConfig } from '@dd/engine';

/** How the server treats a recipient: accept, refuse for now (4xx), refuse for good (5xx). */
export type RecipientRule = (address: string) => 'accept' | { code: number; message: string };

/**
 * A real SMTP server in the test process (the smtp-server package), on 127.0.0.1: it keeps every
 * message it accepted, parsed (mailparser). It can be stopped and started again on the same port
 * (an outage), or replaced by a listener that drops every connection at once.
 */
export class TestSmtpServer {
  readonly received: ParsedMail[] = [];
  /** Per recipient: how many times the server was offered a message for it. */
  readonly offers = new Map<string, number>();
  rule: RecipientRule = () => 'accept';
  private smtp?: SMTPServer;
  private dropper?: Server;

  private constructor(public port: number) {}

  static async start(): Promise<TestSmtpServer> {
    const server = new TestSmtpServer(0);
    await server.listen();
    return server;
  }

  /** Listens (again) on its port, in place of a dropping listener. */
  async listen(): Promise<void> {
    await this.stop();
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const email = address.address.toLowerCase();
        this.offers.set(email, (this.offers.get(email) ?? 0) + 1);
        const verdict = this.rule(email);
        if (verdict === 'accept') return callback();
        const error = new Error(verdict.message) as Error & { responseCode: number };
        error.responseCode = verdict.code;
        return callback(error);
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.received.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      smtp.once('error', reject);
      smtp.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (smtp.server.address() as { port: number }).port;
    this.smtp = smtp;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** An outage: nothing listens on the port. */
  async stop(): Promise<void> {
    const smtp = this.smtp;
    this.smtp = undefined;
    if (smtp) await new Promise<void>((resolve) => smtp.close(() => resolve()));
    const dropper = this.dropper;
    this.dropper = undefined;
    if (dropper) await new Promise<void>((resolve) => dropper.close(() => resolve()));
  }

  /** A server that takes each connection and drops it before saying anything. */
  async dropConnections(): Promise<void> {
    await this.stop();
    const dropper = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      dropper.once('error', reject);
      dropper.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.dropper = dropper;
  }

  /** The messages received for an address. */
  to(address: string): ParsedMail[] {
    return this.received.filter((mail) => addressesOf(mail).includes(address.toLowerCase()));
  }
}

export function addressesOf(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((group) => group.value.map((entry) => (entry.address ?? '').toLowerCase()));
}

/** Waits for a condition, checking every 50 ms, for a generous while (no timing is asserted). */
export async function eventually<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The engine's mail settings for a spec that sends through `smtp`: Acme Electronics writing from
 * cm@acme.example with links on https://dd.acme.example; a spec overrides what it is about.
 */
export function mailThrough(smtp: TestSmtpServer, overrides: Partial<MailConfig> = {}): MailConfig {
  return {
    smtpUrl: smtp.url,
    from: 'cm@acme.example',
    companyName: 'Acme Electronics',
    publicUrl: 'https://dd.acme.example',
    linkKey: 'spec-link-key-0123456789-0123456789-0123456789',
    linkGraceDays: 30,
    maxAttempts: 8,
    ...overrides,
  };
}
