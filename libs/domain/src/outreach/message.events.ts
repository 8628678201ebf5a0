import { z } from 'zod';
import type { EventSchemasByType, EventsOf } from '../shared/event-family';
import { IsoDate, Period } from '../shared/period';
import { MessageLanguage } from './message-language';

/** What caused a message to a supplier: one message per cause (its id derives from the cause event's id). */
export const MESSAGE_KINDS = ['survey-request', 'reminder', 'follow-up-request', 'escalation', 'acknowledgement'] as const;
export const MessageKind = z.enum(MESSAGE_KINDS);
export type MessageKind = z.infer<typeof MessageKind>;

export const MessageRecipient = z.object({ name: z.string(), email: z.string(), language: MessageLanguage }).strict();
export type MessageRecipient = z.infer<typeof MessageRecipient>;

/**
 * The intent to send, recorded before anything leaves: what the message says is rendered from these
 * facts (and the company's templates) when it is handed over. Recipients and language are fixed here,
 * so a contact added later does not change a message already queued.
 */
export const MessageQueued = z
  .object({
    messageId: z.string(),
    kind: MessageKind,
    supplierId: z.string(),
    supplierName: z.string(),
    period: Period,
    /** The request the message is about (absent for an acknowledgement of an answer with no request). */
    requestNumber: z.number().int().min(1).optional(),
    /** Empty: the supplier has no contact; the message fails for good at once. */
    recipients: z.array(MessageRecipient),
    language: MessageLanguage,
    dueDate: IsoDate.optional(),
    /** What is asked: the template family and the revision requested, and the oldest revision accepted. */
    template: z.object({ family: z.string(), version: z.string().optional(), oldestAccepted: z.string().optional() }).strict(),
    /** The wave it belongs to, for the campaign figures: request, reminder-<n>, escalation, follow-up, acknowledgement. */
    wave: z.string(),
    campaignId: z.string().optional(),
    reminderNumber: z.number().int().min(1).optional(),
    overdue: z.boolean().optional(),
    /** A follow-up's kind and what to correct; an acknowledgement's response number. */
    followUp: z
      .object({ kind: z.string(), items: z.array(z.string()) })
      .strict()
      .optional(),
    responseNumber: z.number().int().min(1).optional(),
    /** The event that caused it. */
    causeEventId: z.string(),
  })
  .strict();
export type MessageQueued = z.infer<typeof MessageQueued>;

/** The mail server (or the pickup folder) took the message: its id there and its answer. */
export const MessageHandedToMailServer = z
  .object({
    messageId: z.string(),
    attempt: z.number().int().min(1),
    /** smtp: a mail server accepted it; pickup: written as an .eml file (no SMTP configured). */
    transport: z.enum(['smtp', 'pickup']),
    serverMessageId: z.string(),
    response: z.string(),
    /** The Message-ID header it carried: the same on every attempt, so a receiver can drop a duplicate. */
    messageIdHeader: z.string(),
  })
  .strict();
export type MessageHandedToMailServer = z.infer<typeof MessageHandedToMailServer>;

/** An attempt failed for a reason that may pass (a refusal 4xx, a dropped connection): tried again later. */
export const MessageDeliveryDeferred = z
  .object({
    messageId: z.string(),
    attempt: z.number().int().min(1),
    reply: z.string(),
    /** By the engine clock. */
    nextAttemptAt: z.string(),
  })
  .strict();
export type MessageDeliveryDeferred = z.infer<typeof MessageDeliveryDeferred>;

/** Given up for good (a 5xx refusal, no contact, attempts exhausted), with the last SMTP reply. */
export const MessageFailed = z
  .object({
    messageId: z.string(),
    attempts: z.number().int().min(0),
    reply: z.string(),
  })
  .strict();
export type MessageFailed = z.infer<typeof MessageFailed>;

/** A survey request could not be delivered: the supplier's owner follows it up by other means. */
export const SupplierUnreachable = z
  .object({
    supplierId: z.string(),
    period: Period,
    messageId: z.string(),
    /** The supplier's owner in our company ('unassigned' when nobody owns the relationship). */
    owner: z.string(),
    reply: z.string(),
  })
  .strict();
export type SupplierUnreachable = z.infer<typeof SupplierUnreachable>;

/** The events of message streams (`message-<id>`), by type. */
export const messageEventSchemas = {
  MessageQueued,
  MessageHandedToMailServer,
  MessageDeliveryDeferred,
  MessageFailed,
  SupplierUnreachable,
} satisfies EventSchemasByType;
export type MessageEvent = EventsOf<typeof messageEventSchemas>;
