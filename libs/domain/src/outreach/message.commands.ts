import { z } from 'zod';
import { MessageQueued } from './message.events';

/** Engine-issued (the outbox process manager): queue the message a cause makes. */
export const QueueMessage = MessageQueued;
export type QueueMessage = MessageQueued;

/** Engine-issued (the outbox sender): the mail server accepted the message. */
export const RecordMessageHanded = z
  .object({
    messageId: z.string().min(1),
    transport: z.enum(['smtp', 'pickup']),
    serverMessageId: z.string(),
    response: z.string(),
    messageIdHeader: z.string().min(1),
  })
  .strict();
export type RecordMessageHanded = z.infer<typeof RecordMessageHanded>;

/** Engine-issued (the outbox sender): an attempt failed; tried again at nextAttemptAt, or (absent) never. */
export const RecordMessageAttemptFailed = z
  .object({
    messageId: z.string().min(1),
    /** Whose owner an undeliverable survey request goes to. */
    supplierId: z.string().min(1),
    reply: z.string(),
    /** Absent: given up for good. */
    nextAttemptAt: z.iso.datetime().optional(),
  })
  .strict();
export type RecordMessageAttemptFailed = z.infer<typeof RecordMessageAttemptFailed>;
