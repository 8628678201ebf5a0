import { CommandRefused } from '../shared/command-refused';
import { foldState } from '../shared/decider';
import { streams } from '../shared/streams';
import { PUBLIC_COMMAND_NAMES } from '../command-catalogue';
import { riskIdFor } from '../risk/risk-id';
import { CLOSED_PERIOD_RULES } from '../command-table';
import { periodOfStream, refuseChangesToClosedPeriod } from './closed-period.rule';
import { periodDecider } from './period.decider';
import type { PeriodEvent } from './period.events';

const opened: PeriodEvent = {
  type: 'PeriodOpened',
  data: { period: 2024, policy: { reminderDays: [14, 28] }, formSdDeadline: '2025-06-02' },
};
const closed: PeriodEvent = { type: 'PeriodClosed', data: { period: 2024, note: 'filed' } };
const reopened: PeriodEvent = { type: 'PeriodReopened', data: { period: 2024, reason: 'late correction from acme' } };

/** As the engine applies the rule to every command: the year from the stream the command appends to, the period's stream folded. */
const given = (history: PeriodEvent[]) => ({
  whenAppendingTo: (streamId: string) => ({
    thenRefused(code: string) {
      let refusal: unknown;
      try {
        refuseChangesToClosedPeriod(periodOfStream(streamId)!, foldState(periodDecider, history));
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(CommandRefused);
      expect((refusal as CommandRefused).code).toBe(code);
      expect((refusal as CommandRefused).reason).toMatch(/period 2024 is closed.*ReopenPeriod/);
    },
    thenAllowed() {
      expect(() => refuseChangesToClosedPeriod(periodOfStream(streamId)!, foldState(periodDecider, history))).not.toThrow();
    },
  }),
});

const riskOf2024 = streams.risk(
  riskIdFor({ period: 2024, supplierId: 'acme', category: 'non-conformant-smelter', metal: 'tin', smelterId: 'CID000001' }),
);

describe('closed means closed', () => {
  it.each([
    ['a survey (SendCMRT, RecordResponse, follow-ups, reminders, ...)', streams.survey(2024, 'acme')],
    ['a risk of the year and its lifecycle (AssessRisk, DecideMitigation, CloseRisk, RaiseRisk, ...)', riskOf2024],
    ["the year's management systems (AdoptPolicy, ReportToManagement, RecordGrievance, ...)", streams.program(2024)],
  ])('given a closed period, when a command would change %s, then it is refused period-closed', (_what, streamId) => {
    given([opened, closed]).whenAppendingTo(streamId).thenRefused('period-closed');
  });

  it('given an open, a never-opened or a reopened period, then the same commands are allowed', () => {
    given([opened]).whenAppendingTo(streams.survey(2024, 'acme')).thenAllowed();
    given([]).whenAppendingTo(streams.survey(2024, 'acme')).thenAllowed();
    given([opened, closed, reopened]).whenAppendingTo(riskOf2024).thenAllowed();
  });

  it('reads the year from the stream a command appends to, and none from streams outside any one year', () => {
    expect(periodOfStream(streams.survey(2024, 'acme-2023'))).toBe(2024);
    expect(periodOfStream(riskOf2024)).toBe(2024);
    expect(periodOfStream(streams.program(2031))).toBe(2031);
    expect(periodOfStream(streams.grievance(2024, 'g-2023-7'))).toBe(2024);
    expect(periodOfStream(streams.contractClause(2024, 'acme'))).toBe(2024);
    for (const streamId of [
      streams.supplier('acme'),
      streams.product('xport'),
      streams.referenceList(),
      streams.rmapStatus(),
      streams.campaign('cmrt-2024'),
      streams.period(2024),
    ]) {
      expect(periodOfStream(streamId)).toBeNull();
    }
  });

  it('decides every public command, and the engine-issued ones, in one table', () => {
    const decided = Object.keys(CLOSED_PERIOD_RULES);
    expect(PUBLIC_COMMAND_NAMES.filter((name) => !decided.includes(name))).toEqual([]);
    expect(decided).toEqual(
      expect.arrayContaining(['RaiseRisk', 'CloseRiskAutomatically', 'EscalateOverdueMitigation', 'EscalateNonResponse']),
    );
  });
});
