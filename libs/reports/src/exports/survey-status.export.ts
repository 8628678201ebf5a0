import type { ExportCell, ExportDocument } from './export-table';

/** A supplier's survey of a period, as the survey status read answers it. */
export interface SurveyStatusExportRow {
  supplierId: string;
  name: string;
  tier: string;
  country: string | null;
  status: string;
  requestNumber: number;
  sentAt: string | null;
  dueDate: string | null;
  remindersSent: number;
  remindersTotal: number;
  lastReminderAt: string | null;
  responses: ReadonlyArray<{
    responseNumber: number;
    receivedAt: string;
    fileName: string | null;
    templateVersion: string | null;
    findingCounts: Record<string, number>;
  }>;
  latestFindings: ReadonlyArray<{
    ruleId: string;
    severity: string;
    field: string;
    cell?: string;
    metal?: string;
    smelterId?: string;
    kind?: string;
    message: string;
  }>;
  followUps: ReadonlyArray<{
    followUpId: string;
    kind: string;
    origin: string;
    responseNumber: number;
    findings: number;
    requestedAt: string;
    resolution: string | null;
    resolvedAt: string | null;
  }>;
}

const count = (counts: Record<string, number> | undefined, severity: string) => counts?.[severity] ?? 0;

/**
 * Supplier survey status of a period as a spreadsheet: a row per supplier (status, reminders, latest
 * response, its findings by severity, follow-ups); in the workbook, each finding of the latest
 * response and each follow-up on its own row in two more sheets. A CSV holds the first sheet, whose
 * cells list the findings and follow-ups one per line.
 */
export function surveyStatusExport(surveys: readonly SurveyStatusExportRow[]): ExportDocument {
  const findings: ExportCell[][] = [];
  const followUps: ExportCell[][] = [];
  for (const survey of surveys) {
    for (const finding of survey.latestFindings) {
      findings.push([
        survey.supplierId,
        survey.name,
        finding.severity,
        finding.ruleId,
        finding.field,
        finding.cell ?? null,
        finding.metal ?? null,
        finding.smelterId ?? null,
        finding.kind ?? null,
        finding.message,
      ]);
    }
    for (const followUp of survey.followUps) {
      followUps.push([
        survey.supplierId,
        survey.name,
        followUp.followUpId,
        followUp.kind,
        followUp.origin,
        followUp.responseNumber,
        followUp.findings,
        followUp.requestedAt,
        followUp.resolution ?? 'open',
        followUp.resolvedAt,
      ]);
    }
  }
  return {
    sheets: [
      {
        name: 'Survey status',
        columns: [
          { header: 'Supplier id' },
          { header: 'Supplier', width: 30 },
          { header: 'Tier' },
          { header: 'Country' },
          { header: 'Survey status', width: 18 },
          { header: 'Request no.' },
          { header: 'CMRT sent at', width: 25 },
          { header: 'Due date' },
          { header: 'Reminders (this request)' },
          { header: 'Reminders (period)' },
          { header: 'Last reminder at', width: 25 },
          { header: 'Responses received' },
          { header: 'Latest response received at', width: 25 },
          { header: 'Latest response file', width: 30 },
          { header: 'Template version' },
          { header: 'Errors' },
          { header: 'Warnings' },
          { header: 'Red flags' },
          { header: 'Findings of the latest response', width: 60 },
          { header: 'Follow-ups open' },
          { header: 'Follow-ups', width: 50 },
        ],
        rows: surveys.map((survey) => {
          const latest = survey.responses.at(-1);
          return [
            survey.supplierId,
            survey.name,
            survey.tier,
            survey.country,
            survey.status,
            survey.requestNumber,
            survey.sentAt,
            survey.dueDate,
            survey.remindersSent,
            survey.remindersTotal,
            survey.lastReminderAt,
            survey.responses.length,
            latest?.receivedAt ?? null,
            latest?.fileName ?? null,
            latest?.templateVersion ?? null,
            count(latest?.findingCounts, 'error'),
            count(latest?.findingCounts, 'warning'),
            count(latest?.findingCounts, 'red-flag'),
            survey.latestFindings.map((finding) => `${finding.severity} ${finding.ruleId}: ${finding.message}`).join('\n'),
            survey.followUps.filter((followUp) => followUp.resolution === null).length,
            survey.followUps.map((followUp) => `${followUp.kind} (${followUp.resolution ?? 'open'})`).join('\n'),
          ];
        }),
      },
      {
        name: 'Findings',
        columns: [
          { header: 'Supplier id' },
          { header: 'Supplier', width: 30 },
          { header: 'Severity' },
          { header: 'Rule', width: 36 },
          { header: 'Field', width: 30 },
          { header: 'Cell', width: 20 },
          { header: 'Metal' },
          { header: 'Smelter (RMI id)', width: 16 },
          { header: 'Follow-up kind', width: 20 },
          { header: 'Message', width: 70 },
        ],
        rows: findings,
      },
      {
        name: 'Follow-ups',
        columns: [
          { header: 'Supplier id' },
          { header: 'Supplier', width: 30 },
          { header: 'Follow-up id', width: 38 },
          { header: 'Kind', width: 20 },
          { header: 'Origin', width: 20 },
          { header: 'Response no.' },
          { header: 'Findings' },
          { header: 'Requested at', width: 25 },
          { header: 'Resolution', width: 20 },
          { header: 'Resolved at', width: 25 },
        ],
        rows: followUps,
      },
    ],
  };
}
