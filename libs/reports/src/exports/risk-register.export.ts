import type { ExportDocument } from './export-table';

/** A risk as the risk register read answers it (the fields the export shows). */
export interface RiskRegisterExportRow {
  riskId: string;
  period: number;
  supplierId: string | null;
  metal: string | null;
  smelterId: string | null;
  category: string;
  severity: string;
  raisedSeverity: string;
  status: string;
  reason: string;
  evidence: string | null;
  raisedAt: string;
  raisedBy: string;
  source: string;
  owner: string | null;
  assessment: { likelihood: string; impact: string; rationale: string } | null;
  mitigation: { revision: number; strategy: string; plan: string; dueDate: string; completed: boolean } | null;
  escalations: ReadonlyArray<{ escalatedTo: string; dueDate: string }>;
  closure: { resolution: string; note: string; at: string } | null;
}

/** The risk register of a period as a spreadsheet: a row per risk, its assessment, mitigation and closure. */
export function riskRegisterExport(risks: readonly RiskRegisterExportRow[]): ExportDocument {
  return {
    sheets: [
      {
        name: 'Risk register',
        columns: [
          { header: 'Risk id', width: 22 },
          { header: 'Period' },
          { header: 'Supplier' },
          { header: 'Metal' },
          { header: 'Smelter (RMI id)', width: 16 },
          { header: 'Category', width: 26 },
          { header: 'Severity' },
          { header: 'Severity when raised' },
          { header: 'Status' },
          { header: 'Reason', width: 60 },
          { header: 'Evidence', width: 30 },
          { header: 'Raised at (business time)', width: 25 },
          { header: 'Raised by' },
          { header: 'Source' },
          { header: 'Owner' },
          { header: 'Likelihood' },
          { header: 'Impact' },
          { header: 'Assessment rationale', width: 40 },
          { header: 'Mitigation strategy', width: 30 },
          { header: 'Mitigation plan', width: 40 },
          { header: 'Plan revision' },
          { header: 'Mitigation due' },
          { header: 'Mitigation completed' },
          { header: 'Escalations' },
          { header: 'Escalated to (latest)' },
          { header: 'Resolution' },
          { header: 'Closed at', width: 25 },
          { header: 'Closure note', width: 40 },
        ],
        rows: risks.map((risk) => [
          risk.riskId,
          risk.period,
          risk.supplierId,
          risk.metal,
          risk.smelterId,
          risk.category,
          risk.severity,
          risk.raisedSeverity,
          risk.status,
          risk.reason,
          risk.evidence,
          risk.raisedAt,
          risk.raisedBy,
          risk.source,
          risk.owner,
          risk.assessment?.likelihood ?? null,
          risk.assessment?.impact ?? null,
          risk.assessment?.rationale ?? null,
          risk.mitigation?.strategy ?? null,
          risk.mitigation?.plan ?? null,
          risk.mitigation?.revision ?? null,
          risk.mitigation?.dueDate ?? null,
          risk.mitigation ? risk.mitigation.completed : null,
          risk.escalations.length,
          risk.escalations.at(-1)?.escalatedTo ?? null,
          risk.closure?.resolution ?? null,
          risk.closure?.at ?? null,
          risk.closure?.note ?? null,
        ]),
      },
    ],
  };
}
