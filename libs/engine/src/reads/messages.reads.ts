import { EntityId } from '@dd/domain';
import { messagesProjection } from '@dd/projections';
import { z } from 'zod';
import { readQuery } from './read-query';
import { dateTime, nullableString, PeriodParam, ratio } from './read-parameters';

const MessageSchema = z.object({
  messageId: z.string(),
  supplierId: z.string(),
  period: z.number().int(),
  kind: z.enum(['survey-request', 'reminder', 'follow-up-request', 'escalation', 'acknowledgement']),
  wave: z.string().describe('request, reminder-<n>, escalation, follow-up or acknowledgement'),
  family: z.string().describe('the template family the message is about: CMRT or EMRT'),
  campaignId: nullableString,
  requestNumber: z.number().int().nullable(),
  recipients: z.array(z.string()),
  language: z.string(),
  queuedAt: dateTime,
  status: z.enum(['queued', 'accepted', 'failed']).describe('queued: waiting for its next attempt; accepted: handed to the mail server'),
  attempts: z.number().int(),
  nextAttemptAt: nullableString,
  handedAt: nullableString,
  transport: z.enum(['smtp', 'pickup']).nullable(),
  serverMessageId: nullableString,
  serverResponse: nullableString,
  failedAt: nullableString,
  lastReply: nullableString.describe('the last SMTP reply of a failed attempt'),
  unreachableOwner: nullableString.describe('set when an undeliverable request went to the supplier owner'),
});

export const supplierMessagesRead = readQuery({
  name: 'GetSupplierMessages',
  path: '/suppliers/{id}/messages',
  summary: 'What was sent to a supplier, when, and whether the mail server accepted it (of one period when given)',
  params: z.object({ id: z.string(), period: PeriodParam.optional() }),
  response: z.object({ supplierId: z.string(), messages: z.array(MessageSchema) }),
  readModels: [messagesProjection.name],
  answer: ({ id, period }, models) => ({
    supplierId: id,
    // An id no supplier could have has no messages.
    messages: EntityId.safeParse(id).success ? (models.messages.forSupplier(id, period) as Array<z.infer<typeof MessageSchema>>) : [],
  }),
});

const WaveFigures = z.object({
  wave: z.string(),
  messages: z.number().int(),
  accepted: z.number().int(),
  failed: z.number().int(),
  waiting: z.number().int(),
  suppliersReached: z.number().int().describe('suppliers with a message of the wave accepted'),
  answeredAfter: z.number().int().describe('of those, suppliers whose first answer came after the wave reached them'),
  responseRate: ratio,
});

export const messageFiguresRead = readQuery({
  name: 'GetMessageFigures',
  path: '/messages/figures',
  summary:
    "The outbox's figures of a period (of one campaign when given): messages sent, accepted, failed, waiting, and the response rate by message wave",
  params: z.object({ period: PeriodParam, campaignId: z.string().min(1).optional() }).strict(),
  response: z.object({
    period: z.number().int(),
    campaignId: nullableString,
    messages: z.number().int(),
    accepted: z.number().int(),
    failed: z.number().int(),
    waiting: z.number().int(),
    waves: z.array(WaveFigures),
  }),
  readModels: [messagesProjection.name],
  answer: ({ period, campaignId }, models) => {
    const figures = models.messages.figures(period, campaignId);
    return {
      ...figures,
      waves: figures.waves.map((wave) => ({
        ...wave,
        responseRate: wave.responseRate === null ? null : Math.round(wave.responseRate * 10_000) / 10_000,
      })),
    };
  },
});
