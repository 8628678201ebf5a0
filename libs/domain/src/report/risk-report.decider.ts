import { commandRow, typed } from '../shared/command-row';
import { decideByType, type Decider } from '../shared/decider';
import { IssueRiskReport, riskReportStream, type RiskReportEvent } from './risk-report.events';

export interface RiskReportState {
  /** Report ids already recorded on the stream. */
  issued: ReadonlySet<string>;
}

export type RiskReportCommand = { type: 'IssueRiskReport'; data: IssueRiskReport };

/**
 * The `reports-risk-<year>` stream. A report id already recorded adds nothing: the schedule names
 * its report by due date, so a service restarted (or two running) on that day records it once.
 */
export const riskReportDecider: Decider<RiskReportCommand, RiskReportEvent, RiskReportState, void> = {
  initialState: () => ({ issued: new Set() }),
  evolve: (state, event) => ({ issued: new Set([...state.issued, event.data.reportId]) }),
  decide: decideByType<RiskReportCommand, RiskReportEvent, RiskReportState, void>({
    IssueRiskReport: ({ data }, state) => (state.issued.has(data.reportId) ? [] : [{ type: 'RiskReportIssued', data }]),
  }),
};

/** The risk report's row of the command table: engine-issued (RiskReportIssuer), once the document is stored. */
export const riskReportCommandRows = {
  IssueRiskReport: commandRow({
    businessTime: { rule: 'now', why: 'issuing the risk report is done now, by the engine, from the records as they are' },
    closedPeriod: { rule: 'refused', why: "evidence of the year's OECD step 3 (reports to senior management)" },
    schema: IssueRiskReport,
    summary: 'Record a risk report to senior management (OECD step 3): its document, figures as of a log position, and recipients',
    public: false,
    decider: riskReportDecider,
    streamId: (data) => riskReportStream(data.period),
    period: (data) => data.period,
    command: typed('IssueRiskReport'),
    context: () => undefined,
  }),
};
