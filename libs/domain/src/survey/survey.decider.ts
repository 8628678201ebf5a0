import { evaluateDeclaration, summariseFindings } from '../declaration/checker';
import { inScopeMetals } from '../declaration/metal-scope';
import { CommandRefused } from '../shared/command-refused';
import type { Decider } from '../shared/decider';
import type { SupplierState } from '../supplier/supplier.decider';
import type { RecordResponse } from './record-response.command';
import type { SendCMRT } from './send-cmrt.command';
import type { SendReminder } from './send-reminder.command';
import type { ResponseSource, SurveyEvent } from './survey.events';

export type SurveyCommand =
  | { type: 'SendCMRT'; data: SendCMRT }
  | { type: 'SendReminder'; data: SendReminder }
  | { type: 'RecordResponse'; data: RecordResponse; source?: ResponseSource };

/** One supplier's CMRT request/response lifecycle for one reporting period. */
export interface SurveyState {
  status: 'not-sent' | 'awaiting-response' | 'responded';
  requestNumber: number;
  dueDate?: string;
  remindersForRequest: number;
  responses: number;
}

export interface SurveyContext {
  /** The supplier's own stream, folded; SendCMRT is refused for an unknown supplier. */
  supplier: SupplierState;
  /** The time the command is decided at (ISO), used for due-date and receipt checks. */
  now: string;
}

const isoDay = (iso: string) => iso.slice(0, 10);

export const surveyDecider: Decider<SurveyCommand, SurveyEvent, SurveyState, SurveyContext> = {
  initialState: () => ({ status: 'not-sent', requestNumber: 0, remindersForRequest: 0, responses: 0 }),

  evolve: (state, event) => {
    switch (event.type) {
      case 'CMRTSent':
        return {
          ...state,
          status: 'awaiting-response',
          requestNumber: event.data.requestNumber,
          dueDate: event.data.dueDate,
          remindersForRequest: 0,
        };
      case 'ReminderSent':
        return { ...state, remindersForRequest: event.data.reminderNumber };
      case 'ResponseRecorded':
        return { ...state, status: 'responded', responses: event.data.responseNumber };
    }
  },

  decide: (command, state, context) => {
    const { supplierId, period } = command.data;
    if (context.supplier.status !== 'registered') {
      throw new CommandRefused('supplier-unknown', `supplier ${supplierId} is not registered`);
    }
    switch (command.type) {
      case 'SendCMRT': {
        if (state.status === 'awaiting-response') {
          throw new CommandRefused(
            'survey-request-open',
            `a CMRT request to ${supplierId} for ${period} is already open (due ${state.dueDate}); send a reminder instead`,
          );
        }
        if (command.data.dueDate < isoDay(context.now)) {
          throw new CommandRefused('due-date-in-past', `due date ${command.data.dueDate} is already past`);
        }
        return [{ type: 'CMRTSent', data: { ...command.data, requestNumber: state.requestNumber + 1 } }];
      }
      case 'SendReminder': {
        if (state.status !== 'awaiting-response') {
          throw new CommandRefused(
            state.status === 'not-sent' ? 'survey-not-sent' : 'survey-already-answered',
            state.status === 'not-sent'
              ? `no CMRT was sent to ${supplierId} for ${period}`
              : `${supplierId} has already answered the CMRT request for ${period}`,
          );
        }
        return [
          {
            type: 'ReminderSent',
            data: {
              supplierId,
              period,
              requestNumber: state.requestNumber,
              reminderNumber: state.remindersForRequest + 1,
              overdue: state.dueDate !== undefined && isoDay(context.now) > state.dueDate,
            },
          },
        ];
      }
      case 'RecordResponse': {
        if (state.status === 'not-sent') {
          throw new CommandRefused('survey-not-sent', `no CMRT was sent to ${supplierId} for ${period}`);
        }
        // Normalised to UTC so offsets such as +02:00 compare correctly; compared as instants because
        // `now` need not be written in the same form (another offset, no milliseconds).
        const receivedAt = new Date(command.data.receivedAt ?? context.now).toISOString();
        if (Date.parse(receivedAt) > Date.parse(context.now)) {
          throw new CommandRefused('received-in-future', `receivedAt ${receivedAt} lies in the future`);
        }
        const { declaration } = command.data;
        const findings = evaluateDeclaration(declaration, { receivedAt });
        return [
          {
            type: 'ResponseRecorded',
            data: {
              supplierId,
              period,
              requestNumber: state.requestNumber,
              responseNumber: state.responses + 1,
              receivedAt,
              declaration,
              source: command.source ?? { kind: 'json' },
              inScopeMetals: inScopeMetals(declaration),
              findings,
              followUpKinds: summariseFindings(findings).followUpKinds,
            },
          },
        ];
      }
    }
  },
};
