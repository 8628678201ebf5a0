import type { RiskReportModel } from './risk-report.model';
import { asOfText, daysText, headline, percentText, previousText, REPORT_TITLE } from './risk-report.text';

/* The report as Markdown (GitHub tables): for an e-mail, a wiki, a pull request. No charts; the same figures. */

/** Keeps a value from breaking a table cell or starting markup. */
function cell(value: unknown): string {
  return String(value).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function table(headers: string[], rows: unknown[][]): string {
  const align = headers.map((header) => (header.startsWith('#') ? '---:' : '---'));
  const head = headers.map((header) => header.replace(/^#/, ''));
  return [`| ${head.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}

function riskLines(lines: RiskReportModel['risks']['raisedSincePrevious'], closed: boolean): string {
  if (lines.length === 0) return closed ? '_No risk closed._' : '_No risk raised._';
  return table(
    ['Risk', 'Severity', 'Category', 'Supplier', closed ? 'Closed' : 'Raised', closed ? 'Resolution' : 'Reason'],
    lines.map((line) => [
      line.riskId,
      line.severity,
      line.category,
      line.supplierId ?? '—',
      line.at.slice(0, 10),
      closed ? (line.resolution ?? '') : line.reason,
    ]),
  );
}

export function riskReportMarkdown(model: RiskReportModel): string {
  const { campaign, risks } = model;
  const parts = [
    `# ${REPORT_TITLE}`,
    `**Reporting period ${model.period}** — ${asOfText(model)}\n\n${previousText(model)}`,
    `## Summary\n\n${headline(model)
      .map((line) => `- ${line}`)
      .join('\n')}`,
    `## What changed since the previous report\n\n${
      model.changes.length === 0
        ? model.previousReport === null
          ? '_First report of the period: nothing to compare with._'
          : '_No headline figure changed._'
        : table(
            ['Figure', 'Previous report', 'This report'],
            model.changes.map((change) => [change.subject, change.before, change.after]),
          )
    }`,
    `## Supplier survey\n\n${table(
      ['', '#Asked', '#Answered', '#Usable'],
      [
        ['All suppliers', campaign.requestsSent, campaign.responded, campaign.usable],
        ['Direct (tier 1)', campaign.byTier.direct.requestsSent, campaign.byTier.direct.responded, campaign.byTier.direct.usable],
        ['Indirect', campaign.byTier.indirect.requestsSent, campaign.byTier.indirect.responded, campaign.byTier.indirect.usable],
      ],
    )}\n\nResponse rate ${percentText(campaign.responseRate)} received, ${percentText(campaign.usableRate)} usable. Awaiting an answer: ${campaign.awaitingResponse} (overdue: ${campaign.overdue}); reminders sent: ${campaign.remindersSent}; escalations: ${campaign.escalations}; follow-ups open: ${campaign.followUpsOpen}.\n\n${table(
      ['Month end', '#Asked', '#Answered', '#Usable'],
      campaign.timeline.map((point) => [point.date, point.requestsSent, point.responded, point.usable]),
    )}`,
    `## Risk register\n\n${risks.open} open, ${risks.closed} closed in the period.\n\n${table(
      ['Age of open risks', '#High', '#Medium', '#Low'],
      risks.openByAge.map((row) => [row.bucket, row.high, row.medium, row.low]),
    )}${
      risks.openByCategory.length === 0
        ? ''
        : `\n\n${table(
            ['Open risks by category', '#Risks'],
            risks.openByCategory.map((row) => [row.category, row.count]),
          )}`
    }`,
    `### Raised since the previous report (${risks.raisedSincePrevious.length})\n\n${riskLines(risks.raisedSincePrevious, false)}`,
    `### Closed since the previous report (${risks.closedSincePrevious.length})\n\n${riskLines(risks.closedSincePrevious, true)}`,
    `### Overdue mitigation actions (${risks.overdueActions.length})\n\n${
      risks.overdueActions.length === 0
        ? '_No mitigation action is overdue._'
        : table(
            ['Risk', 'Severity', 'Owner', 'Action', 'Due', '#Overdue by'],
            risks.overdueActions.map((action) => [
              action.riskId,
              action.severity,
              action.owner ?? 'unassigned',
              action.action,
              action.dueDate,
              daysText(action.daysOverdue),
            ]),
          )
    }`,
    `## Smelter conformance by metal\n\n${table(
      ['Metal', '#Identified', '#Conformant', '#Active', '#Other', '#Conformant share'],
      model.conformance.map((row) => [row.metal, row.identified, row.conformant, row.active, row.other, percentText(row.share)]),
    )}`,
    `## OECD due-diligence steps\n\n${table(
      ['Step', 'Status', '#Criteria met', 'What is missing'],
      model.oecdSteps.map((step) => [
        `${step.step}. ${step.name}`,
        step.status,
        `${step.criteriaMet}/${step.criteria}`,
        step.missing.join('; ') || '—',
      ]),
    )}`,
    `## Product conclusions\n\n${table(
      ['Conclusion', '#Products'],
      model.conclusions.byConclusion.map((row) => [row.conclusion, row.products]),
    )}${
      model.conclusions.products.length === 0
        ? ''
        : `\n\n${table(
            ['Product', 'Product line', 'Conclusion'],
            model.conclusions.products.map((product) => [product.name, product.productLine, product.conclusion]),
          )}`
    }`,
    `---\n\nEvery figure is read from the due-diligence log as of position ${model.asOf.position} (business time ${model.asOf.time}); the same position always gives this same document.`,
  ];
  return `${parts.join('\n\n')}\n`;
}
