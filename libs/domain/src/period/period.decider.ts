import { CommandRefused } from '../shared/command-refused';
import { decideByType, type Decider } from '../shared/decider';
import { commandRow, typed } from '../shared/command-row';
import { streams } from '../shared/streams';
import { formSdDeadline } from './form-sd-deadline';
import { ClosePeriod, OpenPeriod, PublishReport, ReopenPeriod, type PeriodPolicy } from './period.commands';
import type { PeriodEvent } from './period.events';

export type PeriodCommand =
  | { type: 'OpenPeriod'; data: OpenPeriod }
  | { type: 'ClosePeriod'; data: ClosePeriod }
  | { type: 'ReopenPeriod'; data: ReopenPeriod }
  | { type: 'PublishReport'; data: PublishReport };

export interface PeriodState {
  status: 'not-opened' | 'open' | 'closed';
  policy?: PeriodPolicy;
  reports: number;
}

export interface PeriodContext {
  now: string;
}

function openPeriod({ data }: { data: OpenPeriod }, state: PeriodState, context: PeriodContext): PeriodEvent[] {
  const { period, policy } = data;
  if (state.status !== 'not-opened') throw new CommandRefused('period-already-opened', `period ${period} was already opened`);
  if (policy.defaultDueDate && policy.defaultDueDate < context.now.slice(0, 10)) {
    throw new CommandRefused('due-date-in-past', `default due date ${policy.defaultDueDate} is already past`);
  }
  return [{ type: 'PeriodOpened', data: { period, policy, formSdDeadline: formSdDeadline(period) } }];
}

function publishReport({ data }: { data: PublishReport }, state: PeriodState, context: PeriodContext): PeriodEvent[] {
  if (state.status === 'not-opened') throw new CommandRefused('period-not-opened', `period ${data.period} was never opened`);
  const deadline = formSdDeadline(data.period);
  return [{ type: 'ReportPublished', data: { ...data, formSdDeadline: deadline, onTime: context.now.slice(0, 10) <= deadline } }];
}

/**
 * The `period-<year>` stream: a reporting year's policy, its close (and any reopening), and the
 * published report. While it is closed no command changes the year's records (closed-period.rule.ts);
 * publishing the report stays possible, since filing is what follows the close.
 */
export const periodDecider: Decider<PeriodCommand, PeriodEvent, PeriodState, PeriodContext> = {
  initialState: () => ({ status: 'not-opened', reports: 0 }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'PeriodOpened':
        return { ...state, status: 'open', policy: event.data.policy };
      case 'PeriodClosed':
        return { ...state, status: 'closed' };
      case 'PeriodReopened':
        return { ...state, status: 'open' };
      case 'ReportPublished':
        return { ...state, reports: state.reports + 1 };
    }
  },
  decide: decideByType<PeriodCommand, PeriodEvent, PeriodState, PeriodContext>({
    OpenPeriod: openPeriod,
    ClosePeriod: ({ data }, state) => {
      if (state.status !== 'open') {
        throw new CommandRefused(
          state.status === 'closed' ? 'period-closed' : 'period-not-opened',
          `period ${data.period} is ${state.status}`,
        );
      }
      return [{ type: 'PeriodClosed', data: { period: data.period, ...(data.note ? { note: data.note } : {}) } }];
    },
    ReopenPeriod: ({ data }, state) => {
      if (state.status !== 'closed') {
        throw new CommandRefused('period-not-closed', `period ${data.period} is ${state.status}; only a closed period can be reopened`);
      }
      return [{ type: 'PeriodReopened', data: { period: data.period, reason: data.reason } }];
    },
    PublishReport: publishReport,
  }),
};

/** Decided, and dated, by the engine clock: whether a report was on time is judged by the same "now" its event carries. */
const onPeriod = {
  decider: periodDecider,
  streamId: (data: { period: number }) => streams.period(data.period),
  public: true,
  context: ({ now }: { now: string }) => ({ now }),
};

/** The period commands' rows of the command table (command-table.ts). */
export const periodCommandRows = {
  OpenPeriod: commandRow({
    businessTime: {
      rule: 'past-allowed',
      why: 'records when the work on a reporting year began; its default due date is judged against that day',
    },
    closedPeriod: { rule: 'period-own-rule', why: 'a closed period was opened already (period-already-opened)' },
    example: { period: 2024, policy: { reminderDays: [14, 28], defaultDueDate: '2025-03-31', oldestAcceptedTemplateVersion: '6.1' } },
    ...onPeriod,
    schema: OpenPeriod,
    summary: 'Open a reporting period with its policy (reminder days, default due date, oldest accepted CMRT)',
    command: typed('OpenPeriod'),
  }),
  ClosePeriod: commandRow({
    businessTime: {
      rule: 'now',
      why: 'closing a year freezes its records from the moment it is recorded (closed-period rule); a close dated earlier would not have frozen what was recorded since',
    },
    closedPeriod: { rule: 'period-own-rule', why: 'closing a closed period is refused (period-closed)' },
    example: { period: 2024, note: 'filed' },
    ...onPeriod,
    schema: ClosePeriod,
    summary: "Close a reporting period: from then on no command changes the year's records (422 period-closed)",
    command: typed('ClosePeriod'),
  }),
  ReopenPeriod: commandRow({
    businessTime: { rule: 'now', why: 'reopening unfreezes the records from the moment it is recorded, as closing froze them' },
    closedPeriod: { rule: 'period-own-rule', why: 'only a closed period can be reopened' },
    example: { period: 2024, reason: 'acme sent a corrected CMRT' },
    ...onPeriod,
    schema: ReopenPeriod,
    summary: 'Reopen a closed reporting period to correct its records, saying why (recorded)',
    command: typed('ReopenPeriod'),
  }),
  PublishReport: commandRow({
    businessTime: {
      rule: 'past-allowed',
      why: 'records a filing made outside the engine: whether it was on time is judged on the day it was filed',
    },
    closedPeriod: {
      rule: 'period-own-rule',
      why: "allowed: publishing the Conflict Minerals Report is what follows closing the year; it records the filing and changes none of the year's records",
    },
    example: { period: 2024, url: 'https://example.com/cmr-2024.pdf', sha256: 'd'.repeat(64) },
    ...onPeriod,
    schema: PublishReport,
    summary: 'Record the published Conflict Minerals Report (URL and SHA-256)',
    command: typed('PublishReport'),
  }),
};
