import type { ReadModelDb } from '../core/read-model-db';
import { StatementCache } from '../core/statement-cache';

export type MessageStatus = 'queued' | 'accepted' | 'failed';

/** One message to a supplier and what became of it. */
export interface MessageView {
  messageId: string;
  supplierId: string;
  period: number;
  kind: string;
  wave: string;
  /** The template family the message is about: CMRT or EMRT. */
  family: string;
  campaignId: string | null;
  requestNumber: number | null;
  recipients: string[];
  language: string;
  queuedAt: string;
  status: MessageStatus;
  attempts: number;
  /** While queued: when it is tried next (engine clock). */
  nextAttemptAt: string | null;
  /** When the mail server (or the pickup folder) took it. */
  handedAt: string | null;
  transport: string | null;
  serverMessageId: string | null;
  serverResponse: string | null;
  failedAt: string | null;
  /** The last SMTP reply of a failed attempt. */
  lastReply: string | null;
  /** Set when an undeliverable request was handed to the supplier's owner. */
  unreachableOwner: string | null;
}

/** A message waiting for an attempt, as the outbox sender needs it. */
export interface PendingMessage {
  messageId: string;
  supplierId: string;
  attempts: number;
}

/** One wave of messages of a period: how many went out, were accepted, failed, and how many of those reached answered since. */
export interface MessageWaveFigures {
  wave: string;
  messages: number;
  accepted: number;
  failed: number;
  waiting: number;
  /** Suppliers reached by the wave (a message accepted). */
  suppliersReached: number;
  /** Of those, suppliers whose first answer came after the wave reached them. */
  answeredAfter: number;
  /** answeredAfter / suppliersReached (null when none was reached). */
  responseRate: number | null;
}

export interface MessageFigures {
  period: number;
  campaignId: string | null;
  messages: number;
  accepted: number;
  failed: number;
  waiting: number;
  waves: MessageWaveFigures[];
}

const COLUMNS = `message_id AS messageId, supplier_id AS supplierId, period, kind, wave, family, campaign_id AS campaignId,
  request_number AS requestNumber, recipients, language, queued_at AS queuedAt, status, attempts, next_attempt_at AS nextAttemptAt,
  handed_at AS handedAt, transport, server_message_id AS serverMessageId, server_response AS serverResponse, failed_at AS failedAt,
  last_reply AS lastReply, unreachable_owner AS unreachableOwner`;

/** Waves in the order they go out; unknown ones after, by name. */
const WAVE_ORDER = (wave: string): string => {
  if (wave === 'request') return '0';
  const reminder = /^reminder-(\d+)$/.exec(wave);
  if (reminder) return `1-${reminder[1].padStart(3, '0')}`;
  if (wave === 'escalation') return '2';
  return `3-${wave}`;
};

export class MessageQueries {
  private readonly statements: StatementCache;

  constructor(db: ReadModelDb) {
    this.statements = new StatementCache(db);
  }

  /** A supplier's messages, oldest first; of one period when given. */
  forSupplier(supplierId: string, period?: number): MessageView[] {
    const rows = (
      period === undefined
        ? this.statements.get(`SELECT ${COLUMNS} FROM messages WHERE supplier_id = ? ORDER BY position`).all(supplierId)
        : this.statements
            .get(`SELECT ${COLUMNS} FROM messages WHERE supplier_id = ? AND period = ? ORDER BY position`)
            .all(supplierId, period)
    ) as Array<Omit<MessageView, 'recipients'> & { recipients: string }>;
    return rows.map((row) => ({ ...row, recipients: JSON.parse(row.recipients) as string[] }));
  }

  /** Messages whose next attempt is due by `now` (ISO), oldest first. */
  pending(now: string, limit: number): PendingMessage[] {
    return this.statements
      .get(
        `SELECT message_id AS messageId, supplier_id AS supplierId, attempts FROM messages
         WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY position LIMIT ?`,
      )
      .all(now, limit) as PendingMessage[];
  }

  /** The earliest next attempt of a waiting message (null: none waits). */
  nextAttemptAt(): string | null {
    return (
      (this.statements.get(`SELECT MIN(next_attempt_at) FROM messages WHERE status = 'queued'`).pluck().get() as string | null) ?? null
    );
  }

  /** A period's messages (of one campaign's requests when given), in total and by wave. */
  figures(period: number, campaignId?: string): MessageFigures {
    const filter = campaignId === undefined ? '' : ' AND m.campaign_id = ?';
    const args = campaignId === undefined ? [period] : [period, campaignId];
    const rows = this.statements
      .get(
        `SELECT m.wave AS wave, COUNT(*) AS messages,
           SUM(m.status = 'accepted') AS accepted, SUM(m.status = 'failed') AS failed, SUM(m.status = 'queued') AS waiting,
           COUNT(DISTINCT CASE WHEN m.status = 'accepted' THEN m.supplier_id END) AS suppliersReached,
           COUNT(DISTINCT CASE WHEN m.status = 'accepted' AND a.answered_at >= m.handed_at THEN m.supplier_id END) AS answeredAfter
         FROM messages m LEFT JOIN message_answers a ON a.supplier_id = m.supplier_id AND a.period = m.period AND a.family = m.family
         WHERE m.period = ?${filter} GROUP BY m.wave`,
      )
      .all(...args) as Array<Omit<MessageWaveFigures, 'responseRate'>>;
    const waves = rows
      .map((row) => ({ ...row, responseRate: row.suppliersReached > 0 ? row.answeredAfter / row.suppliersReached : null }))
      .sort((a, b) => WAVE_ORDER(a.wave).localeCompare(WAVE_ORDER(b.wave)));
    const sum = (key: 'messages' | 'accepted' | 'failed' | 'waiting') => waves.reduce((total, wave) => total + wave[key], 0);
    return {
      period,
      campaignId: campaignId ?? null,
      messages: sum('messages'),
      accepted: sum('accepted'),
      failed: sum('failed'),
      waiting: sum('waiting'),
      waves,
    };
  }
}
