import { riskReportCharts, type ReportChart } from './risk-report.charts';
import type { RiskReportModel } from './risk-report.model';
import { asOfText, daysText, headline, longDate, percentText, previousText, REPORT_TITLE } from './risk-report.text';

/*
 * The report as one self-contained HTML file: inline CSS (screen and print), charts as inline SVG, no
 * script, no external resource, so it opens offline and prints as it looks. A TS template module
 * rather than a .hbs file: tsc copies nothing but TS into dist, and this needs no copy step.
 */

const escapeMap: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML; every value from the model goes through it. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (character) => escapeMap[character]);
}

const STYLE = `
:root { --ink:#1f2933; --muted:#5f6b7a; --rule:#d5dae1; --accent:#1d4e89; --high:#b42318; --medium:#dc8a0e; --low:#7a8a9a; --ok:#2e8540; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: var(--ink); font-size: 14px; line-height: 1.45; background: #fff; }
main { max-width: 1040px; margin: 0 auto; padding: 32px 40px 48px; }
header.cover { border-bottom: 3px solid var(--accent); padding-bottom: 12px; margin-bottom: 20px; }
header.cover h1 { font-size: 26px; margin: 0 0 4px; color: var(--accent); }
header.cover p { margin: 2px 0; color: var(--muted); }
h2 { font-size: 18px; color: var(--accent); border-bottom: 1px solid var(--rule); padding-bottom: 4px; margin: 28px 0 12px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
.kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 16px 0; }
.kpi { border: 1px solid var(--rule); border-radius: 6px; padding: 10px 12px; }
.kpi .value { font-size: 24px; font-weight: bold; }
.kpi .label { color: var(--muted); font-size: 12px; }
.kpi.alert .value { color: var(--high); }
ul.headline li { margin: 4px 0; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
figure { margin: 0; border: 1px solid var(--rule); border-radius: 6px; padding: 8px; break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-weight: bold; font-size: 13px; margin-bottom: 4px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { background: #f3f5f8; font-weight: bold; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.sev { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; font-size: 12px; }
.sev.high { background: var(--high); } .sev.medium { background: var(--medium); } .sev.low { background: var(--low); }
.status.met { color: var(--ok); font-weight: bold; } .status.in-progress { color: var(--medium); font-weight: bold; } .status.not-started { color: var(--high); font-weight: bold; }
td ul { margin: 0; padding-left: 16px; }
.status { white-space: nowrap; }
.none { color: var(--muted); font-style: italic; }
footer { margin-top: 32px; color: var(--muted); font-size: 11px; border-top: 1px solid var(--rule); padding-top: 8px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  main { max-width: none; padding: 0; }
  body { font-size: 11px; }
  .charts { grid-template-columns: 1fr 1fr; }
  h2 { break-after: avoid; }
  table, tr, figure, .kpis { break-inside: avoid; }
  section { break-inside: auto; }
}
`;

const sev = (severity: string) => `<span class="sev ${esc(severity)}">${esc(severity)}</span>`;
const none = (text: string) => `<p class="none">${esc(text)}</p>`;

function table(headers: Array<string | { label: string; num: true }>, rows: string[][]): string {
  const head = headers
    .map((header) => (typeof header === 'string' ? `<th>${esc(header)}</th>` : `<th class="num">${esc(header.label)}</th>`))
    .join('');
  const numeric = headers.map((header) => typeof header !== 'string');
  const body = rows.map(
    (row) => `<tr>${row.map((cell, index) => `<td${numeric[index] ? ' class="num"' : ''}>${cell}</td>`).join('')}</tr>`,
  );
  return `<table><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

const num = (label: string) => ({ label, num: true as const });

function figure(chart: ReportChart): string {
  return `<figure id="${esc(chart.id)}"><figcaption>${esc(chart.title)}</figcaption>${chart.svg}</figure>`;
}

function kpi(label: string, value: string, alert = false): string {
  return `<div class="kpi${alert ? ' alert' : ''}"><div class="value">${esc(value)}</div><div class="label">${esc(label)}</div></div>`;
}

function riskLines(lines: RiskReportModel['risks']['raisedSincePrevious'], closed: boolean): string {
  if (lines.length === 0) return none(closed ? 'No risk closed.' : 'No risk raised.');
  return table(
    ['Risk', 'Severity', 'Category', 'Supplier', closed ? 'Closed' : 'Raised', closed ? 'Resolution' : 'Reason'],
    lines.map((line) => [
      esc(line.riskId),
      sev(line.severity),
      esc(line.category),
      esc(line.supplierId ?? '—'),
      esc(line.at.slice(0, 10)),
      esc(closed ? (line.resolution ?? '') : line.reason),
    ]),
  );
}

export function riskReportHtml(model: RiskReportModel): string {
  const charts = riskReportCharts(model);
  const { campaign, risks } = model;
  const sections = [
    `<header class="cover"><h1>${esc(REPORT_TITLE)}</h1>
<p><strong>Reporting period ${esc(model.period)}</strong> — ${esc(asOfText(model))}</p>
<p>${esc(previousText(model))}</p></header>`,
    `<section id="summary"><h2>Summary</h2>
<div class="kpis">${[
      kpi('response rate (received)', percentText(campaign.responseRate)),
      kpi('usable responses', percentText(campaign.usableRate)),
      kpi('open high-severity risks', String(risks.openBySeverity.high), risks.openBySeverity.high > 0),
      kpi('overdue mitigation actions', String(risks.overdueActions.length), risks.overdueActions.length > 0),
    ].join('')}</div>
<ul class="headline">${headline(model)
      .map((line) => `<li>${esc(line)}</li>`)
      .join('')}</ul></section>`,
    `<section id="charts"><h2>At a glance</h2><div class="charts">${charts.map(figure).join('')}</div></section>`,
    `<section id="changes"><h2>What changed since the previous report</h2>${
      model.changes.length === 0
        ? none(model.previousReport === null ? 'First report of the period: nothing to compare with.' : 'No headline figure changed.')
        : table(
            ['Figure', 'Previous report', 'This report'],
            model.changes.map((change) => [esc(change.subject), esc(change.before), esc(change.after)]),
          )
    }</section>`,
    `<section id="campaign"><h2>Supplier survey</h2>${table(
      ['', num('Asked'), num('Answered'), num('Usable')],
      [
        ['All suppliers', esc(campaign.requestsSent), esc(campaign.responded), esc(campaign.usable)],
        [
          'Direct (tier 1)',
          esc(campaign.byTier.direct.requestsSent),
          esc(campaign.byTier.direct.responded),
          esc(campaign.byTier.direct.usable),
        ],
        [
          'Indirect',
          esc(campaign.byTier.indirect.requestsSent),
          esc(campaign.byTier.indirect.responded),
          esc(campaign.byTier.indirect.usable),
        ],
      ],
    )}
<p>Awaiting an answer: ${esc(campaign.awaitingResponse)} (overdue: ${esc(campaign.overdue)}); reminders sent: ${esc(campaign.remindersSent)}; escalations: ${esc(campaign.escalations)}; follow-ups open: ${esc(campaign.followUpsOpen)}.</p></section>`,
    `<section id="risks"><h2>Risk register</h2>
<p>${esc(risks.open)} open, ${esc(risks.closed)} closed in the period.</p>
${table(
  ['Age of open risks', num('High'), num('Medium'), num('Low')],
  risks.openByAge.map((row) => [esc(row.bucket), esc(row.high), esc(row.medium), esc(row.low)]),
)}
${
  risks.openByCategory.length === 0
    ? ''
    : table(
        ['Open risks by category', num('Risks')],
        risks.openByCategory.map((row) => [esc(row.category), esc(row.count)]),
      )
}
<h3>Raised since the previous report (${esc(risks.raisedSincePrevious.length)})</h3>${riskLines(risks.raisedSincePrevious, false)}
<h3>Closed since the previous report (${esc(risks.closedSincePrevious.length)})</h3>${riskLines(risks.closedSincePrevious, true)}
<h3>Overdue mitigation actions (${esc(risks.overdueActions.length)})</h3>${
      risks.overdueActions.length === 0
        ? none('No mitigation action is overdue.')
        : table(
            ['Risk', 'Severity', 'Owner', 'Action', 'Due', num('Overdue by')],
            risks.overdueActions.map((action) => [
              esc(action.riskId),
              sev(action.severity),
              esc(action.owner ?? 'unassigned'),
              esc(action.action),
              esc(action.dueDate),
              esc(daysText(action.daysOverdue)),
            ]),
          )
    }</section>`,
    `<section id="conformance"><h2>Smelter conformance by metal</h2>${table(
      ['Metal', num('Identified'), num('Conformant'), num('Active'), num('Other'), num('Conformant share')],
      model.conformance.map((row) => [
        esc(row.metal),
        esc(row.identified),
        esc(row.conformant),
        esc(row.active),
        esc(row.other),
        esc(percentText(row.share)),
      ]),
    )}</section>`,
    `<section id="oecd"><h2>OECD due-diligence steps</h2>${table(
      ['Step', 'Status', num('Criteria met'), 'What is missing'],
      model.oecdSteps.map((step) => [
        `${esc(step.step)}. ${esc(step.name)}`,
        `<span class="status ${esc(step.status)}">${esc(step.status)}</span>`,
        `${esc(step.criteriaMet)}/${esc(step.criteria)}`,
        step.missing.length === 0 ? '—' : `<ul>${step.missing.map((item) => `<li>${esc(item)}</li>`).join('')}</ul>`,
      ]),
    )}</section>`,
    `<section id="conclusions"><h2>Product conclusions</h2>${table(
      ['Conclusion', num('Products')],
      model.conclusions.byConclusion.map((row) => [esc(row.conclusion), esc(row.products)]),
    )}${
      model.conclusions.products.length === 0
        ? none('No product registered.')
        : table(
            ['Product', 'Product line', 'Conclusion'],
            model.conclusions.products.map((product) => [esc(product.name), esc(product.productLine), esc(product.conclusion)]),
          )
    }</section>`,
    `<footer>Every figure is read from the due-diligence log as of position ${esc(model.asOf.position)} (${esc(longDate(model.asOf.time))}, business time); the same position always gives this same document.</footer>`,
  ];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(REPORT_TITLE)} — ${esc(model.period)}</title>
<style>${STYLE}</style></head>
<body><main>
${sections.join('\n')}
</main></body></html>
`;
}
