import { decideByType, type Decider } from '../shared/decider';
import { CommandRefused } from '../shared/command-refused';
import { commandRow, typed, type CommandFacts } from '../shared/command-row';
import { streams } from '../shared/streams';
import type { SupplierState } from '../supplier/supplier.decider';
import { UNASSIGNED_OWNER } from '../survey/escalate-non-response.command';
import { QueueMessage, RecordMessageAttemptFailed, RecordMessageHanded } from './message.commands';
import type { MessageEvent, MessageKind } from './message.events';

export type MessageCommand =
  | { type: 'QueueMessage'; data: QueueMessage }
  | { type: 'RecordMessageHanded'; data: RecordMessageHanded }
  | { type: 'RecordMessageAttemptFailed'; data: RecordMessageAttemptFailed };

export type MessageState =
  { status: 'none' } | { status: 'queued' | 'handed' | 'failed'; kind: MessageKind; supplierId: string; period: number; attempts: number };

export interface MessageContext {
  supplier?: SupplierState;
}

type Known = Exclude<MessageState, { status: 'none' }>;

function known(state: MessageState, messageId: string): Known {
  if (state.status === 'none') throw new CommandRefused('message-unknown', `message ${messageId} was never queued`);
  return state;
}

/** A message's fate is settled once: a second report of it (a sender restarted mid-way) changes nothing. */
const settled = (state: Known) => state.status !== 'queued';

function queue(data: QueueMessage, state: MessageState): MessageEvent[] {
  // One message per cause: the cause delivered again queues nothing more.
  if (state.status !== 'none') return [];
  return [{ type: 'MessageQueued', data }];
}

function handed(data: RecordMessageHanded, state: Known): MessageEvent[] {
  if (settled(state)) return [];
  return [{ type: 'MessageHandedToMailServer', data: { ...data, attempt: state.attempts + 1 } }];
}

function attemptFailed(data: RecordMessageAttemptFailed, state: Known, context: MessageContext): MessageEvent[] {
  if (settled(state)) return [];
  const attempt = state.attempts + 1;
  const { messageId, reply } = data;
  if (data.nextAttemptAt !== undefined)
    return [{ type: 'MessageDeliveryDeferred', data: { messageId, attempt, reply, nextAttemptAt: data.nextAttemptAt } }];
  const failed: MessageEvent = { type: 'MessageFailed', data: { messageId, attempts: attempt, reply } };
  // Only an undeliverable request leaves the supplier unasked: a reminder or an acknowledgement lost is not worth a person's time.
  if (state.kind !== 'survey-request') return [failed];
  const owner = (context.supplier?.status === 'registered' && context.supplier.owner) || UNASSIGNED_OWNER;
  return [failed, { type: 'SupplierUnreachable', data: { supplierId: state.supplierId, period: state.period, messageId, owner, reply } }];
}

export const messageDecider: Decider<MessageCommand, MessageEvent, MessageState, MessageContext> = {
  initialState: () => ({ status: 'none' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'MessageQueued':
        return { status: 'queued', kind: event.data.kind, supplierId: event.data.supplierId, period: event.data.period, attempts: 0 };
      case 'MessageDeliveryDeferred':
        return state.status === 'none' ? state : { ...state, attempts: event.data.attempt };
      case 'MessageHandedToMailServer':
        return state.status === 'none' ? state : { ...state, status: 'handed', attempts: event.data.attempt };
      case 'MessageFailed':
        return state.status === 'none' ? state : { ...state, status: 'failed', attempts: event.data.attempts };
      case 'SupplierUnreachable':
        return state;
    }
  },
  decide: decideByType<MessageCommand, MessageEvent, MessageState, MessageContext>({
    QueueMessage: (command, state) => queue(command.data, state),
    RecordMessageHanded: (command, state) => handed(command.data, known(state, command.data.messageId)),
    RecordMessageAttemptFailed: (command, state, context) => attemptFailed(command.data, known(state, command.data.messageId), context),
  }),
};

const onMessage = {
  decider: messageDecider,
  streamId: (data: { messageId: string }) => streams.message(data.messageId),
  public: false as const,
  closedPeriod: {
    rule: 'not-period-bound' as const,
    why: 'what became of a message is a fact of its delivery: it is recorded even after its year was closed',
  },
  context: (facts: CommandFacts): MessageContext => ({ supplier: facts.supplier }),
};

/** The outbox's rows of the command table (command-table.ts): issued by the engine, never posted. */
export const messageCommandRows = {
  QueueMessage: commandRow({
    businessTime: {
      rule: 'now',
      why: "engine-issued: it happens when its cause happened (or on the engine's clock), never at a time a sender states",
    },
    ...onMessage,
    schema: QueueMessage,
    summary: 'Queue the message a survey event makes (the outbox process manager)',
    command: typed('QueueMessage'),
  }),
  RecordMessageHanded: commandRow({
    businessTime: { rule: 'now', why: "what became of a message is the mail server's answer, recorded when it comes" },
    ...onMessage,
    schema: RecordMessageHanded,
    summary: 'Record that the mail server accepted a message (the outbox sender)',
    command: typed('RecordMessageHanded'),
  }),
  RecordMessageAttemptFailed: commandRow({
    businessTime: { rule: 'now', why: "what became of a message is the mail server's answer, recorded when it comes" },
    ...onMessage,
    schema: RecordMessageAttemptFailed,
    summary: 'Record a failed attempt to send a message: deferred, or failed for good (the outbox sender)',
    needs: { supplier: (data) => data.supplierId },
    command: typed('RecordMessageAttemptFailed'),
  }),
};
