import { decideByType, type Decider } from '../shared/decider';
import { commandRow, typed } from '../shared/command-row';
import { LOG_SEAL_STREAM, RecordLogSeal, type LogSealEvent } from './log-seal.events';

export interface LogSealState {
  /** Position of the newest head sealed so far; -1 before the first seal. */
  sealedUpTo: number;
}

/**
 * The `log-seals` stream. A seal of a head at or before one already recorded (two processes sealing at
 * once, a retry) adds nothing: the log is vouched for up to the later head already.
 */
export type LogSealCommand = { type: 'RecordLogSeal'; data: RecordLogSeal };

export const logSealDecider: Decider<LogSealCommand, LogSealEvent, LogSealState, void> = {
  initialState: () => ({ sealedUpTo: -1 }),
  evolve: (state, event) => ({ sealedUpTo: Math.max(state.sealedUpTo, event.data.position) }),
  decide: decideByType<LogSealCommand, LogSealEvent, LogSealState, void>({
    RecordLogSeal: ({ data }, state) => (data.position <= state.sealedUpTo ? [] : [{ type: 'LogSealed', data }]),
  }),
};

/** The log seal's row of the command table (command-table.ts): engine-issued (LogSealer), dated when the seal was signed. */
export const logSealCommandRows = {
  RecordLogSeal: commandRow({
    businessTime: { rule: 'now', why: "a seal vouches for the log as it stands when it is sealed: its time is the system's act" },
    closedPeriod: { rule: 'not-period-bound', why: 'a seal vouches for the whole log, every year in it' },
    schema: RecordLogSeal,
    summary: 'Record a signed seal of the log up to its head',
    public: false,
    decider: logSealDecider,
    streamId: () => LOG_SEAL_STREAM,
    command: typed('RecordLogSeal'),
    context: () => undefined,
    occurredAt: (data) => data.sealedAt,
  }),
};
