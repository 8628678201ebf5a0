import type { RiskReportModel } from './risk-report.model';

/* Wording shared by the HTML and Markdown renderers, so both say the same thing. */

export const REPORT_TITLE = 'Conflict minerals risk report to senior management';

export function percentText(value: number | null): string {
  return value === null ? '—' : `${(Math.round(value * 1000) / 10).toFixed(1)} %`;
}

/** 2026-03-31T23:59:59.999Z → 31 March 2026 (UTC, English month names: no locale tables involved). */
export function longDate(iso: string): string {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number);
  return `${day} ${months[month - 1]} ${year}`;
}

export function asOfText(model: RiskReportModel): string {
  return `as of ${longDate(model.asOf.time)} (log position ${model.asOf.position})`;
}

export function previousText(model: RiskReportModel): string {
  const previous = model.previousReport;
  return previous === null
    ? 'This is the first risk report of the period: "since the previous report" means since the period began.'
    : `Previous report: as of ${longDate(previous.asOfTime)} (log position ${previous.asOfPosition}), SHA-256 ${previous.sha256.slice(0, 12)}…`;
}

/** The few sentences a board member reads first. */
export function headline(model: RiskReportModel): string[] {
  const { campaign, risks } = model;
  const stepsMet = model.oecdSteps.filter((step) => step.status === 'met').length;
  const identified = model.conformance.reduce((sum, row) => sum + row.identified, 0);
  const conformant = model.conformance.reduce((sum, row) => sum + row.conformant, 0);
  return [
    `${campaign.responded} of ${campaign.requestsSent} suppliers asked have answered (${percentText(campaign.responseRate)}); ` +
      `${campaign.usable} answers are usable (${percentText(campaign.usableRate)}), ${campaign.overdue} are overdue.`,
    `${plural(risks.open, 'risk is', 'risks are')} open (${risks.openBySeverity.high} high, ${risks.openBySeverity.medium} medium, ${risks.openBySeverity.low} low); ` +
      `${risks.raisedSincePrevious.length} raised and ${risks.closedSincePrevious.length} closed since the previous report; ` +
      `${plural(risks.overdueActions.length, 'mitigation action is', 'mitigation actions are')} overdue.`,
    `${conformant} of ${identified} smelters identified are RMAP conformant.`,
    `${stepsMet} of ${model.oecdSteps.length} OECD due-diligence steps are met.`,
  ];
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function daysText(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}
